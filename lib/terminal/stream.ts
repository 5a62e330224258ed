// Streaming commands (-w, -f, `watch`, `etcdctl watch`, `rollout status`) over SSE: the
// command's first output, then what each later pass finds changed - watch events, new
// revisions, appended log text - until the client disconnects (Ctrl-C closes the stream),
// the command ends by itself, or 30 minutes pass. Passes read the sandbox through the
// Postgres-backed env (see streaming/source.ts), so changes made by other requests and
// other app instances appear.

import { DEFAULT_SESSION, CliError } from "@/lib/sim/cli";
import { sandboxEnv } from "./db-env";
import type { TerminalSession } from "./run-command";
import { openSource } from "./streaming/open-source";
import { applyFilters, splitPipeline } from "./streaming/pipeline";
import type { Chunk, StreamSource } from "./streaming/source";

const MAX_STREAM_MS = 30 * 60 * 1000;

export function streamCommand(
  sandboxId: string,
  line: string,
  session: TerminalSession,
  // undefined when the lane runs the route for another worker (its request has no signal):
  // there the client leaving cancels the returned stream instead.
  signal: AbortSignal | undefined,
  intervalMs = 1000,
): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const s = { ...DEFAULT_SESSION, ...(session.namespace ? { namespace: session.namespace } : {}) };
  let cancelled = false;
  const stopped = () => cancelled || signal?.aborted === true;
  return new ReadableStream({
    cancel() {
      cancelled = true;
    },
    async start(controller) {
      const send = (event: string, data: unknown) => {
        if (!cancelled)
          controller.enqueue(enc.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      const env = sandboxEnv(sandboxId);
      const ctx = { sandboxId, env, session: s };
      const deadline = Date.now() + MAX_STREAM_MS;
      try {
        const { head, filters } = splitPipeline(line);
        const source: StreamSource = await openSource(head, ctx);
        while (!stopped()) {
          const c: Chunk = await source.next();
          const out =
            filters.length && c.stdout ? await applyFilters(c.stdout, filters, env, s) : c;
          if (out.stdout) send("stdout", out.stdout);
          if (c.stderr || out.stderr)
            send("stderr", `${c.stderr}${filters.length ? out.stderr : ""}`);
          if (c.exit !== undefined) {
            send("exit", { exitCode: c.exit });
            break;
          }
          if (Date.now() > deadline) break;
          await new Promise((res) => setTimeout(res, intervalMs));
        }
      } catch (e) {
        if (e instanceof CliError) {
          send("stderr", `${e.stderr}\n`);
          send("exit", { exitCode: e.exitCode });
        } else {
          send("stderr", `시뮬레이터 내부 오류: ${e instanceof Error ? e.message : String(e)}\n`);
          send("exit", { exitCode: 1 });
        }
      }
      if (!cancelled) controller.close();
    },
  });
}
