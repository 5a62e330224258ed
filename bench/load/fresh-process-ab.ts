// A/B of what a fresh process pays (a first read, a first query): each round starts one
// new process per tree, the trees' order alternating (A B, B A, ...) so a drift of the
// machine falls on both alike. The process is the calling bench's own script run again
// with `--child=<tree>` (from that tree, its modules): it prints its figures as the last
// line of its output, as JSON. Used by bench/history-first-read.ts and
// bench/prisma-first-query.ts.
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";

/** --trees=name=/path,name=/path as [name, path] pairs. */
export function namedTrees(spec: string): [string, string][] {
  return spec
    .split(",")
    .filter(Boolean)
    .map((t) => {
      const [name, root] = t.split("=");
      if (!name || !root) throw new Error(`--trees: "${t}" is not name=/path`);
      return [name, root];
    });
}

export interface FreshRounds<L> {
  /** The bench's script (import.meta.filename): run again as each child. */
  script: string;
  trees: [string, string][];
  rounds: number;
  /** More arguments for the child, after --child=<tree>. */
  args: string[];
  /** One round's line for one tree, as printed (the load average is added). */
  describe: (line: L) => string;
}

/** Runs the rounds; each tree's child lines, in round order. */
export function freshProcessRounds<L>(o: FreshRounds<L>): Map<string, L[]> {
  const got = new Map<string, L[]>(o.trees.map(([name]) => [name, []]));
  for (let r = 0; r < o.rounds; r++) {
    const order = r % 2 === 0 ? o.trees : [...o.trees].reverse();
    for (const [name, root] of order) {
      const out = execFileSync("npx", ["tsx", o.script, `--child=${root}`, ...o.args], {
        cwd: root,
        env: process.env,
        encoding: "utf8",
      });
      const line = JSON.parse(out.trim().split("\n").at(-1)!) as L;
      got.get(name)!.push(line);
      console.log(`round ${r + 1} ${name}: ${o.describe(line)}; load ${loadavg()[0]!.toFixed(1)}`);
    }
  }
  return got;
}

/** The median of `pick` over the lines, to `digits` places. */
export function medianOf<L>(lines: L[], pick: (line: L) => number, digits = 2): string {
  const xs = lines.map(pick).sort((a, b) => a - b);
  return xs[xs.length >> 1]!.toFixed(digits);
}
