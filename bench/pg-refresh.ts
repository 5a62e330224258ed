// npx tsx bench/pg-refresh.ts [--sandboxes=6] [--rounds=8]
// What a command costs when this process's copy of the sandbox is behind the stored
// version (another app process wrote last - under bench:load a learner's requests
// alternate between workers): the copy refreshed row by row (lib/db/sandboxes/load.ts)
// against the whole reload it replaced. Per sandbox and round, interleaved (ABAB...):
// another write is made, then the next command (`kubectl get pods -o wide`, with the
// version its caller read, as the exec route passes it) runs on
//   refresh: the older copy in the cache (refreshed, its rows and their decodes kept)
//   reload:  no copy (a whole load: every row, decoded again by what reads it)
// and, alone, refresh(id, copy) against load(id). Prints medians of the app's CPU and
// wall milliseconds and the statements sent.
import { performance } from "node:perf_hooks";
import { installPgCounter, pgUsage } from "./pg-usage";
import { withBenchDatabase } from "./with-database";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const sandboxes = Number(option("sandboxes", "6"));
const rounds = Number(option("rounds", "8"));

const SESSION = [
  "kubectl create deployment web --image=nginx:1.25",
  "kubectl scale deployment web --replicas=3",
  "kubectl get pods -o wide",
  "kubectl label deployment web tier=frontend --overwrite",
  "kubectl create configmap notes --from-literal=k=v",
  "kubectl get events",
];

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};

async function main() {
  installPgCounter();
  await withBenchDatabase("kubelab_bench_pg_refresh", async () => {
    const { runTerminalCommand, userSandbox } = await import("../lib/terminal");
    const { db } = await import("../lib/db/client");
    const { cachedEntry, forget, remember } = await import("../lib/db/sandboxes/cache");
    const { load, refresh } = await import("../lib/db/sandboxes/transaction");
    const { closePool } = await import("../lib/db/sandboxes/pool");
    const { readLogAfter } = await import("../lib/db/sandboxes/log-read");
    const ids: string[] = [];
    for (let i = 0; i < sandboxes; i++) {
      const u = await db().user.create({
        data: { email: `rf-${Date.now()}-${i}@bench.test`, name: `r${i}` },
      });
      ids.push(await userSandbox(u.id));
    }
    for (const id of ids) for (const line of SESSION) await runTerminalCommand(id, line);
    const figures = {
      refresh: { cpu: [] as number[], wall: [] as number[], statements: [] as number[] },
      reload: { cpu: [] as number[], wall: [] as number[], statements: [] as number[] },
      refreshAlone: { cpu: [] as number[], wall: [] as number[], statements: [] as number[] },
      loadAlone: { cpu: [] as number[], wall: [] as number[], statements: [] as number[] },
      journalAlone: { cpu: [] as number[], wall: [] as number[], statements: [] as number[] },
    };
    const measure = async (
      into: { cpu: number[]; wall: number[]; statements: number[] },
      fn: () => Promise<unknown>,
    ) => {
      const u = pgUsage();
      const cpu = process.cpuUsage();
      const t = performance.now();
      await fn();
      const wall = performance.now() - t;
      const c = process.cpuUsage(cpu);
      into.cpu.push((c.user + c.system) / 1000);
      into.wall.push(wall);
      into.statements.push(pgUsage().statements - u.statements);
    };
    let n = 0;
    for (let round = 0; round < rounds; round++) {
      for (const id of ids) {
        for (const path of round % 2
          ? (["reload", "refresh"] as const)
          : (["refresh", "reload"] as const)) {
          const older = cachedEntry(id)!;
          // Another process's write (made here; the older copy is put back after it).
          await runTerminalCommand(id, `kubectl create configmap other-${n++} --from-literal=k=v`);
          const version = cachedEntry(id)!.version;
          forget(id);
          if (path === "refresh") remember(id, older);
          await measure(figures[path], () =>
            runTerminalCommand(id, "kubectl get pods -o wide", {}, undefined, {
              knownVersion: version,
            }),
          );
        }
        const older = cachedEntry(id)!;
        await runTerminalCommand(id, `kubectl create configmap other-${n++} --from-literal=k=v`);
        await measure(figures.refreshAlone, () => refresh(id, older));
        const loaded = await load(id);
        await measure(figures.loadAlone, () => load(id));
        // The journal as a load reads it: the newest 100 entries (both kinds).
        await measure(figures.journalAlone, () =>
          readLogAfter(id, loaded.logSeq - 101, { limit: 100 }),
        );
      }
    }
    const rowsPer = cachedEntry(ids[0]!)?.state.store.log.length;
    console.log(`${sandboxes} sandboxes × ${rounds} rounds, ~${rowsPer} stored rows each`);
    console.log("| path | app CPU ms (median) | wall ms (median) | statements |");
    console.log("|---|---:|---:|---:|");
    for (const [name, f] of Object.entries(figures)) {
      console.log(
        `| ${name} | ${median(f.cpu).toFixed(2)} | ${median(f.wall).toFixed(2)} | ${median(f.statements)} |`,
      );
    }
    await closePool();
    await db().$disconnect();
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
