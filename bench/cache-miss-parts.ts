// What a sandbox cache miss costs, part by part (issue #11): a lab sandbox after a soak's
// life and a free sandbox, each measured --reps times, the variants interleaved:
//   node --expose-gc --import tsx bench/cache-miss-parts.ts [--sessions=8] [--commands=30] [--reps=15]
//        [--loads=40] [--loads-only] [--profile=<file prefix>]
// First --loads whole loads back to back (app and Postgres CPU per load).
// Parts of a whole load (app CPU; Postgres CPU for the whole load): the head query, the rows'
// query and their value decode, the journal, the engine copy's rebuild (stateFromParts). Then
// one read command (`kubectl get pods`) run on: a copy held whole (a hit), a copy held bare
// (every decode shed), a whole load from Postgres (a miss), and a refresh of a bare copy
// whose rows are all still stored (what a second tier holding the shed copy would do).
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { loadavg } from "node:os";
import { withBenchDatabase } from "./with-database";
import { deploymentsCreated, SCRIPT } from "./load/learner";
import { treeUsage } from "./load/process-stats";
import { serverPid } from "./load/postgres-server";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}
const sessions = Number(option("sessions", "8"));
const commands = Number(option("commands", "30"));
const reps = Number(option("reps", "15"));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const cpuMs = (t0: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(t0);
  return (u.user + u.system) / 1000;
};

process.env.KUBELAB_DB_COUNTERS_MS ??= "3600000";

async function main(): Promise<void> {
  await withBenchDatabase(`kubelab_bench_miss_parts_${process.pid}`, async () => {
    const { db } = await import("@/lib/db/client");
    const { closePool, transaction } = await import("@/lib/db/sandboxes/pool");
    const cache = await import("@/lib/db/sandboxes/cache");
    const { load, refresh } = await import("@/lib/db/sandboxes/load");
    const { loadRows } = await import("@/lib/db/sandboxes/rows");
    const { decodeValue } = await import("@/lib/db/sandboxes/value-codec");
    const { readLogAfter } = await import("@/lib/db/sandboxes/log-read");
    const { stateFromParts, stateMeta } = await import("@/lib/sim");
    const { labSandbox } = await import("@/lib/labs/server/lab-sandbox");
    const { userSandbox } = await import("@/lib/terminal/user-sandbox");
    const { runTerminalCommand } = await import("@/lib/terminal");
    const prisma = db();
    const pgPid = await serverPid(prisma);
    cache.resetCacheForTests(16 * 1024 * 1024 * 1024);

    const live = async (id: string, lab: boolean) => {
      for (let k = 0; k < (lab ? sessions : 2); k++) {
        for (let c = 0; c < commands; c++) {
          const n = k * 100 + Math.floor(c / SCRIPT.length);
          await runTerminalCommand(id, SCRIPT[c % SCRIPT.length]!.command(n));
        }
        const created = deploymentsCreated(commands, k * 100);
        if (created.length > 0)
          await runTerminalCommand(id, `kubectl delete deployment ${created.join(" ")}`);
      }
    };
    const u1 = randomUUID();
    const u2 = randomUUID();
    await prisma.user.createMany({
      data: [
        { id: u1, email: `miss-${process.pid}-1@bench.kubelab.dev`, name: "학습자 1" },
        { id: u2, email: `miss-${process.pid}-2@bench.kubelab.dev`, name: "학습자 2" },
      ],
    });
    const labId = await labSandbox(u1, "cluster-anatomy");
    await live(labId, true);
    const freeId = await userSandbox(u2);
    await live(freeId, false);

    const held = new Map([labId, freeId].map((id) => [id, cache.cachedEntry(id)!]));
    for (const [name, id] of [
      ["lab sandbox (cluster-anatomy)", labId],
      ["free sandbox", freeId],
    ] as const) {
      const entry = held.get(id)!;
      const { state } = entry;
      console.log(
        `\n${name}: ${state.store.log.length} rows (${state.store.live.size} live), journal ${state.journal.audit.length + state.journal.traces.length}, estimate whole ${(cache.estimateStateBytes(state) / 1024).toFixed(0)} KiB, bare ${(cache.estimateStateBytes(state, "none") / 1024).toFixed(0)} KiB`,
      );
      // Whole loads back to back: app and Postgres CPU summed over them (Postgres's is read
      // in 10 ms ticks, so only a sum means anything).
      for (let i = 0; i < 3; i++) await load(id);
      const loads = Number(option("loads", "40"));
      const profile = option("profile", "");
      const session = profile ? new Session() : undefined;
      if (session) {
        session.connect();
        await session.post("Profiler.enable");
        await session.post("Profiler.start");
      }
      const l0 = process.cpuUsage();
      const lpg0 = treeUsage(pgPid).cpuSeconds;
      for (let i = 0; i < loads; i++) await load(id);
      if (session) {
        const { profile: p } = await session.post("Profiler.stop");
        writeFileSync(`${profile}.${id === labId ? "lab" : "free"}.cpuprofile`, JSON.stringify(p));
        session.disconnect();
      }
      console.log(
        `${loads} whole loads: app ${(cpuMs(l0) / loads).toFixed(2)} ms, Postgres ${(((treeUsage(pgPid).cpuSeconds - lpg0) * 1000) / loads).toFixed(2)} ms per load`,
      );
      if (process.argv.includes("--loads-only")) continue;
      const t: Record<string, number[]> = {};
      const add = (k: string, v: number) => (t[k] ??= []).push(v);
      let step = 0;
      const command = () => `kubectl get pods -A`;
      for (let r = 0; r < reps; r++) {
        // The whole load's parts.
        let c0 = process.cpuUsage();
        let pg0 = treeUsage(pgPid).cpuSeconds;
        const loaded = await load(id);
        add("load: app", cpuMs(c0));
        add("load: Postgres", (treeUsage(pgPid).cpuSeconds - pg0) * 1000);
        await transaction(
          async (c) => {
            const q0 = process.cpuUsage();
            const rows = await loadRows(c, id);
            add("  rows query + value decode: app", cpuMs(q0));
            const raw = await c.query<{ value: Buffer }>({
              text: `SELECT "value" FROM "SandboxKv" WHERE "sandboxId" = $1`,
              values: [id],
            });
            const d0 = process.cpuUsage();
            for (const v of raw.rows) decodeValue(v.value);
            add(`  of which the values' decode: app`, cpuMs(d0));
            const j0 = process.cpuUsage();
            await readLogAfter(id, loaded.logSeq - 201, { limit: 200 }, c);
            add(`  journal (200 newest log entries): app`, cpuMs(j0));
            const s0 = process.cpuUsage();
            stateFromParts(stateMeta(loaded.state), rows, {
              audit: [...loaded.state.journal.audit],
              traces: [...loaded.state.journal.traces],
            });
            add("  stateFromParts (store/index rebuild, meta): app", cpuMs(s0));
          },
          { readOnlySnapshot: true },
        );
        // A refresh of a bare copy (nothing written since).
        const bare = { ...entry, state: cache.shedDecodes(entry.state) };
        c0 = process.cpuUsage();
        pg0 = treeUsage(pgPid).cpuSeconds;
        await refresh(id, bare);
        add("refresh of a bare copy: app", cpuMs(c0));
        add("refresh of a bare copy: Postgres", (treeUsage(pgPid).cpuSeconds - pg0) * 1000);

        // One read command on: a held copy, a bare copy, a miss.
        for (const kind of ["hit", "bare", "miss"] as const) {
          cache.resetCacheForTests(16 * 1024 * 1024 * 1024);
          const copy = held.get(id)!;
          if (kind === "hit") cache.remember(id, { ...copy });
          if (kind === "bare")
            cache.remember(id, { ...copy, state: cache.shedDecodes(copy.state) });
          if (kind === "hit") {
            // warm its decodes first (as a copy in use holds them)
            await runTerminalCommand(id, command());
          }
          c0 = process.cpuUsage();
          pg0 = treeUsage(pgPid).cpuSeconds;
          await runTerminalCommand(id, command());
          add(`command on a ${kind}: app`, cpuMs(c0));
          add(`command on a ${kind}: Postgres`, (treeUsage(pgPid).cpuSeconds - pg0) * 1000);
          held.set(id, cache.cachedEntry(id)!);
          step++;
        }
      }
      // Postgres CPU is read from /proc in 10 ms ticks: its mean, not its median.
      for (const [k, v] of Object.entries(t)) {
        const mean = v.reduce((a, b) => a + b, 0) / v.length;
        console.log(
          `${k.padEnd(56)} median ${median(v).toFixed(2)} ms, mean ${mean.toFixed(2)} ms`,
        );
      }
      console.log(`load average ${loadavg()[0]!.toFixed(1)}`);
      void step;
    }
    await closePool();
    await prisma.$disconnect();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
