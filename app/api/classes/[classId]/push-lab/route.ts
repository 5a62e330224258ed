import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { withClassErrors } from "@/lib/classes/class-error";
import { pushLabToClass } from "@/lib/classes/instructor-actions";
import { noStore, parseId } from "@/lib/classes/route-params";
import { pushLabSchema } from "@/lib/classes/schemas";
import { db } from "@/lib/db/client";
import { parseJsonRequest } from "@/lib/http/parse-request";

type Ctx = { params: Promise<{ classId: string }> };

/** POST /api/classes/:classId/push-lab {labId} → {learners}: every learner gets the lab's start state. */
export const POST = withClassErrors(async (request, { params }: Ctx) => {
  const user = await requireRequestUser(db(), request);
  const classId = parseId((await params).classId);
  const { labId } = await parseJsonRequest(request, pushLabSchema);
  return jsonResponse(await pushLabToClass(db(), user, classId, labId), { headers: noStore });
});
