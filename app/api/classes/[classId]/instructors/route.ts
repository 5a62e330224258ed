import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { withClassErrors } from "@/lib/classes/class-error";
import { addInstructor } from "@/lib/classes/class-service";
import { noStore, parseId } from "@/lib/classes/route-params";
import { addInstructorSchema } from "@/lib/classes/schemas";
import { db } from "@/lib/db/client";
import { parseJsonRequest } from "@/lib/http/parse-request";

type Ctx = { params: Promise<{ classId: string }> };

/** POST /api/classes/:classId/instructors {email} → {class}: an admin adds a co-instructor. */
export const POST = withClassErrors(async (request, { params }: Ctx) => {
  const user = await requireRequestUser(db(), request, "ADMIN");
  const classId = parseId((await params).classId);
  const { email } = await parseJsonRequest(request, addInstructorSchema);
  return jsonResponse(
    { class: await addInstructor(db(), user, classId, email) },
    { headers: noStore },
  );
});
