import { HttpError } from "@/lib/http/http-error";
import { withErrors } from "@/lib/http/route-handler";
import { requireSandboxRequester } from "@/lib/terminal/sandbox-requester";
import { execSchema, streamCommand } from "@/lib/terminal";
import { answerFromOwner } from "@/lib/terminal/sandbox-owner-worker";

/**
 * GET /api/sandboxes/:id/stream?command=…&namespace=… → text/event-stream of
 * `stdout`/`stderr` events for -w/-f/watch commands until the client closes it (Ctrl-C).
 * Run on the sandbox's owner worker (lib/terminal/sandbox-owner-worker.ts; its events come
 * back as they are produced): every pass reads the sandbox, which another worker would
 * keep a second copy of, refreshed each second.
 */
export const GET = withErrors(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const onOwner = await answerFromOwner(request, "sandbox-stream", id, { id });
  if (onOwner) return onOwner;
  const requester = await requireSandboxRequester(request, id);
  const url = new URL(request.url);
  const input = execSchema.safeParse({
    command: url.searchParams.get("command") ?? "",
    namespace: url.searchParams.get("namespace") ?? undefined,
  });
  if (!input.success) throw new HttpError(400, "invalidInput");
  await requester.authorize("write");
  // The lane's request (run here for another worker, FORWARDED) has no signal: there the
  // client leaving cancels the stream itself (server/fast-lane/lane-streams.mjs).
  const signal = (request as { signal?: AbortSignal }).signal;
  const body = streamCommand(id, input.data.command, input.data, signal);
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    },
  });
});
