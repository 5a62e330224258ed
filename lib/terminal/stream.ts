// Streaming commands (-w, -f, `watch`, `tail -f`): the command's snapshot form runs
// once a second and only lines not printed before are sent, until the client
// disconnects (Ctrl-C closes the stream). Lines are the unit kubectl -w and tail -f
// print in, so a diff by line gives the same picture as the live tool.

import { runCommandLine, DEFAULT_SESSION } from "@/lib/sim/cli";
import { sandboxEnv } from "./db-env";
import type { TerminalSession } from "./run-command";

/** The snapshot form of a streaming command line, or undefined if it does not stream. */
export function snapshotForm(line: string): string | undefined {
  const follow = /(^|\s)(-w|--watch|--watch-only|-f|--follow)(?=\s|$|\|)/;
  if (/^\s*watch\s+/.test(line)) return line.replace(/^\s*watch\s+(-n\s*\d+\s+)?/, "");
  if (!follow.test(line)) return undefined;
  return line.replace(new RegExp(follow.source, "g"), "$1").replace(/\s+/g, " ").trim();
}

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
  return new ReadableStream({
    async start(controller) {
      const send = (event: string, data: unknown) =>
        controller.enqueue(enc.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      let first = true;
      while (!signal.aborted) {
        const r = await runCommandLine(snapshot, sandboxEnv(sandboxId), s);
        const fresh = r.stdout.split("\n").filter((l) => l !== "" && !seen.has(l));
        fresh.forEach((l) => seen.add(l));
        if (fresh.length) send("stdout", `${fresh.join("\n")}\n`);
        if (first && r.stderr) send("stderr", r.stderr);
        if (first && r.exitCode !== 0) {
          send("exit", { exitCode: r.exitCode });
          break;
        }
        first = false;
        await new Promise((res) => setTimeout(res, intervalMs));
      }
      controller.close();
    },
  });
}
