// Streaming commands (-w, -f, `watch`, `tail -f`): the command's snapshot form runs
// once a second and only lines not printed before are sent, until the client
// disconnects (Ctrl-C closes the stream). Lines are the unit kubectl -w and tail -f
// print in, so a diff by line gives the same picture as the live tool.

import { runCommandLine, DEFAULT_SESSION } from "@/lib/sim/cli";
import { sandboxEnv } from "./db-env";
import type { TerminalSession } from "./run-command";
import { lineKey, snapshotForm } from "./streaming-form";

export function streamCommand(
  sandboxId: string,
  line: string,
  session: TerminalSession,
  signal: AbortSignal,
  intervalMs = 1000,
): ReadableStream<Uint8Array> {
  const snapshot = snapshotForm(line) ?? line;
  const enc = new TextEncoder();
  const seen = new Set<string>();
  const s = { ...DEFAULT_SESSION, ...(session.namespace ? { namespace: session.namespace } : {}) };
  let cancelled = false;
  return new ReadableStream({
    cancel() {
      cancelled = true;
    },
    async start(controller) {
      const send = (event: string, data: unknown) =>
        controller.enqueue(enc.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      let first = true;
      const env = sandboxEnv(sandboxId);
      // etcdctl watch: each pass asks for the events after the revision seen last.
      const etcdWatch = /^\s*etcdctl\s+watch\s/.test(snapshot);
      let rev = etcdWatch ? (await env.state()).store.revision + 1 : 0;
      while (!signal.aborted && !cancelled) {
        const line = etcdWatch ? `${snapshot} --rev=${rev}` : snapshot;
        // etcdctl watch reads one snapshot of the store, so the next pass starts exactly
        // after the revisions this pass could see.
        const snap = etcdWatch ? await env.state() : undefined;
        const r = await runCommandLine(line, snap ? { ...env, state: async () => snap } : env, s);
        if (snap) {
          rev = snap.store.revision + 1;
          if (r.stdout) send("stdout", r.stdout);
        }
        const fresh = (etcdWatch ? "" : r.stdout)
          .split("\n")
          .filter((l) => l !== "" && !seen.has(lineKey(l)));
        fresh.forEach((l) => seen.add(lineKey(l)));
        if (fresh.length) send("stdout", `${fresh.join("\n")}\n`);
        if (first && r.stderr) send("stderr", r.stderr);
        if (first && r.exitCode !== 0) {
          send("exit", { exitCode: r.exitCode });
          break;
        }
        if (/ successfully rolled out\n/.test(r.stdout)) {
          send("exit", { exitCode: 0 });
          break;
        }
        first = false;
        await new Promise((res) => setTimeout(res, intervalMs));
      }
      if (!cancelled) controller.close();
    },
  });
}
