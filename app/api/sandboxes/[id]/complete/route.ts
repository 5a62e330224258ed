import { jsonResponse } from "@/lib/http/json-response";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { withErrors } from "@/lib/http/route-handler";
import { requireSandboxRequester } from "@/lib/terminal/sandbox-requester";
import { completeSchema, completeTerminalLine } from "@/lib/terminal";

/** POST /api/sandboxes/:id/complete {line} → {word, candidates} for Tab completion. */
export const POST = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const requester = await requireSandboxRequester(request, id);
  const input = await parseJsonRequest(request, completeSchema);
  const { version: _version, ...owner } = await requester.authorize("read");
  return jsonResponse(await completeTerminalLine(id, input.line, input, owner), { request });
});
