import { requireRequestUser } from "@/lib/auth/request-user";
import { withClassErrors } from "@/lib/classes/class-error";
import { removeMember } from "@/lib/classes/class-service";
import { noStore, parseId } from "@/lib/classes/route-params";
import { db } from "@/lib/db/client";
import { assertSameOrigin } from "@/lib/http/same-origin";

type Ctx = { params: Promise<{ classId: string; userId: string }> };

/** DELETE /api/classes/:classId/members/:userId → 204: the learner leaves the class. */
export const DELETE = withClassErrors(async (request, { params }: Ctx) => {
  assertSameOrigin(request);
  const user = await requireRequestUser(db(), request);
  const p = await params;
  await removeMember(db(), user, parseId(p.classId), parseId(p.userId, "learnerNotFound"));
  return new Response(null, { status: 204, headers: noStore });
});
