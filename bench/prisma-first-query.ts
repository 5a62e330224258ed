// npx tsx bench/prisma-first-query.ts --trees=base=/path/a,new=/path/b [--rounds=6] [--gap=1500]
// A fresh server process's first Prisma route read, as 채점 makes it (lib/labs/server
// attempts.ts taskPasses + hints.ts revealedHints): each process runs its tree's
// instrumentation.ts register() as Next does at boot (lab templates off), waits `--gap`
// ms (boot → first learner), then times the two reads once, then the median of 20 more.
// Processes alternate per round (A B, B A, ...; bench/load/fresh-process-ab.ts) on one
// embedded database. Session 16
// (WARM): the Prisma client warmed at boot (lib/db/warm-client.ts).
import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { freshProcessRounds, medianOf, namedTrees } from "./load/fresh-process-ab";
import { withBenchDatabase } from "./with-database";

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

async function child(root: string): Promise<void> {
  const req = createRequire(path.join(root, "package.json"));
  const from = <T>(p: string) => req(path.join(root, p)) as T;
  process.env.NEXT_RUNTIME = "nodejs";
  process.env.KUBELAB_WARM_LABS = "0";
  const { register } = from<typeof import("../instrumentation")>("instrumentation.ts");
  const { taskPasses } = from<typeof import("../lib/labs/server/attempts")>(
    "lib/labs/server/attempts.ts",
  );
  const { revealedHints } = from<typeof import("../lib/labs/server/hints")>(
    "lib/labs/server/hints.ts",
  );
  await register();
  await new Promise((done) => setTimeout(done, Number(arg("gap", "1500"))));
  const read = async () => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await Promise.all([taskPasses("nobody", "pods-101"), revealedHints("nobody", "pods-101")]);
    const used = process.cpuUsage(cpu);
    return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
  };
  const first = await read();
  const rest = [];
  for (let i = 0; i < 20; i++) rest.push(await read());
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
  console.log(
    JSON.stringify({ first, wall: med(rest.map((r) => r.wall)), cpu: med(rest.map((r) => r.cpu)) }),
  );
  process.exit(0);
}

interface Line {
  first: { wall: number; cpu: number };
  wall: number;
  cpu: number;
}

async function main(): Promise<void> {
  const childRoot = arg("child", "");
  if (childRoot) return child(childRoot);
  await withBenchDatabase("prisma_first_query", async () => {
    const got = freshProcessRounds<Line>({
      script: import.meta.filename,
      trees: namedTrees(arg("trees", "")),
      rounds: Number(arg("rounds", "6")),
      args: [`--gap=${arg("gap", "1500")}`],
      describe: (l) =>
        `first ${l.first.wall.toFixed(1)} ms (CPU ${l.first.cpu.toFixed(1)}), then median ${l.wall.toFixed(2)} ms`,
    });
    for (const [name, lines] of got)
      console.log(
        `${name}: first read median ${medianOf(lines, (l) => l.first.wall, 1)} ms (CPU ${medianOf(lines, (l) => l.first.cpu, 1)}), later median ${medianOf(lines, (l) => l.wall, 1)} ms over ${lines.length} processes`,
      );
  });
}

void main();
