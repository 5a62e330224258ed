import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { checkLab, withLabErrors } from "@/lib/labs/server";

/** POST /api/labs/:labId/check → the stored attempt: score, per-task state, per-check feedback. */
export const POST = withLabErrors(
  async (request, { params }: { params: Promise<{ labId: string }> }) => {
    assertSameOrigin(request);
    const user = await requireRequestUser(db(), request);
    const { labId } = await params;
    return Response.json(await checkLab(user.id, labId), {
      headers: { "cache-control": "no-store" },
    });
  },
);
