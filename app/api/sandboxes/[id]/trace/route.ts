import { jsonResponse } from "@/lib/http/json-response";
import { withErrors } from "@/lib/http/route-handler";
import { requireSandboxRequester } from "@/lib/terminal/sandbox-requester";
import { recentCommandTraces } from "@/lib/workspace/sandbox-views";

/**
 * GET /api/sandboxes/:id/trace → { commands: [{label, at, diagram, steps}] }, newest first:
 * each recent command's journey through the control plane as a mermaid sequence diagram.
 * The user's row and the sandbox row (its log sequence included) in one query, with the
 * checks of requireRequestUser then authorizeSandbox in their order; then the log rows.
 */
export const GET = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const requester = await requireSandboxRequester(request, id);
  await requester.authorize("read");
  return jsonResponse({ commands: await recentCommandTraces(id, requester.logSeq) });
});
