import { jsonResponse } from "@/lib/http/json-response";
import { clientIp } from "@/lib/http/client-ip";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { withErrors } from "@/lib/http/route-handler";
import { requireSandboxRequester } from "@/lib/terminal/sandbox-requester";
import { spendSandboxBudget } from "@/lib/http/token-bucket";
import { editSchema, MAX_STDIN_BYTES, saveTerminalEdit } from "@/lib/terminal";

/**
 * POST /api/sandboxes/:id/edit {content, target, path?} — the learner saved the file
 * `kubectl edit` opened (the exec answer's `edit`). Answers like exec:
 * {stdout: "deployment.apps/web edited\n" …, stderr, exitCode, edit?}; `edit` is
 * present when kubectl would reopen the file (validation errors in its header).
 */
export const POST = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const requester = await requireSandboxRequester(request, id);
  const input = await parseJsonRequest(request, editSchema, 3 * MAX_STDIN_BYTES);
  await requester.authorize("write");
  spendSandboxBudget(id);
  const result = await saveTerminalEdit(
    id,
    input.target,
    input.content,
    input.path,
    clientIp(request.headers) ?? undefined,
  );
  return jsonResponse(result);
});
