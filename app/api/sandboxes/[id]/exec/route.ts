import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { clientIp } from "@/lib/http/client-ip";
import { HttpError } from "@/lib/http/http-error";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { withErrors } from "@/lib/http/route-handler";
import { spendSandboxBudget } from "@/lib/http/token-bucket";
import { authorizeSandbox, execSchema, MAX_STDIN_BYTES, runTerminalCommand } from "@/lib/terminal";

/**
 * POST /api/sandboxes/:id/exec {command, stdin?, namespace?, context?}
 * → {stdout, stderr, exitCode, session?, clear?, edit?}. Owner only (instructors: read-only).
 * `stdin` (≤ 1 MiB) feeds the first command: the editor's "적용" runs `kubectl apply -f -`.
 */
export const POST = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const user = await requireRequestUser(db(), request);
  const { id } = await params;
  // Room for 1 MiB of stdin after JSON escaping, plus the command.
  const input = await parseJsonRequest(request, execSchema, 2 * MAX_STDIN_BYTES + 128 * 1024);
  if (input.stdin && Buffer.byteLength(input.stdin, "utf8") > MAX_STDIN_BYTES)
    throw new HttpError(413, "bodyTooLarge", { limit: "1MB" });
  const owner = await authorizeSandbox(user, id, "write");
  spendSandboxBudget(id);
  const result = await runTerminalCommand(
    id,
    input.command,
    input,
    clientIp(request.headers) ?? undefined,
    { owner, ...(input.stdin !== undefined ? { stdin: input.stdin } : {}) },
  );
  return Response.json(result, { headers: { "cache-control": "no-store" } });
});
