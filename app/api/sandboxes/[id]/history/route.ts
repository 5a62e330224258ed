import { jsonResponse } from "@/lib/http/json-response";
import { withErrors } from "@/lib/http/route-handler";
import { requireSandboxRequester } from "@/lib/terminal/sandbox-requester";
import { HISTORY_LIMIT } from "@/lib/terminal/history";

/**
 * GET /api/sandboxes/:id/history → {history: string[]} (oldest first). One statement: the
 * history is read with the user and sandbox rows, and answered only once the read is allowed.
 */
export const GET = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const requester = await requireSandboxRequester(request, id, "LEARNER", {
    history: HISTORY_LIMIT,
  });
  await requester.authorize("read");
  return jsonResponse({ history: requester.history });
});
