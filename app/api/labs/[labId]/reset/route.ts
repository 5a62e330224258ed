import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { answerFromOwner, findLabSandbox, resetLabSandbox, withLabErrors } from "@/lib/labs/server";
import { requireLab } from "@/lib/labs/catalog";

/**
 * POST /api/labs/:labId/reset → {sandboxId} of a fresh sandbox at the lab's start (the UI
 * confirms first). Run on the old sandbox's owner worker (lib/terminal/sandbox-owner-worker.ts),
 * whose cache holds its copy: dropped there.
 */
export const POST = withLabErrors(
  async (request, { params }: { params: Promise<{ labId: string }> }) => {
    assertSameOrigin(request);
    const user = await requireRequestUser(db(), request);
    const { labId } = await params;
    requireLab(labId);
    const old = (await findLabSandbox(user.id, labId)) ?? null;
    const onOwner = old ? await answerFromOwner(request, "lab-reset", old, { labId }) : undefined;
    if (onOwner) return onOwner;
    return Response.json(
      { sandboxId: await resetLabSandbox(user.id, labId, old) },
      { headers: { "cache-control": "no-store" } },
    );
  },
);
