// Followed text (`kubectl logs -f`, `journalctl -f`): the command's output so far, then
// only what was appended since the last pass. Output that no longer extends what was
// printed (the container restarted, the journal rotated) is printed afresh, as `tail -F`
// would. Each pass runs the snapshot form on one state of the sandbox.

import { runPinned } from "./pinned";
import { EMPTY, type Chunk, type SourceContext, type StreamSource } from "./source";

export function textFollow(
  snapshotLine: string,
  laterLine: string,
  ctx: SourceContext,
): StreamSource {
  let seen: string | undefined;
  return {
    async next(): Promise<Chunk> {
      const state = await ctx.env.state();
      const first = seen === undefined;
      const r = await runPinned(first ? snapshotLine : laterLine, state, ctx.session);
      if (first) {
        // Later passes read the whole text again (no --tail): remember all of it.
        seen =
          snapshotLine === laterLine
            ? r.stdout
            : (await runPinned(laterLine, state, ctx.session)).stdout;
        return { stdout: r.stdout, stderr: r.stderr, ...(r.exitCode ? { exit: r.exitCode } : {}) };
      }
      const before = seen ?? "";
      seen = r.stdout;
      if (r.stdout === before) return EMPTY;
      if (r.stdout.startsWith(before)) return { stdout: r.stdout.slice(before.length), stderr: "" };
      return { stdout: r.stdout, stderr: "" };
    },
  };
}

/** Repeats a command and prints the lines it did not print before (`kubectl rollout status`, `watch`). */
export function newLines(line: string, ctx: SourceContext, until?: RegExp): StreamSource {
  const printed = new Set<string>();
  let first = true;
  return {
    async next(): Promise<Chunk> {
      const state = await ctx.env.state();
      const r = await runPinned(line, state, ctx.session);
      const fresh = r.stdout.split("\n").filter((l) => l !== "" && !printed.has(l));
      fresh.forEach((l) => printed.add(l));
      const chunk: Chunk = {
        stdout: fresh.length ? `${fresh.join("\n")}\n` : "",
        stderr: first ? r.stderr : "",
      };
      const wasFirst = first;
      first = false;
      if (wasFirst && r.exitCode !== 0) return { ...chunk, exit: r.exitCode };
      if (until?.test(r.stdout)) return { ...chunk, exit: 0 };
      return chunk;
    },
  };
}
