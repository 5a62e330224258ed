// Followed text (`kubectl logs -f`, `journalctl -f`): the command's output so far, then
// only the lines appended since the last pass. The views are windows (journalctl shows
// the newest entries), so "appended" is what follows the longest overlap between the end
// of the previous text and the start of the new one. Each pass runs the snapshot form on
// one state of the sandbox.

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
      const added = appendedLines(before, r.stdout);
      return added ? { stdout: added, stderr: "" } : EMPTY;
    },
  };
}

/** journalctl's "-- Logs begin at … --" banner heads every view; it is not a log line. */
const banner = (l: string) => l.startsWith("-- ");

/** The lines of `next` after its overlap with the end of `prev` (all of them when none). */
export function appendedLines(prev: string, next: string): string {
  const a = prev.split("\n").filter((l) => l !== "" && !banner(l));
  const b = next.split("\n").filter((l) => l !== "" && !banner(l));
  for (let k = 0; k < a.length; k++) {
    const tail = a.length - k;
    if (tail > b.length) continue;
    let same = true;
    for (let i = 0; i < tail && same; i++) same = a[k + i] === b[i];
    if (same)
      return b
        .slice(tail)
        .map((l) => `${l}\n`)
        .join("");
  }
  return b.map((l) => `${l}\n`).join("");
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
