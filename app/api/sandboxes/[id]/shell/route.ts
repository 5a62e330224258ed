import { jsonResponse } from "@/lib/http/json-response";
import { clientIp } from "@/lib/http/client-ip";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { withErrors } from "@/lib/http/route-handler";
import { requireSandboxRequester } from "@/lib/terminal/sandbox-requester";
import { spendSandboxBudget } from "@/lib/http/token-bucket";
import { openContainerShell, runShellLine, shellSchema } from "@/lib/terminal";

/**
 * POST /api/sandboxes/:id/shell — the terminal's `kubectl exec -i[t] POD -- sh`.
 * `{command, namespace?, context?}` opens it → `{stdout, stderr, exitCode, shell?, prompt?}`
 * (no `shell`: kubectl refused, as the exec route would print it);
 * `{shell, line | eof, status}` runs one line → `{stdout, stderr, status, exit?}`
 * (`exit`: the shell ended, kubectl's "command terminated with exit code N" in stderr).
 * Owner only: a shell can write (etcdctl put), so instructors' read access is refused.
 */
export const POST = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const requester = await requireSandboxRequester(request, id);
  const input = await parseJsonRequest(request, shellSchema, 256 * 1024);
  const { version: _version, ...owner } = await requester.authorize("write");
  spendSandboxBudget(id);
  const ip = clientIp(request.headers) ?? undefined;
  const result =
    "command" in input
      ? await openContainerShell(id, input.command, input, ip, { owner })
      : await runShellLine(id, input.shell, input, ip);
  return jsonResponse(result);
});
