import { jsonResponse } from "@/lib/http/json-response";
import { clientIp } from "@/lib/http/client-ip";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { withErrors } from "@/lib/http/route-handler";
import { answerFromOwner } from "@/lib/terminal/sandbox-owner-worker";
import { requireSandboxRequester } from "@/lib/terminal/sandbox-requester";
import { spendSandboxBudget } from "@/lib/http/token-bucket";
import { openContainerShell, runShellLine, shellSchema } from "@/lib/terminal";

const BODY_LIMIT = 256 * 1024;

/**
 * POST /api/sandboxes/:id/shell — the terminal's `kubectl exec -i[t] POD -- sh`.
 * `{command, namespace?, context?}` opens it → `{stdout, stderr, exitCode, shell?, prompt?}`
 * (no `shell`: kubectl refused, as the exec route would print it);
 * `{shell, line | eof, status}` runs one line → `{stdout, stderr, status, exit?}`
 * (`exit`: the shell ended, kubectl's "command terminated with exit code N" in stderr).
 * Owner only: a shell can write (etcdctl put), so instructors' read access is refused.
 * Run on the sandbox's owner worker, as the terminal's commands are
 * (lib/terminal/sandbox-owner-worker.ts).
 */
export const POST = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const onOwner = await answerFromOwner(
    request,
    "sandbox-shell",
    id,
    { id },
    { bodyLimit: BODY_LIMIT },
  );
  if (onOwner) return onOwner;
  const requester = await requireSandboxRequester(request, id);
  const input = await parseJsonRequest(request, shellSchema, BODY_LIMIT);
  const { version: _version, ...owner } = await requester.authorize("write");
  spendSandboxBudget(id);
  const ip = clientIp(request.headers) ?? undefined;
  const result =
    "command" in input
      ? await openContainerShell(id, input.command, input, ip, { owner })
      : await runShellLine(id, input.shell, input, ip);
  return jsonResponse(result);
});
