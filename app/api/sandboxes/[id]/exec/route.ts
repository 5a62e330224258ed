import { jsonResponse } from "@/lib/http/json-response";
import { clientIp } from "@/lib/http/client-ip";
import { HttpError } from "@/lib/http/http-error";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { withErrors } from "@/lib/http/route-handler";
import { withOwnerGrant } from "@/lib/terminal/sandbox-grant-cache";
import { spendSandboxBudget } from "@/lib/http/token-bucket";
import { execSchema, MAX_STDIN_BYTES, runTerminalCommand } from "@/lib/terminal";

/**
 * POST /api/sandboxes/:id/exec {command, stdin?, namespace?, context?}
 * → {stdout, stderr, exitCode, session?, clear?, edit?}. Owner only (instructors: read-only).
 * `stdin` (≤ 1 MiB) feeds the first command: the editor's "적용" runs `kubectl apply -f -`.
 */
export const POST = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  // The user and the sandbox row in one query, or - for a sandbox this instance saw the
  // learner use - none: the command's own statement re-checks the owner (see the cache).
  return withOwnerGrant(
    request,
    id,
    async () => {
      // Room for 1 MiB of stdin after JSON escaping, plus the command.
      const input = await parseJsonRequest(request, execSchema, 2 * MAX_STDIN_BYTES + 128 * 1024);
      if (input.stdin && Buffer.byteLength(input.stdin, "utf8") > MAX_STDIN_BYTES)
        throw new HttpError(413, "bodyTooLarge", { limit: "1MB" });
      return input;
    },
    async (input, grant) => {
      spendSandboxBudget(id);
      const result = await runTerminalCommand(
        id,
        input.command,
        input,
        clientIp(request.headers) ?? undefined,
        {
          owner: grant.owner,
          ...(grant.knownVersion !== undefined ? { knownVersion: grant.knownVersion } : {}),
          ...(grant.guard !== undefined ? { guard: grant.guard } : {}),
          ...(input.stdin !== undefined ? { stdin: input.stdin } : {}),
        },
      );
      return jsonResponse(result, { request });
    },
  );
});
