// What one cached sandbox really costs a process, against what the cache's budget
// counts for it (lib/db/sandboxes/cache.ts estimateStateBytes):
//   node --expose-gc --import tsx bench/load/sandbox-memory.ts [--learners=40] [--commands=30]
//        [--sessions=1] [--lab=cluster-anatomy]
// N learners each open the lab's sandbox and run lab sessions (the load benchmark's
// script; with --sessions > 1 each session ends deleting its Deployments, as the soak's
// do) in this process, as a worker serves them; then the heap after a
// full GC is compared with and without the sandbox cache's entries. The difference
// per entry is what an entry retains (its states, decoded objects, revision log, the
// rows' decode caches that die with them); the estimate per entry is printed beside.
// Uses DATABASE_URL when set (a scratch database on that server), else an embedded PostgreSQL.
import { randomUUID } from "node:crypto";
import { writeHeapSnapshot } from "node:v8";
import { withBenchDatabase } from "../with-database";
import { estimateStateBytes, isFreshEntry, type CachedSandbox } from "@/lib/db/sandboxes/cache";
import { templateRowOrigin, type SandboxState } from "@/lib/sim";
import { LiveIndex } from "@/lib/sim/store/live-index";
import { deploymentsCreated, SCRIPT } from "./learner";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const learners = Number(option("learners", "40"));
const commands = Number(option("commands", "30"));
const sessions = Number(option("sessions", "1"));
const labId = option("lab", "cluster-anatomy");
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;

const gc = (globalThis as { gc?: () => void }).gc;

async function settledHeap(): Promise<number> {
  // Twice, with a turn between: weak maps' entries go in the second collection.
  for (let i = 0; i < 3; i++) {
    gc!();
    await new Promise((r) => setImmediate(r));
  }
  return process.memoryUsage().heapUsed;
}

/** Prints what the states hold; returns the cache's mean estimate for them. */
function describeStates(entries: CachedSandbox[]): number {
  const states = entries.map((e) => e.state);
  const mean = (f: (s: SandboxState) => number) =>
    states.reduce((a, s) => a + f(s), 0) / states.length;
  const valueChars = (s: SandboxState) => {
    let c = 0;
    for (let i = 0; i < s.store.log.length; i++) c += s.store.log.rows[i]!.value.length;
    return c;
  };
  const own = (s: SandboxState, what: "rows" | "chars") => {
    let n = 0;
    for (let i = 0; i < s.store.log.length; i++) {
      const row = s.store.log.rows[i]!;
      if (templateRowOrigin(row)) continue;
      n += what === "rows" ? 1 : row.value.length;
    }
    return n;
  };
  console.log(
    `per state: of its rows ${mean((s) => own(s, "rows")).toFixed(0)} its own with ${mib(mean((s) => own(s, "chars")))} of values (the rest a template's moved), ${mean((s) => s.store.live.size).toFixed(0)} live`,
  );
  console.log(
    `per state: ${mean((s) => s.store.log.length).toFixed(0)} rows, ${mib(mean(valueChars))} of values, journal ${mean((s) => s.journal.audit.length).toFixed(0)} audit events + ${mean((s) => s.journal.traces.length).toFixed(0)} traces`,
  );
  return (
    entries.reduce((a, e) => a + estimateStateBytes(e.state, isFreshEntry(e) ? "none" : "all"), 0) /
    entries.length
  );
}

async function main(): Promise<void> {
  if (!gc) throw new Error("run with node --expose-gc --import tsx");
  await withBenchDatabase(`kubelab_bench_sandbox_memory_${process.pid}`, async () => {
    const { db } = await import("@/lib/db/client");
    const { closePool } = await import("@/lib/db/sandboxes/pool");
    const cache = await import("@/lib/db/sandboxes/cache");
    const { labSandbox } = await import("@/lib/labs/server/lab-sandbox");
    const { runTerminalCommand } = await import("@/lib/terminal");
    // Room for every entry: this measures entries, not the eviction.
    cache.resetCacheForTests(16 * 1024 * 1024 * 1024);
    const prisma = db();
    const users = Array.from({ length: learners }, (_, i) => ({
      id: randomUUID(),
      email: `memory-${process.pid}-${i}@bench.kubelab.dev`,
      name: `학습자 ${i}`,
    }));
    await prisma.user.createMany({ data: users });
    // One learner first (JIT, templates, module caches): not part of the figures.
    const warm = await labSandbox(users[0]!.id, labId);
    for (let c = 0; c < commands; c++)
      await runTerminalCommand(warm, SCRIPT[c % SCRIPT.length]!.command(0));
    const base = await settledHeap();
    const ids: string[] = [];
    const started = performance.now();
    for (const u of users.slice(1)) {
      const id = await labSandbox(u.id, labId);
      ids.push(id);
      for (let k = 0; k < sessions; k++) {
        for (let c = 0; c < commands; c++) {
          const n = Math.floor(c / SCRIPT.length);
          await runTerminalCommand(id, SCRIPT[c % SCRIPT.length]!.command(n));
        }
        const created = deploymentsCreated(commands);
        if (sessions > 1 && created.length > 0)
          await runTerminalCommand(id, `kubectl delete deployment ${created.join(" ")}`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const full = await settledHeap();
    const usage = cache.cacheUsage();
    // In a function of its own: no reference to a state may outlive it into the next GC.
    const estimated = describeStates(ids.map((id) => cache.cachedEntry(id)!));
    // The parts: without the journal (audit events and traces), then with every row a
    // fresh copy (what the decode caches kept with the old rows goes with them).
    for (const id of ids) {
      const e = cache.cachedEntry(id)!;
      cache.remember(id, { ...e, state: { ...e.state, journal: { audit: [], traces: [] } } });
    }
    const noJournal = await settledHeap();
    // Then only the history's rows (those not in the live index) as fresh copies: what the
    // decodes of superseded and deleted rows hold, against those of the live rows.
    for (const id of ids) {
      const e = cache.cachedEntry(id)!;
      const { live } = e.state.store;
      const rows = e.state.store.log.rows
        .slice(0, e.state.store.log.length)
        .map((r) => (live.get(r.key) === r ? r : { ...r }));
      const store = { ...e.state.store, log: { rows, length: rows.length } };
      cache.remember(id, { ...e, state: { ...e.state, store } });
    }
    const historyUndecoded = await settledHeap();
    for (const id of ids) {
      const e = cache.cachedEntry(id)!;
      const rows = e.state.store.log.rows.slice(0, e.state.store.log.length).map((r) => ({ ...r }));
      const live = LiveIndex.fromRows(
        rows.filter(
          (r) =>
            !r.deleted &&
            e.state.store.live.get(r.key) &&
            e.state.store.live.get(r.key)!.revision === r.revision,
        ),
      );
      const store = { ...e.state.store, log: { rows, length: rows.length }, live };
      cache.remember(id, { ...e, state: { ...e.state, store } });
    }
    const undecoded = await settledHeap();
    for (const id of ids) cache.forget(id);
    // The pipeline's list cache (lib/sim/apiserver/handler/list-cache.ts) keeps, per key
    // prefix, the rows array of the sandbox that last read it: one learner's whole log would
    // stay reachable after the cache let go, counted as not released (2.4 MiB of strings in a
    // heap snapshot) and taken off every retained figure. A write on the warm-up's sandbox
    // (measured before the learners) moves it back there.
    await runTerminalCommand(warm, "kubectl create configmap memory-probe --from-literal=a=b");
    const emptied = await settledHeap();
    const snapshot = option("snapshot", "");
    if (snapshot) writeHeapSnapshot(snapshot);
    const n = ids.length;
    const real = (full - emptied) / n;
    console.log(
      `sandbox memory: lab ${labId}, ${n} learners × ${sessions} sessions × ${commands} commands in ${seconds.toFixed(1)} s`,
    );
    console.log(
      `heap after GC: before the learners ${mib(base)}, with their ${n} cached sandboxes ${mib(full)}, after forgetting them ${mib(emptied)}`,
    );
    console.log(
      `per cached sandbox: retained ${mib(real)}; the cache's estimate ${mib(estimated)} (ratio real/estimate ${(real / estimated).toFixed(2)}); cache entries ${usage.entries}`,
    );
    console.log(
      `of which: journal ${mib((full - noJournal) / n)}, decoded objects and encodings kept with the rows ${mib((noJournal - undecoded) / n)} (with the history's rows ${mib((noJournal - historyUndecoded) / n)}, the live rows' ${mib((historyUndecoded - undecoded) / n)}), rows and their values ${mib((undecoded - emptied) / n)}`,
    );
    console.log(
      `not released with the cache: ${mib((emptied - base) / n)} per learner (per-process maps keyed by sandbox, caches of their values)`,
    );
    await closePool();
    await prisma.$disconnect();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
