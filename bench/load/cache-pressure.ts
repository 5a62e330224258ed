// A worker's sandbox cache once a class has filled it, in one process (issue #11; what the
// 10-minute soak of bench:load showed: 9.1 % whole loads once each worker's cache was full,
// and the closed loop after it at a quarter of its fresh throughput):
//   node --expose-gc --import tsx bench/load/cache-pressure.ts [--learners=40] [--sessions=8]
//        [--commands=30] [--budget-mb=<384 × learners ÷ 100>[,<MiB>...]] [--rounds=3]
//        [--budget-fraction=1,0.9,0.75,0.6] [--lab=cluster-anatomy]
// N learners each open the lab's sandbox and live a soak's life in it (--sessions lab
// sessions of the load benchmark's script, each ending by deleting its Deployments); then the
// cache is emptied and given --budget-mb (default: the 384 MiB a worker had for the ~100
// learners it serves in bench:load, scaled to N), every sandbox gets one command (the cache
// fills), and --rounds closed-loop rounds follow: each learner's next command in turn, as
// the learners of a busy worker interleave. Prints, for the measured rounds: whole loads per
// command, the app's CPU and Postgres's CPU per command, statements, and the heap after GC
// with the cache as it is. --budget-mb=100000 gives the figure with every copy cached.
// --budget-fraction instead sizes each budget as that fraction of every copy's estimate at
// the end of the life (the working set), so two trees measure the same pressure.
// Uses DATABASE_URL when set (a scratch database on that server), else an embedded PostgreSQL.
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { withBenchDatabase } from "../with-database";
import { deploymentsCreated, SCRIPT } from "./learner";
import { treeUsage } from "./process-stats";
import { serverPid } from "./postgres-server";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const learners = Number(option("learners", "40"));
const sessions = Number(option("sessions", "8"));
const commands = Number(option("commands", "30"));
// Several budgets are measured one after the other on the same sandboxes (--budget-mb=154,60).
const budgetsMb = option("budget-mb", String(Math.round((384 * learners) / 100)))
  .split(",")
  .map(Number);
const fractions = option("budget-fraction", "")
  .split(",")
  .filter((f) => f !== "")
  .map(Number);
const rounds = Number(option("rounds", "3"));
const labId = option("lab", "cluster-anatomy");
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
const gc = (globalThis as { gc?: () => void }).gc;

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setImmediate(r));
  }
  return process.memoryUsage().heapUsed;
}

// The sandbox pool counts its statements only when the counters are reported (an hour
// here: never, in practice).
process.env.KUBELAB_DB_COUNTERS_MS ??= "3600000";

async function main(): Promise<void> {
  await withBenchDatabase(`kubelab_bench_cache_pressure_${process.pid}`, async () => {
    const { db } = await import("@/lib/db/client");
    const { closePool } = await import("@/lib/db/sandboxes/pool");
    const cache = await import("@/lib/db/sandboxes/cache");
    const { dbCounters } = await import("@/lib/db/sandboxes/counters");
    const { labSandbox } = await import("@/lib/labs/server/lab-sandbox");
    const { runTerminalCommand } = await import("@/lib/terminal");
    const prisma = db();
    const pgPid = await serverPid(prisma);
    // The life: room for every copy, so it is quick; the pressure comes after.
    cache.resetCacheForTests(16 * 1024 * 1024 * 1024);
    const users = Array.from({ length: learners }, (_, i) => ({
      id: randomUUID(),
      email: `pressure-${process.pid}-${i}@bench.kubelab.dev`,
      name: `학습자 ${i}`,
    }));
    await prisma.user.createMany({ data: users });
    const ids: string[] = [];
    const lifeStarted = performance.now();
    for (const u of users) {
      const id = await labSandbox(u.id, labId);
      ids.push(id);
      for (let k = 0; k < sessions; k++) {
        for (let c = 0; c < commands; c++) {
          const n = k * 100 + Math.floor(c / SCRIPT.length);
          await runTerminalCommand(id, SCRIPT[c % SCRIPT.length]!.command(n));
        }
        const created = deploymentsCreated(commands, k * 100);
        if (created.length > 0)
          await runTerminalCommand(id, `kubectl delete deployment ${created.join(" ")}`);
      }
    }
    const lifeSeconds = (performance.now() - lifeStarted) / 1000;
    let rows = 0;
    for (const id of ids) rows += cache.cachedEntry(id)!.state.store.log.length;
    const fullBytes = cache.cacheUsage().bytes;

    console.log(
      `cache pressure: lab ${labId}, ${learners} learners, life ${sessions} × ${commands} commands each (${lifeSeconds.toFixed(0)} s); ${(rows / learners).toFixed(0)} rows per sandbox, cache estimate ${mib(fullBytes / learners)} per sandbox`,
    );
    let step = 0;
    const round = async () => {
      for (const id of ids) {
        const s = SCRIPT[step % SCRIPT.length]!;
        // Past the life's names (rounds of 100 per session): no AlreadyExists.
        await runTerminalCommand(id, s.command(10_000 + Math.floor(step / SCRIPT.length)));
      }
      step++;
    };
    const budgets =
      fractions.length > 0 ? fractions.map((f) => (f * fullBytes) / 1024 / 1024) : budgetsMb;
    for (const budgetMb of budgets) {
      // The pressure: the cache a worker has, filled by one command per sandbox first.
      cache.resetCacheForTests(budgetMb * 1024 * 1024);
      await round();
      const before = { ...dbCounters() };
      const cpuBefore = process.cpuUsage();
      const pgBefore = treeUsage(pgPid).cpuSeconds;
      const load = loadavg()[0]!;
      const started = performance.now();
      for (let r = 0; r < rounds; r++) await round();
      const wall = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const pgCpu = treeUsage(pgPid).cpuSeconds - pgBefore;
      const after = dbCounters();
      const n = rounds * ids.length;
      const usage = cache.cacheUsage() as { entries: number; bytes: number; budget: number };
      const shed = (usage as { shed?: number | { live: number; none: number } }).shed;
      const shedText =
        shed === undefined
          ? ""
          : typeof shed === "number"
            ? ` (${shed} shed)`
            : ` (shed: ${shed.live} their history's decodes, ${shed.none} all)`;
      const heap = await settledHeap();
      console.log(
        `\nbudget ${budgetMb.toFixed(1)} MiB (${((budgetMb * 1024 * 1024) / fullBytes).toFixed(2)} of every copy's estimate at the end of the life); ${rounds} rounds × ${learners} = ${n} commands, load average ${load.toFixed(1)}`,
      );
      const cached = after.cached - before.cached;
      console.log(
        `hit rate ${((cached / n) * 100).toFixed(1)} %; whole loads ${after.fullLoads - before.fullLoads} (${(((after.fullLoads - before.fullLoads) / n) * 100).toFixed(1)} %), refreshes ${after.refreshes - before.refreshes}, cached ${after.cached - before.cached}, missing ${after.missing - before.missing}`,
      );
      console.log(
        `per command: app CPU ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms, Postgres CPU ${((pgCpu * 1000) / n).toFixed(2)} ms, wall ${(wall / n).toFixed(2)} ms, statements ${((after.statements - before.statements) / n).toFixed(2)} (sandbox pool)`,
      );
      console.log(
        `heap after GC ${mib(heap)}${gc ? "" : " (no --expose-gc: not collected)"}; cache ${usage.entries} entries${shedText}, ${mib(usage.bytes)} of ${mib(usage.budget)} estimated`,
      );
    }
    await closePool();
    await prisma.$disconnect();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
