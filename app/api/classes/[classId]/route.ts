import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { withClassErrors } from "@/lib/classes/class-error";
import { getClassSummary } from "@/lib/classes/class-service";
import { noStore, parseId } from "@/lib/classes/route-params";
import { db } from "@/lib/db/client";

type Ctx = { params: Promise<{ classId: string }> };

/** GET /api/classes/:classId → {class} with join code and instructors (its instructors, admins). */
export const GET = withClassErrors(async (request, { params }: Ctx) => {
  const user = await requireRequestUser(db(), request);
  const classId = parseId((await params).classId);
  return jsonResponse({ class: await getClassSummary(db(), user, classId) }, { headers: noStore });
});
