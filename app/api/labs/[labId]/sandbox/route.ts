import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { labSandbox, withLabErrors } from "@/lib/labs/server";

/** GET /api/labs/:labId/sandbox → {sandboxId} of the learner's lab sandbox (created on first use). */
export const GET = withLabErrors(
  async (request, { params }: { params: Promise<{ labId: string }> }) => {
    const user = await requireRequestUser(db(), request);
    const { labId } = await params;
    return Response.json(
      { sandboxId: await labSandbox(user.id, labId) },
      { headers: { "cache-control": "no-store" } },
    );
  },
);
