import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { withClassErrors } from "@/lib/classes/class-error";
import { learnerDetail } from "@/lib/classes/learner/learner-detail";
import { noStore, parseId } from "@/lib/classes/route-params";
import { db } from "@/lib/db/client";

type Ctx = { params: Promise<{ classId: string; userId: string }> };

/** GET /api/classes/:classId/learners/:userId → {class, learner, timeline} (newest first). */
export const GET = withClassErrors(async (request, { params }: Ctx) => {
  const user = await requireRequestUser(db(), request);
  const p = await params;
  const body = await learnerDetail(
    db(),
    user,
    parseId(p.classId),
    parseId(p.userId, "learnerNotFound"),
  );
  return jsonResponse(body, { headers: noStore });
});
