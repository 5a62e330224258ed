import { jsonResponse } from "@/lib/http/json-response";
import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { withErrors } from "@/lib/http/route-handler";
import { authorizeSandbox } from "@/lib/terminal";
import { recentCommandTraces } from "@/lib/workspace/sandbox-views";

/**
 * GET /api/sandboxes/:id/trace → { commands: [{label, at, diagram, steps}] }, newest first:
 * each recent command's journey through the control plane as a mermaid sequence diagram.
 */
export const GET = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const user = await requireRequestUser(db(), request);
  const { id } = await params;
  await authorizeSandbox(user, id, "read");
  return jsonResponse({ commands: await recentCommandTraces(id) });
});
