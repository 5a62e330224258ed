// npx tsx bench/prisma-first-query.ts --trees=base=/path/a,new=/path/b [--rounds=6] [--gap=1500]
// A fresh server process's first Prisma route read, as 채점 makes it (lib/labs/server
// attempts.ts taskPasses + hints.ts revealedHints): each process runs its tree's
// instrumentation.ts register() as Next does at boot (lab templates off), waits `--gap`
// ms (boot → first learner), then times the two reads once, then the median of 20 more.
// Processes alternate per round (A B, B A, ...) on one embedded database. Session 16
// (WARM): the Prisma client warmed at boot (lib/db/warm-client.ts).
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
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

async function main(): Promise<void> {
  const childRoot = arg("child", "");
  if (childRoot) return child(childRoot);
  const trees = arg("trees", "")
    .split(",")
    .map((t) => t.split("=") as [string, string]);
  const rounds = Number(arg("rounds", "6"));
  await withBenchDatabase("prisma_first_query", async () => {
    const got = new Map<string, { first: number[]; firstCpu: number[]; wall: number[] }>();
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? trees : [...trees].reverse();
      for (const [name, root] of order) {
        const out = execFileSync(
          "npx",
          [
            "tsx",
            path.join(import.meta.dirname, "prisma-first-query.ts"),
            `--child=${root}`,
            `--gap=${arg("gap", "1500")}`,
          ],
          { cwd: root, env: process.env, encoding: "utf8" },
        );
        const line = JSON.parse(out.trim().split("\n").at(-1)!) as {
          first: { wall: number; cpu: number };
          wall: number;
        };
        const g = got.get(name) ?? { first: [], firstCpu: [], wall: [] };
        g.first.push(line.first.wall);
        g.firstCpu.push(line.first.cpu);
        g.wall.push(line.wall);
        got.set(name, g);
        console.log(
          `round ${r + 1} ${name}: first ${line.first.wall.toFixed(1)} ms (CPU ${line.first.cpu.toFixed(1)}), then median ${line.wall.toFixed(2)} ms; load ${loadavg()[0]!.toFixed(1)}`,
        );
      }
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!.toFixed(1);
    for (const [name, g] of got)
      console.log(
        `${name}: first read median ${med(g.first)} ms (CPU ${med(g.firstCpu)}), later median ${med(g.wall)} ms over ${g.first.length} processes`,
      );
  });
}

void main();
