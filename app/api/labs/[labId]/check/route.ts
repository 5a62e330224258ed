import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { answerFromOwner, checkLab, labSandboxId, withLabErrors } from "@/lib/labs/server";

/**
 * POST /api/labs/:labId/check → the stored attempt: score, per-task state, per-check feedback.
 * Graded on the worker that owns the lab sandbox (lib/terminal/sandbox-owner-worker.ts), where
 * the learner's commands keep it decoded, not loaded a second time here.
 */
export const POST = withLabErrors(
  async (request, { params }: { params: Promise<{ labId: string }> }) => {
    assertSameOrigin(request);
    const user = await requireRequestUser(db(), request);
    const { labId } = await params;
    const sandboxId = await labSandboxId(user.id, labId);
    const onOwner = await answerFromOwner(request, "lab-check", sandboxId, { labId });
    if (onOwner) return onOwner;
    return Response.json(await checkLab(user.id, labId, sandboxId), {
      headers: { "cache-control": "no-store" },
    });
  },
);
