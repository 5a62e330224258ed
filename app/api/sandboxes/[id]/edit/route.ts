import { jsonResponse } from "@/lib/http/json-response";
import { clientIp } from "@/lib/http/client-ip";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { withErrors } from "@/lib/http/route-handler";
import { answerFromOwner } from "@/lib/terminal/sandbox-owner-worker";
import { requireSandboxRequester } from "@/lib/terminal/sandbox-requester";
import { spendSandboxBudget } from "@/lib/http/token-bucket";
import { editSchema, MAX_STDIN_BYTES, saveTerminalEdit } from "@/lib/terminal";

const BODY_LIMIT = 3 * MAX_STDIN_BYTES;

/**
 * POST /api/sandboxes/:id/edit {content, target, path?} — the learner saved the file
 * `kubectl edit` opened (the exec answer's `edit`). Answers like exec:
 * {stdout: "deployment.apps/web edited\n" …, stderr, exitCode, edit?}; `edit` is
 * present when kubectl would reopen the file (validation errors in its header).
 * Saved on the sandbox's owner worker, as the terminal's commands run
 * (lib/terminal/sandbox-owner-worker.ts).
 */
export const POST = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const onOwner = await answerFromOwner(
    request,
    "sandbox-edit",
    id,
    { id },
    { bodyLimit: BODY_LIMIT },
  );
  if (onOwner) return onOwner;
  const requester = await requireSandboxRequester(request, id);
  const input = await parseJsonRequest(request, editSchema, BODY_LIMIT);
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
