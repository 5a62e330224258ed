// npx tsx bench/one-command.ts [--runs=20] [--command="kubectl create deployment web --image=nginx:1.25"]
//                               [--before="…;…"] [--profile=file.cpuprofile]
// One terminal command's server-side cost, in process, with Postgres: each run opens
// a fresh default-cluster sandbox, runs the `--before` commands (";"-separated); after a
// virtual second (so the command pays its catch-up as a learner's would) the command runs
// once in each sandbox, timed alone. Prints the wall and CPU medians; --profile writes a CPU profile of
// the timed commands only (bench/cpu-profile-summary.ts reads it).
import { performance } from "node:perf_hooks";
import { cpuProfiler } from "./cpu-profiler";
import { withBenchDatabase } from "./with-database";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const runs = Number(option("runs", "20"));
const command = option("command", "kubectl create deployment web --image=nginx:1.25");
const before = option("before", "")
  .split(";")
  .map((c) => c.trim())
  .filter(Boolean);
const profileFile = option("profile", "");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  await withBenchDatabase(`kubelab_bench_one_command_${process.pid}`, async () => {
    const { runTerminalCommand, userSandbox } = await import("../lib/terminal");
    const { db } = await import("../lib/db/client");
    const { closePool } = await import("../lib/db/sandboxes/pool");
    const wall: number[] = [];
    const cpu: number[] = [];
    // Every sandbox first (with its --before commands), then a virtual second passes, then
    // the command runs once per sandbox: the profile holds the timed commands only.
    const ids: string[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const user = await db().user.create({
        data: { email: `oc-${Date.now()}-${i}@bench.test`, name: `oc${i}` },
      });
      const id = await userSandbox(user.id);
      for (const c of before) await runTerminalCommand(id, c);
      ids.push(id);
    }
    await sleep(1_050);
    const profiler = await cpuProfiler(profileFile);
    let stdout = "";
    for (const [i, id] of ids.entries()) {
      // The first two runs warm the JIT.
      if (i === 2) await profiler?.start();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await runTerminalCommand(id, command);
      const took = performance.now() - t0;
      const used = process.cpuUsage(c0);
      stdout = r.stdout + r.stderr;
      if (i < 2) continue;
      wall.push(took);
      cpu.push((used.user + used.system) / 1000);
    }
    await profiler?.stopAndWrite();
    console.log(`command: ${command}${before.length ? ` (after: ${before.join("; ")})` : ""}`);
    console.log(`output: ${stdout.trim().split("\n")[0]}`);
    console.log(
      `runs: ${runs}, wall median ${median(wall).toFixed(1)} ms, CPU median ${median(cpu).toFixed(1)} ms`,
    );
    await closePool();
  });
}

void main();
