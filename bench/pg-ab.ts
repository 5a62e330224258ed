// npx tsx bench/pg-ab.ts --trees=/path/a,/path/b [--sandboxes=10] [--rounds=4] [--gap-ms=1100]
//                        [--sql-1=file.sql] [--pg-1=name=value,...] [--env-1=NAME=value]
//                        [--perf=/tmp/prefix]
// PostgreSQL CPU per terminal command for source trees that may differ in their SCHEMA
// (migrations) and SQL, compared in one run: each tree gets its own embedded PostgreSQL
// (migrated by that tree's scripts/db/migrate.ts) and its own bundle of the app's code
// (bundled like the app, bench/bundle-like-app.ts), all loaded into ONE process. The
// trees' commands alternate one by one (A, B, B, A, ...), so the load of other processes
// falls on every tree alike; each server's CPU (postmaster, its live processes and the
// children it reaped: backends, WAL writer, autovacuum...) is read from /proc before and
// after the timed phase, so it is that tree's own. The backends' CPU is also given apart
// (scheduler nanoseconds, /proc/<pid>/schedstat). The script is bench/pg-exec-route.ts's,
// run the way the exec route runs it from the grant cache (owner guard, no query before);
// each command first catches up (≥ --gap-ms per sandbox), as under load.
// --sql-N / --pg-N: extra SQL run on tree N's database after its migrations, and extra
// server settings (ALTER SYSTEM; N = 0, 1, ...): quick experiments before writing a migration.
// --env-N: one environment variable of tree N's server process (NAME= sets it empty), e.g.
// `--env-0=GLIBC_TUNABLES=` for glibc's malloc defaults on tree 0's server (else it gets
// SERVER_MALLOC_TUNABLES, scripts/db/embedded-postgres.ts); otherwise this process's environment.
// --socket-N=1: tree N's pool connects over the server's Unix socket (as `npm start` does),
// the others over loopback TCP.
// --perf: `perf record` of each server's processes during the timed phase (<prefix>-N.data).
// Trees share nothing but `pg` (packages are external): the pool, the sandbox cache and
// the token buckets on globalThis are swapped in before each tree's command.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres } from "../scripts/db/embedded-postgres";
import { benchOption, benchTrees, bundleDir, bundleLikeApp } from "./bundle-like-app";
import { PG_BENCH_SCRIPT } from "./pg-script";
import { postmasterPid } from "./load/postgres-server";

const trees = benchTrees();
const sandboxes = Number(benchOption("sandboxes", "10"));
const rounds = Number(benchOption("rounds", "4"));
const gapMs = Number(benchOption("gap-ms", "1100"));
const perfPrefix = benchOption("perf", "");

const SCRIPT = PG_BENCH_SCRIPT;

interface TreeModule {
  runTerminalCommand(
    id: string,
    line: string,
    session: object,
    sourceIP: undefined,
    extras: object,
  ): Promise<{ stdout: string; stderr: string }>;
  userSandbox(userId: string): Promise<string>;
  poolModule: { SANDBOX_POOL_OPTIONS?: string };
}
// The tree's pool module too: its connections' settings (SANDBOX_POOL_OPTIONS), when it has them.
const ENTRY = `
export { runTerminalCommand, userSandbox } from "./lib/terminal";
export * as poolModule from "./lib/db/sandboxes/pool";
`;

// The per-process state the app keeps on globalThis, swapped per tree.
const SWAPPED = ["kubelabSandboxPool", "kubelabSandboxCacheV2", "kubelabSandboxBuckets"] as const;
type Globals = Partial<Record<(typeof SWAPPED)[number], unknown>>;
const g = globalThis as unknown as Globals;

interface ProcCpu {
  /** utime + stime (+ cutime + cstime for the postmaster), seconds. */
  all: number;
  /** The backends' CPU from schedstat, seconds. */
  backends: number;
}

/** The postmaster's live children. */
function children(postmaster: number): { pid: number; title: string; stat: string[] }[] {
  const out = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, "utf8");
      const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
      if (Number(f[1]) !== postmaster) continue;
      const title = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ").trim();
      out.push({ pid: Number(entry), title, stat: f });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

function serverCpu(dataDir: string, database: string): ProcCpu {
  const pm = postmasterPid(dataDir);
  const text = readFileSync(`/proc/${pm}/stat`, "utf8");
  const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
  let ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  let backendNs = 0;
  for (const c of children(pm)) {
    ticks += Number(c.stat[11]) + Number(c.stat[12]);
    if (c.title.includes(` ${database} `)) {
      try {
        backendNs += Number(readFileSync(`/proc/${c.pid}/schedstat`, "utf8").split(" ")[0]);
      } catch {
        // exited meanwhile
      }
    }
  }
  return { all: ticks / 100, backends: backendNs / 1e9 };
}

// Row activity of the sandbox tables since the server started (the set-up included).
const TABLE_STATS = `SELECT c.relname, t.n_tup_ins::int AS ins, t.n_tup_upd::int AS upd, t.n_tup_hot_upd::int AS hot,
    t.n_tup_del::int AS del, COALESCE(tt.n_tup_ins, 0)::int AS toast_ins,
    pg_relation_size(c.oid) / 1024 AS size, COALESCE(pg_relation_size(c.reltoastrelid), 0) / 1024 AS toast_size
  FROM pg_class c JOIN pg_stat_all_tables t ON t.relid = c.oid
  LEFT JOIN pg_stat_all_tables tt ON tt.relid = c.reltoastrelid
  WHERE c.relname IN ('Sandbox', 'SandboxKv', 'SandboxLog', 'TerminalCommand') ORDER BY c.relname`;
const COLUMN_SIZES = `SELECT avg(pg_column_size("meta"))::int AS meta, avg(octet_length("meta"::text))::int AS meta_text,
    count(*) FILTER (WHERE pg_column_toast_chunk_id("meta") IS NOT NULL)::int AS meta_external,
    count(*) FILTER (WHERE pg_column_toast_chunk_id("loops") IS NOT NULL)::int AS loops_external,
    count(*)::int AS rows, avg(pg_column_size("hot"))::int AS hot,
    avg(pg_column_size("loops"))::int AS loops, avg(octet_length("loops"::text))::int AS loops_text,
    avg(pg_column_size(s.*))::int AS row FROM "Sandbox" s`;
const KV_SIZES = `SELECT count(*)::int AS n, avg(pg_column_size("value"))::int AS stored, avg(octet_length("value"))::int AS raw,
    max(octet_length("value")) AS max, count(*) FILTER (WHERE octet_length("value") > 1900)::int AS over_1900
  FROM "SandboxKv"`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Side {
  tree: string;
  mod: TreeModule;
  dataDir: string;
  database: string;
  globals: Globals;
  learners: { id: string; userId: string }[];
  stop: () => Promise<void>;
  commands: number;
  appCpu: number;
  errors: string[];
  before?: ProcCpu;
  /** pg_current_wal_insert_lsn() before and after the timed phase (each tree has its own server). */
  walBefore?: string;
  walBytes?: number;
  after?: ProcCpu;
  perf?: ChildProcess;
}

async function openSide(k: number, tree: string, bundles: string): Promise<Side> {
  const dir = mkdtempSync(path.join("/tmp", `kubelab-pgab-${k}-`));
  const extraPg = benchOption(`pg-${k}`, "")
    .split(",")
    .filter(Boolean)
    .map((kv) => kv.split("="));
  const server = await withServerEnv(benchOption(`env-${k}`, ""), () =>
    startEmbeddedPostgres({ dir, persistent: false, unixSocket: true }),
  );
  const database = `kubelab_pgab_${k}`;
  await ensureDatabase(server.url("postgres"), database);
  const url = server.url(database);
  const poolUrl = benchOption(`socket-${k}`, "") === "1" ? server.socketUrl!(database) : url;
  const migrate = spawnSync("npx", ["tsx", path.join(tree, "scripts/db/migrate.ts")], {
    cwd: tree,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (migrate.status !== 0) throw new Error(`migrations of ${tree}: ${migrate.stderr}`);
  const sqlFile = benchOption(`sql-${k}`, "");
  const outfile = path.join(bundles, `tree-${k}.mjs`);
  const href = await bundleLikeApp({ contents: ENTRY, tree, outfile, sourcefile: "pg-ab.ts" });
  for (const key of SWAPPED) delete g[key];
  const mod = (await import(href)) as TreeModule;
  const pool = new pg.Pool({
    connectionString: poolUrl,
    max: 10,
    // Backends that exit would take their CPU out of the per-database figure.
    idleTimeoutMillis: 0,
    // The tree's own connection settings (older trees: asynchronous commit only).
    options: mod.poolModule.SANDBOX_POOL_OPTIONS ?? "-c synchronous_commit=off",
  });
  if (sqlFile) await pool.query(readFileSync(sqlFile, "utf8"));
  for (const [name, value] of extraPg) await pool.query(`ALTER SYSTEM SET ${name} = '${value}'`);
  if (extraPg.length > 0) await pool.query("SELECT pg_reload_conf()");
  g.kubelabSandboxPool = pool;
  return {
    tree,
    mod,
    dataDir: path.join(dir, "pgdata"),
    database,
    globals: { kubelabSandboxPool: pool },
    learners: [],
    stop: async () => {
      await pool.end();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    commands: 0,
    appCpu: 0,
    errors: [],
  };
}

/** Runs `start` with `setting` (NAME=value) in process.env, which the server's spawn copies. */
async function withServerEnv<T>(setting: string, start: () => Promise<T>): Promise<T> {
  if (!setting) return start();
  const at = setting.indexOf("=");
  const name = setting.slice(0, at);
  const before = process.env[name];
  process.env[name] = setting.slice(at + 1);
  try {
    return await start();
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}

async function walLsn(side: Side): Promise<string> {
  const pool = side.globals.kubelabSandboxPool as pg.Pool;
  const { rows } = await pool.query<{ lsn: string }>("SELECT pg_current_wal_insert_lsn() AS lsn");
  return rows[0]!.lsn;
}

/** Makes `side`'s globals the live ones (and keeps what the previous side left). */
let current: Side | undefined;
function enter(side: Side): void {
  if (current === side) return;
  if (current) for (const key of SWAPPED) current.globals[key] = g[key];
  for (const key of SWAPPED) g[key] = side.globals[key];
  current = side;
}

async function run(side: Side, l: { id: string; userId: string }, line: string) {
  enter(side);
  return side.mod.runTerminalCommand(l.id, line, {}, undefined, {
    owner: { ownerId: l.userId, workspace: "sandbox" },
    guard: l.userId,
  });
}

async function main() {
  const bundles = bundleDir("kubelab-pgab");
  const sides: Side[] = [];
  try {
    for (const [k, t] of trees.entries()) sides.push(await openSide(k, t, bundles));
    for (const side of sides) {
      enter(side);
      const pool = side.globals.kubelabSandboxPool as pg.Pool;
      for (let i = 0; i < sandboxes; i++) {
        const userId = `pgab-${i}-${Date.now()}`;
        await pool.query(
          `INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES ($1, $2, $3, now())`,
          [userId, `${userId}@bench.test`, `p${i}`],
        );
        side.learners.push({ id: await side.mod.userSandbox(userId), userId });
      }
      for (const l of side.learners) await run(side, l, "kubectl get nodes"); // warm-up
    }
    const last = new Map<string, number>();
    const load0 = loadavg()[0]!;
    for (const [k, side] of sides.entries()) {
      side.before = serverCpu(side.dataDir, side.database);
      side.walBefore = await walLsn(side);
      if (perfPrefix) {
        const pids = [
          postmasterPid(side.dataDir),
          ...children(postmasterPid(side.dataDir)).map((c) => c.pid),
        ];
        side.perf = spawn(
          "perf",
          [
            "record",
            "-F",
            "1999",
            "-e",
            "cpu-clock",
            ...(process.env.PGAB_PERF_ARGS ?? "-g").split(" "),
            "-o",
            `${perfPrefix}-${k}.data`,
            "-p",
            pids.join(","),
          ],
          { stdio: "ignore" },
        );
      }
    }
    for (let round = 0; round < rounds; round++) {
      for (let c = 0; c < SCRIPT.length; c++) {
        const line = SCRIPT[c]!.replace("$n", String(round));
        for (let i = 0; i < sandboxes; i++) {
          // Alternate which tree goes first, so neither always follows the other.
          const order = sides.map((_, k) => k);
          if ((round * SCRIPT.length * sandboxes + c * sandboxes + i) % 2 === 1) order.reverse();
          for (const k of order) {
            const side = sides[k]!;
            const l = side.learners[i]!;
            const wait = (last.get(l.id) ?? 0) + gapMs - performance.now();
            if (wait > 0) await sleep(wait);
            const cpu = process.cpuUsage();
            const r = await run(side, l, line);
            const app = process.cpuUsage(cpu);
            side.appCpu += (app.user + app.system) / 1e6;
            side.commands++;
            last.set(l.id, performance.now());
            if (r.stderr) side.errors.push(`${line}: ${r.stderr.trim()}`);
          }
        }
      }
    }
    // PostgreSQL's CPU lags its statements (WAL writer, stats): let it finish.
    await sleep(1500);
    for (const side of sides) {
      side.after = serverCpu(side.dataDir, side.database);
      const { rows } = await (side.globals.kubelabSandboxPool as pg.Pool).query<{ b: string }>(
        "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1)::int8 AS b",
        [side.walBefore],
      );
      side.walBytes = Number(rows[0]!.b);
      side.perf?.kill("SIGINT");
    }
    const load1 = loadavg()[0]!;
    console.log(
      `## ${sandboxes} learners × ${SCRIPT.length} commands × ${rounds} rounds per tree, interleaved, ≥ ${gapMs} ms apart per sandbox; load ${load0.toFixed(1)} → ${load1.toFixed(1)}`,
    );
    const base = sides[0]!;
    const per = (s: Side, v: number) => (v * 1e3) / s.commands;
    for (const s of sides) {
      const all = per(s, s.after!.all - s.before!.all);
      const be = per(s, s.after!.backends - s.before!.backends);
      const rel = (v: number, b: number) =>
        s === base ? "" : ` (${(((v - b) / b) * 100).toFixed(1)} %)`;
      const bAll = per(base, base.after!.all - base.before!.all);
      const bBe = per(base, base.after!.backends - base.before!.backends);
      console.log(
        `${s.tree}: postgres ${all.toFixed(3)} ms/command${rel(all, bAll)}, backends ${be.toFixed(3)}${rel(be, bBe)}, app ${per(s, s.appCpu).toFixed(2)} ms, WAL ${(s.walBytes! / s.commands / 1024).toFixed(2)} KB/command`,
      );
    }
    for (const [k, s] of sides.entries()) {
      const pool = s.globals.kubelabSandboxPool as pg.Pool;
      const { rows } = await pool.query(TABLE_STATS);
      console.log(`tree ${k} tables (per command):`);
      for (const r of rows)
        console.log(
          `  ${r.relname}: ins ${(r.ins / s.commands).toFixed(2)} upd ${(r.upd / s.commands).toFixed(2)} (HOT ${(r.hot / s.commands).toFixed(2)}) del ${(r.del / s.commands).toFixed(2)} toast ins ${(r.toast_ins / s.commands).toFixed(2)}; ${r.size} kB, ${r.toast_size} kB TOAST`,
        );
      const cols = await pool.query(COLUMN_SIZES);
      console.log(`  Sandbox columns (avg stored bytes): ${JSON.stringify(cols.rows[0])}`);
      const kv = await pool.query(KV_SIZES);
      console.log(`  SandboxKv values: ${JSON.stringify(kv.rows[0])}`);
    }
    for (const s of sides)
      console.log(
        `${s.tree}: ${s.errors.length} commands printed to stderr${s.errors.length ? `, e.g. ${s.errors.slice(0, 3).join(" | ")}` : ""}`,
      );
    if (perfPrefix) await sleep(1000);
  } finally {
    for (const side of sides) await side.stop().catch(() => {});
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
