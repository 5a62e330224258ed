import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { listLabs, withLabErrors } from "@/lib/labs/server";

/** GET /api/labs → {labs: [{id, title, goal, …, complete}]} for the signed-in learner. */
export const GET = withLabErrors(async (request) => {
  const user = await requireRequestUser(db(), request);
  const labs = listLabs();
  const passes = await db().labTaskPass.groupBy({
    by: ["labId"],
    where: { userId: user.id },
    _count: { taskId: true },
  });
  const passed = new Map(passes.map((p) => [p.labId, p._count.taskId]));
  return Response.json(
    {
      labs: labs.map((l) => ({
        ...l,
        passedTasks: passed.get(l.id) ?? 0,
        complete: (passed.get(l.id) ?? 0) >= l.taskCount,
      })),
    },
    { headers: { "cache-control": "no-store" } },
  );
});
