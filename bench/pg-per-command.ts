// npx tsx bench/pg-per-command.ts [--sandboxes=10] [--rounds=2] [--gap-ms=1100] [--only=read|write]
// What ONE terminal command costs PostgreSQL, read and write commands apart: the
// statements and bytes node-postgres sends and receives (bench/pg-usage.ts), the rows
// it adds per table (and their stored bytes), the sandbox rows' versions written, and
// the embedded PostgreSQL's CPU (its process tree; not measured with DATABASE_URL).
// Commands run one at a time over several sandboxes, each sandbox getting its next
// command only after --gap-ms (≥ 1 s: every command first lets the loops catch up,
// as under load, where a learner's commands are seconds apart).
// PostgreSQL's CPU lags its statements (WAL writer, stats), so it is also given over the
// whole command phase, which includes the row-counting queries: --only=read or
// --only=write runs just that class and then counts no rows, so that figure is the class's own.
import { performance } from "node:perf_hooks";
import { treeUsage } from "./load/process-stats";
import { installPgCounter, pgParameterBytes, pgUsage } from "./pg-usage";
import { withBenchDatabase } from "./with-database";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const sandboxes = Number(option("sandboxes", "10"));
const rounds = Number(option("rounds", "2"));
const gapMs = Number(option("gap-ms", "1100"));
const only = option("only", "");
const countRows = only === "";

// bench/terminal-load.ts's script (the mix of bench/load/learner.ts), each marked read or write.
const SCRIPT: { write: boolean; line: (n: number) => string }[] = [
  { write: false, line: () => "kubectl get nodes -o wide" },
  { write: false, line: () => "kubectl get pods -n kube-system" },
  { write: true, line: (n) => `kubectl create deployment web-${n} --image=nginx:1.25` },
  { write: false, line: () => "kubectl get deployments" },
  { write: true, line: (n) => `kubectl scale deployment web-${n} --replicas=3` },
  { write: false, line: () => "kubectl get pods -o wide" },
  { write: false, line: () => "kubectl get --raw=/healthz" },
  { write: true, line: (n) => `kubectl label deployment web-${n} tier=frontend --overwrite` },
  { write: false, line: () => "kubectl get endpoints kube-scheduler -n kube-system -o yaml" },
  { write: false, line: () => "etcdctl get /registry/pods --prefix --keys-only" },
  { write: true, line: (n) => `kubectl create configmap notes-${n} --from-literal=k=v` },
  { write: false, line: () => "kubectl get events" },
  { write: true, line: (n) => `kubectl delete configmap notes-${n}` },
  { write: false, line: () => "kubectl auth can-i create pods" },
  { write: false, line: () => "kubectl get leases -n kube-system" },
];

interface Tally {
  commands: number;
  wrote: number;
  statements: number;
  bytesSent: number;
  bytesReceived: number;
  kvRows: number;
  kvBytes: number;
  logRows: number;
  logBytes: number;
  historyRows: number;
  parameters: Map<string, number>;
  pgCpu: number;
  appCpu: number;
  wallMs: number;
}

const empty = (): Tally => ({
  commands: 0,
  wrote: 0,
  statements: 0,
  bytesSent: 0,
  bytesReceived: 0,
  kvRows: 0,
  kvBytes: 0,
  logRows: 0,
  logBytes: 0,
  historyRows: 0,
  parameters: new Map(),
  pgCpu: 0,
  appCpu: 0,
  wallMs: 0,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  if (process.env.DATABASE_URL) process.env.DATABASE_URL_WAS_SET = "1";
  installPgCounter();
  await withBenchDatabase(`kubelab_bench_pg_per_command`, async () => {
    const { runTerminalCommand, userSandbox } = await import("../lib/terminal");
    const { db } = await import("../lib/db/client");
    const { pool, closePool } = await import("../lib/db/sandboxes/pool");
    const { storedFacts } = await import("./pg-stored-facts");
    const ids: string[] = [];
    for (let i = 0; i < sandboxes; i++) {
      const u = await db().user.create({
        data: { email: `pc-${Date.now()}-${i}@bench.test`, name: `p${i}` },
      });
      ids.push(await userSandbox(u.id));
    }
    // Warm-up outside the figures: JIT, the first catch-up of every sandbox.
    for (const id of ids) await runTerminalCommand(id, "kubectl get nodes");
    const tableStats = async () =>
      (
        await pool().query<{ relname: string; ins: number; upd: number; hot: number; del: number }>(
          `SELECT relname, n_tup_ins::int AS ins, n_tup_upd::int AS upd, n_tup_hot_upd::int AS hot, n_tup_del::int AS del
           FROM pg_stat_user_tables WHERE relname IN ('Sandbox', 'SandboxKv', 'SandboxLog', 'TerminalCommand') ORDER BY relname`,
        )
      ).rows;
    // Backends report their table counters when idle, at most once a second.
    await sleep(1500);
    const statsBefore = await tableStats();
    const lastRun = new Map<string, number>(ids.map((id) => [id, performance.now()]));
    const phaseCpu = process.cpuUsage();
    const phaseTree = treeUsage(process.pid).cpuSeconds;
    const tallies = { read: empty(), write: empty() };
    const failed = new Set<string>();
    for (let c = 0; c < SCRIPT.length * rounds; c++) {
      const step = SCRIPT[c % SCRIPT.length]!;
      if (only && step.write !== (only === "write")) continue;
      const line = step.line(Math.floor(c / SCRIPT.length));
      for (const id of ids) {
        const wait = lastRun.get(id)! + gapMs - performance.now();
        if (wait > 0) await sleep(wait);
        const before = countRows ? await storedFacts(pool(), id) : undefined;
        const usage = pgUsage();
        const parameters = pgParameterBytes();
        const cpu = process.cpuUsage();
        const tree = treeUsage(process.pid).cpuSeconds;
        const t = performance.now();
        const r = await runTerminalCommand(id, line);
        const wallMs = performance.now() - t;
        const appCpu = process.cpuUsage(cpu);
        const treeAfter = treeUsage(process.pid).cpuSeconds;
        const usageAfter = pgUsage();
        lastRun.set(id, performance.now());
        // (The endpoints read fails as in bench/terminal-load.ts: kube-scheduler has none in 1.28.)
        if (r.exitCode !== 0 && !r.stderr.includes("AlreadyExists")) failed.add(line);
        const after = before ? await storedFacts(pool(), id, before) : undefined;
        const tally = tallies[step.write ? "write" : "read"];
        const app = (appCpu.user + appCpu.system) / 1e6;
        tally.commands++;
        tally.wrote += after && before && after.version > before.version ? 1 : 0;
        tally.statements += usageAfter.statements - usage.statements;
        tally.bytesSent += usageAfter.bytesSent - usage.bytesSent;
        tally.bytesReceived += usageAfter.bytesReceived - usage.bytesReceived;
        if (after) {
          tally.kvRows += after.kvRows;
          tally.kvBytes += after.kvBytes;
          tally.logRows += after.logRows;
          tally.logBytes += after.logBytes;
          tally.historyRows += after.historyRows;
        }
        for (const [k, v] of pgParameterBytes())
          tally.parameters.set(k, (tally.parameters.get(k) ?? 0) + v - (parameters.get(k) ?? 0));
        tally.appCpu += app;
        tally.pgCpu += treeAfter - tree - app;
        tally.wallMs += wallMs;
      }
    }
    const pgMeasured = !process.env.DATABASE_URL_WAS_SET;
    // Settle the lagging work (WAL writer, stats) into the phase's figures.
    await sleep(1500);
    const phaseAppCpu = process.cpuUsage(phaseCpu);
    const phaseApp = (phaseAppCpu.user + phaseAppCpu.system) / 1e6;
    const phasePg = treeUsage(process.pid).cpuSeconds - phaseTree - phaseApp;
    const statsAfter = await tableStats();
    console.log(
      `## Postgres per command: ${sandboxes} sandboxes × ${SCRIPT.length * rounds} commands, ≥ ${gapMs} ms apart per sandbox (every command catches up)`,
    );
    for (const [kind, t] of Object.entries(tallies)) {
      const n = t.commands;
      if (n === 0) continue;
      const per = (v: number) => (v / n).toFixed(2);
      console.log(
        `${kind} (${n}, ${t.wrote} wrote the sandbox): ${per(t.statements)} statements, ` +
          `${(t.bytesSent / n / 1024).toFixed(1)} KiB sent, ${(t.bytesReceived / n / 1024).toFixed(1)} KiB received; ` +
          `rows: SandboxKv ${per(t.kvRows)} (${(t.kvBytes / n).toFixed(0)} B), SandboxLog ${per(t.logRows)} (${(t.logBytes / n).toFixed(0)} B), ` +
          `TerminalCommand ${per(t.historyRows)}; CPU: app ${((t.appCpu * 1e3) / n).toFixed(2)} ms` +
          (pgMeasured ? `, postgres ${((t.pgCpu * 1e3) / n).toFixed(2)} ms` : "") +
          `; wall ${(t.wallMs / n).toFixed(1)} ms`,
      );
      const largest = [...t.parameters]
        .filter(([, v]) => v / n >= 64)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${(v / n).toFixed(0)} B`);
      console.log(`  parameters per command (named statements, ≥ 64 B): ${largest.join(", ")}`);
    }
    const total = tallies.read.commands + tallies.write.commands;
    if (pgMeasured)
      console.log(
        `whole command phase${only ? ` (${only} commands only, rows not counted)` : " (row-counting queries included)"}: ` +
          `postgres ${((phasePg * 1e3) / total).toFixed(2)} ms, app ${((phaseApp * 1e3) / total).toFixed(2)} ms CPU per command`,
      );
    console.log(
      `table counters per command (pg_stat_user_tables): ` +
        statsAfter
          .map((a) => {
            const b = statsBefore.find((x) => x.relname === a.relname)!;
            const per = (k: "ins" | "upd" | "hot" | "del") => ((a[k] - b[k]) / total).toFixed(2);
            return `${a.relname} ins ${per("ins")} upd ${per("upd")} (HOT ${per("hot")}) del ${per("del")}`;
          })
          .join("; "),
    );
    if (failed.size > 0) console.log(`failed (exit code ≠ 0): ${[...failed].join("; ")}`);
    await closePool();
    await db().$disconnect();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
