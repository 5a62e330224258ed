import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { withClassErrors } from "@/lib/classes/class-error";
import { learnerSandbox } from "@/lib/classes/learner/learner-detail";
import { noStore, parseId } from "@/lib/classes/route-params";
import { db } from "@/lib/db/client";

type Ctx = { params: Promise<{ classId: string; userId: string }> };

/**
 * GET /api/classes/:classId/learners/:userId/sandbox?sandbox=<id> → read-only view of
 * the learner's sandbox (objects now, latest request traces). Nothing is written.
 */
export const GET = withClassErrors(async (request, { params }: Ctx) => {
  const user = await requireRequestUser(db(), request);
  const p = await params;
  const sandbox = new URL(request.url).searchParams.get("sandbox");
  const view = await learnerSandbox(
    db(),
    user,
    parseId(p.classId),
    parseId(p.userId, "learnerNotFound"),
    sandbox ? parseId(sandbox, "noSandbox") : undefined,
  );
  return jsonResponse(view, { headers: noStore });
});
