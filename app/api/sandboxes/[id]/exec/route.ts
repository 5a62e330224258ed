import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { clientIp } from "@/lib/http/client-ip";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { withErrors } from "@/lib/http/route-handler";
import { authorizeSandbox, execSchema, runTerminalCommand } from "@/lib/terminal";

/**
 * POST /api/sandboxes/:id/exec {command, namespace?, context?}
 * → {stdout, stderr, exitCode, session?, clear?}. Owner only (instructors: read-only, later).
 */
export const POST = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const user = await requireRequestUser(db(), request);
  const { id } = await params;
  const input = await parseJsonRequest(request, execSchema, 128 * 1024);
  await authorizeSandbox(user, id, "write");
  const result = await runTerminalCommand(
    id,
    input.command,
    input,
    clientIp(request.headers) ?? undefined,
  );
  return Response.json(result, { headers: { "cache-control": "no-store" } });
});
