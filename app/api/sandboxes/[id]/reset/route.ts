import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { resetLabSandbox, withLabErrors } from "@/lib/labs/server";
import { authorizeSandbox, resetUserSandbox } from "@/lib/terminal";
import { answerFromOwner } from "@/lib/terminal/sandbox-owner-worker";

/**
 * POST /api/sandboxes/:id/reset → {id} of the fresh sandbox that replaces it. A
 * lab's sandbox restarts at that lab's start (as POST /api/labs/:labId/reset does);
 * the free sandbox restarts as the lesson's default cluster. Run on the old sandbox's owner
 * worker (lib/terminal/sandbox-owner-worker.ts), whose cache holds its copy: dropped there.
 */
export const POST = withLabErrors(
  async (request, { params }: { params: Promise<{ id: string }> }) => {
    const { id } = await params;
    const onOwner = await answerFromOwner(request, "sandbox-reset", id, { id });
    if (onOwner) return onOwner;
    assertSameOrigin(request);
    const user = await requireRequestUser(db(), request);
    const { workspace } = await authorizeSandbox(user, id, "write");
    const fresh =
      workspace === "sandbox"
        ? await resetUserSandbox(user.id, id)
        : await resetLabSandbox(user.id, workspace);
    return jsonResponse({ id: fresh });
  },
);
