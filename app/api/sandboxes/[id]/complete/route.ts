import { requireRequestUser } from "@/lib/auth/request-user";
import { db } from "@/lib/db/client";
import { parseJsonRequest } from "@/lib/http/parse-request";
import { withErrors } from "@/lib/http/route-handler";
import { authorizeSandbox, completeSchema, completeTerminalLine } from "@/lib/terminal";

/** POST /api/sandboxes/:id/complete {line} → {word, candidates} for Tab completion. */
export const POST = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const user = await requireRequestUser(db(), request);
  const { id } = await params;
  const input = await parseJsonRequest(request, completeSchema);
  const owner = await authorizeSandbox(user, id, "read");
  return Response.json(await completeTerminalLine(id, input.line, input, owner), {
    headers: { "cache-control": "no-store" },
  });
});
