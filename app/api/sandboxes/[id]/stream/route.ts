import { HttpError } from "@/lib/http/http-error";
import { withErrors } from "@/lib/http/route-handler";
import { requireSandboxRequester } from "@/lib/terminal/sandbox-requester";
import { execSchema, streamCommand } from "@/lib/terminal";

/**
 * GET /api/sandboxes/:id/stream?command=…&namespace=… → text/event-stream of
 * `stdout`/`stderr` events for -w/-f/watch commands until the client closes it (Ctrl-C).
 */
export const GET = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const requester = await requireSandboxRequester(request, id);
  const url = new URL(request.url);
  const input = execSchema.safeParse({
    command: url.searchParams.get("command") ?? "",
    namespace: url.searchParams.get("namespace") ?? undefined,
  });
  if (!input.success) throw new HttpError(400, "invalidInput");
  await requester.authorize("write");
  const body = streamCommand(id, input.data.command, input.data, request.signal);
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    },
  });
});
