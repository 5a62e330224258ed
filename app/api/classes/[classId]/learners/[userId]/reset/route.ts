import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { withClassErrors } from "@/lib/classes/class-error";
import { resetLearnerSandbox } from "@/lib/classes/instructor-actions";
import { noStore, parseId } from "@/lib/classes/route-params";
import { resetSandboxSchema } from "@/lib/classes/schemas";
import { db } from "@/lib/db/client";
import { parseJsonRequest } from "@/lib/http/parse-request";

type Ctx = { params: Promise<{ classId: string; userId: string }> };

/** POST /api/classes/:classId/learners/:userId/reset {sandboxId} → {sandboxId} of the fresh sandbox. */
export const POST = withClassErrors(async (request, { params }: Ctx) => {
  const user = await requireRequestUser(db(), request);
  const p = await params;
  const { sandboxId } = await parseJsonRequest(request, resetSandboxSchema);
  const result = await resetLearnerSandbox(
    db(),
    user,
    parseId(p.classId),
    parseId(p.userId, "learnerNotFound"),
    sandboxId,
  );
  return jsonResponse(result, { headers: noStore });
});
