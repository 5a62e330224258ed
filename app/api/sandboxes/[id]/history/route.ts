import { jsonResponse } from "@/lib/http/json-response";
import { withErrors } from "@/lib/http/route-handler";
import { requireSandboxRequester } from "@/lib/terminal/sandbox-requester";
import { readHistory } from "@/lib/terminal";

/** GET /api/sandboxes/:id/history → {history: string[]} (oldest first). */
export const GET = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  await (await requireSandboxRequester(request, id)).authorize("read");
  return jsonResponse({ history: await readHistory(id) });
});
