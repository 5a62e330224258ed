import { assertSameOrigin } from "@/lib/http/same-origin";
import { answerFromOwner, checkLab, labSandboxId, withLabErrors } from "@/lib/labs/server";
import { labRequester } from "@/lib/labs/server/lab-open";

/**
 * POST /api/labs/:labId/check → the stored attempt: score, per-task state, per-check feedback.
 * Graded on the worker that owns the lab sandbox (lib/terminal/sandbox-owner-worker.ts), where
 * the learner's commands keep it decoded, not loaded a second time here.
 */
export const POST = withLabErrors(
  async (request, { params }: { params: Promise<{ labId: string }> }) => {
    assertSameOrigin(request);
    const { labId } = await params;
    // The session's user row and the learner's sandbox of the lab in one query (as the
    // lab's open reads them); a learner without one yet gets it created here.
    const { userId, sandboxId: found } = await labRequester(request, labId);
    const sandboxId = found ?? (await labSandboxId(userId, labId));
    const onOwner = await answerFromOwner(request, "lab-check", sandboxId, { labId });
    if (onOwner) return onOwner;
    return Response.json(await checkLab(userId, labId, sandboxId), {
      headers: { "cache-control": "no-store" },
    });
  },
);
