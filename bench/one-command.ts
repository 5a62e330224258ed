// npx tsx bench/one-command.ts [--runs=20] [--command="kubectl create deployment web --image=nginx:1.25"]
//                               [--before="…;…"] [--advance=ms] [--profile=file.cpuprofile] [--stats]
// One terminal command's server-side cost, in process, with Postgres: each run opens
// a fresh default-cluster sandbox, runs the `--before` commands (";"-separated); after a
// virtual second (so the command pays its catch-up as a learner's would) the command runs
// once in each sandbox, timed alone. Prints the wall and CPU medians; --profile writes a CPU profile of
// the timed commands only (bench/cpu-profile-summary.ts reads it).
// This runs the TypeScript through tsx (esbuild per file, keepNames): light commands cost
// several times what the app's bundle spends (a quiet `kubectl get pods -o wide`, --advance=10000:
// 10.0 ms here, 2.6 ms bundled; after a create 1 s before, 15 ms bundled at load 13);
// `bench/one-command-ab.ts --trees=.` gives the bundled figures.
// --advance=ms moves each sandbox's virtual time after the `--before` commands (their
// consequences - image pulls, pods starting - then happen before the timed command, whose
// catch-up only sees the quiet second). --stats prints what the command wrote (store rows,
// log entries and their JSON/packed bytes) and the GC time inside the timed commands.
import { performance, PerformanceObserver } from "node:perf_hooks";
import { readFileSync } from "node:fs";
import { cpuProfiler } from "./cpu-profiler";
import { treeUsage } from "./load/process-stats";
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
const advanceMs = Number(option("advance", "0"));
const stats = process.argv.includes("--stats");
// The store's part timers (lib/db/sandboxes/parts.ts), read when the modules load.
if (stats) process.env.KUBELAB_DB_PARTS = "1";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Written {
  kvRows: number;
  kvBytes: number;
  logEntries: number;
  logPackedBytes: number;
  logJsonBytes: number;
  audit: number;
  traces: number;
}

async function main() {
  await withBenchDatabase(`kubelab_bench_one_command_${process.pid}`, async () => {
    const { runTerminalCommand, userSandbox } = await import("../lib/terminal");
    const { advanceSandboxTime } = await import("../lib/db/sandboxes");
    const { db } = await import("../lib/db/client");
    const { closePool, pool } = await import("../lib/db/sandboxes/pool");
    const { unpackLogEntries } = await import("../lib/db/sandboxes/log-pack");
    const { partTimes } = await import("../lib/db/sandboxes/parts");
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
      if (advanceMs > 0) await advanceSandboxTime(id, advanceMs);
      ids.push(id);
    }
    const marks = new Map<string, { revision: number; logSeq: number }>();
    if (stats) {
      for (const id of ids) {
        const { rows } = await pool().query<{ revision: number; logSeq: number }>(
          `SELECT (SELECT max("revision") FROM "SandboxKv" WHERE "sandboxId" = $1) AS revision,
             "logSeq" FROM "Sandbox" WHERE "id" = $1`,
          [id],
        );
        marks.set(id, rows[0]!);
      }
    }
    // Postgres's CPU (server and backends; only when it runs on this machine): the
    // postmaster is the parent of this connection's backend.
    const pgServer = stats ? await postgresServerPid() : undefined;
    await sleep(1_050);
    let gcMs = 0;
    let timing = false;
    const gc = new PerformanceObserver((list) => {
      if (timing) for (const e of list.getEntries()) gcMs += e.duration;
    });
    gc.observe({ entryTypes: ["gc"] });
    const profiler = await cpuProfiler(profileFile);
    let pgCpu0 = 0;
    let stdout = "";
    for (const [i, id] of ids.entries()) {
      // The first two runs warm the JIT.
      if (i === 2) {
        await profiler?.start();
        timing = true;
        if (pgServer) pgCpu0 = treeUsage(pgServer).cpuSeconds;
        Object.assign(partTimes(), { catchUp: 0, request: 0, persist: 0, logPack: 0, commands: 0 });
      }
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
    const parts = { ...partTimes() };
    const pgCpuMs = pgServer ? (treeUsage(pgServer).cpuSeconds - pgCpu0) * 1000 : NaN;
    await profiler?.stopAndWrite();
    // GC entries are delivered asynchronously.
    await sleep(50);
    timing = false;
    gc.disconnect();
    console.log(`command: ${command}${before.length ? ` (after: ${before.join("; ")})` : ""}`);
    console.log(`output: ${stdout.trim().split("\n")[0]}`);
    console.log(
      `runs: ${runs}, wall median ${median(wall).toFixed(1)} ms, CPU median ${median(cpu).toFixed(1)} ms`,
    );
    if (stats) {
      const written: Written[] = [];
      for (const id of ids.slice(2)) written.push(await writtenBy(id, marks.get(id)!));
      const med = (k: keyof Written) => median(written.map((w) => w[k]));
      console.log(
        `written (median): ${med("kvRows")} store rows (${med("kvBytes")} B), ` +
          `${med("logEntries")} log entries (${med("audit")} audit, ${med("traces")} traces; ` +
          `JSON ${med("logJsonBytes")} B, packed ${med("logPackedBytes")} B); ` +
          `GC ${(gcMs / runs).toFixed(2)} ms per command`,
      );
      const per = (ms: number) => (ms / runs).toFixed(2);
      console.log(
        `parts (mean CPU ms): catch-up ${per(parts.catchUp)}, requests ${per(parts.request)}, ` +
          `persist ${per(parts.persist)} (log pack ${per(parts.logPack)}); ` +
          `CPU mean ${per(cpu.reduce((a, b) => a + b, 0))}; postgres CPU ${per(pgCpuMs)} per command`,
      );
    }
    await closePool();

    async function postgresServerPid(): Promise<number | undefined> {
      const { rows } = await pool().query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
      try {
        const stat = readFileSync(`/proc/${rows[0]!.pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      } catch {
        return undefined; // not on this machine
      }
    }

    async function writtenBy(id: string, mark: { revision: number; logSeq: number }) {
      const kv = await pool().query<{ n: number; bytes: number }>(
        `SELECT count(*)::int AS n, COALESCE(sum(octet_length("value")), 0)::int AS bytes
           FROM "SandboxKv" WHERE "sandboxId" = $1 AND "revision" > $2`,
        [id, mark.revision],
      );
      const logs = await pool().query<{ packed: Buffer | null }>(
        `SELECT "packed" FROM "SandboxLog" WHERE "sandboxId" = $1 AND "seq" >= $2`,
        [id, mark.logSeq],
      );
      const w: Written = {
        kvRows: kv.rows[0]!.n,
        kvBytes: kv.rows[0]!.bytes,
        logEntries: 0,
        logPackedBytes: 0,
        logJsonBytes: 0,
        audit: 0,
        traces: 0,
      };
      for (const { packed } of logs.rows) {
        if (!packed) continue;
        const entries = unpackLogEntries(packed);
        w.logEntries += entries.length;
        w.logPackedBytes += packed.byteLength;
        for (const e of entries) {
          w.logJsonBytes += Buffer.byteLength(JSON.stringify(e.data));
          if (e.kind === "audit") w.audit++;
          else w.traces++;
        }
      }
      return w;
    }
  });
}

void main();
