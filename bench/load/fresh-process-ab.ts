// A/B of what a fresh process pays (a first read, a first query): each round starts one
// new process per tree, the trees' order alternating (A B, B A, ...) so a drift of the
// machine falls on both alike. The process is the calling bench's own script run again
// with `--child=<tree>` (from that tree, its modules): it prints its figures as the last
// line of its output, as JSON. Used by bench/history-first-read.ts and
// bench/prisma-first-query.ts.
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { withBenchDatabase } from "../with-database";

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
  /** --trees=name=/path,name=/path (namedTrees). */
  /** The bench's script (import.meta.filename): run again as each child. */
  script: string;
  trees: string;
  rounds: number;
  /** More arguments for the child, after --child=<tree>. */
  args: string[];
  /** One round's line for one tree, as printed (the load average is added). */
  describe: (line: L) => string;
}

/** Runs the rounds; each tree's child lines, in round order. */
export function freshProcessRounds<L = FreshLine>(o: FreshRounds<L>): Map<string, L[]> {
  const trees = namedTrees(o.trees);
  const got = new Map<string, L[]>(trees.map(([name]) => [name, []]));
  for (let r = 0; r < o.rounds; r++) {
    const order = r % 2 === 0 ? trees : [...trees].reverse();
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

/** What each child prints: its first call's wall and CPU ms, then the medians of the others. */
export interface FreshLine {
  first: { wall: number; cpu: number };
  wall: number;
  cpu: number;
}

/**
 * In the child: times `call` once (the process's first), then `more` times, prints the
 * FreshLine the parent parses, and ends the process (pools and timers left open).
 */
export async function printFreshLine(call: () => Promise<unknown>, more: number): Promise<void> {
  const timed = async () => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await call();
    const used = process.cpuUsage(cpu);
    return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
  };
  const first = await timed();
  const rest = [];
  for (let i = 0; i < more; i++) rest.push(await timed());
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
  const line: FreshLine = {
    first,
    wall: med(rest.map((r) => r.wall)),
    cpu: med(rest.map((r) => r.cpu)),
  };
  console.log(JSON.stringify(line));
  process.exit(0);
}

/** A FreshLine as a round prints it. */
export const describeFreshLine = (l: FreshLine) =>
  `first ${l.first.wall.toFixed(1)} ms (CPU ${l.first.cpu.toFixed(1)}), then median ${l.wall.toFixed(2)} ms (CPU ${l.cpu.toFixed(2)})`;

/** Each tree's medians over its processes: the first call's wall and CPU, the later calls'. */
export function printFreshSummary(got: Map<string, FreshLine[]>, what: string): void {
  for (const [name, lines] of got)
    console.log(
      `${name}: first ${what} median ${medianOf(lines, (l) => l.first.wall)} ms (CPU ${medianOf(lines, (l) => l.first.cpu)}), later median ${medianOf(lines, (l) => l.wall)} ms (CPU ${medianOf(lines, (l) => l.cpu)}) over ${lines.length} processes`,
    );
}

/**
 * A fresh-process A/B bench's whole main: as the child (--child=<tree>), `child(tree)`, which
 * ends with printFreshLine; otherwise the rounds on one embedded database named `database`
 * (--trees=name=/path,..., --rounds), then each tree's medians.
 */
export async function freshProcessMain(o: {
  script: string;
  database: string;
  child: (root: string) => Promise<void>;
  rounds: number;
  args: string[];
  /** What the first call is, in the summary ("read"). */
  what: string;
}): Promise<void> {
  const option = (name: string) =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const childRoot = option("child");
  if (childRoot) return o.child(childRoot);
  await withBenchDatabase(o.database, async () => {
    const got = freshProcessRounds({
      script: o.script,
      trees: option("trees") ?? "",
      rounds: Number(option("rounds") ?? o.rounds),
      args: o.args,
      describe: describeFreshLine,
    });
    printFreshSummary(got, o.what);
  });
}
