// npx tsx bench/pg-socket-ab.ts [--queries=2000] [--blocks=8] [--payload=0]
// Loopback TCP against the Unix socket to the same embedded PostgreSQL, in one process: two
// connections, one over each, run the same named statement in alternating blocks (A B B A ...),
// so other processes' load falls on both alike. Per round trip: wall time, this process's CPU
// (node-postgres and the kernel's send/receive on the client side) and the backend's CPU
// (/proc/<pid>/schedstat). The statement is the sandbox path's version check (transaction.ts
// versionIs), the cheapest statement the app sends on every command; --payload=N adds an
// N-byte bytea parameter (a write's revision blob and log pack are ~5-10 KB).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { startEmbeddedPostgres } from "../scripts/db/embedded-postgres";
import { benchOption } from "./bundle-like-app";

const queries = Number(benchOption("queries", "2000"));
const blocks = Number(benchOption("blocks", "8"));
const payload = Buffer.alloc(Number(benchOption("payload", "0")), 7);

function backendNs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]);
}

interface Side {
  name: string;
  client: pg.Client;
  pid: number;
  wallMs: number;
  clientUs: number;
  backendNs: number;
  n: number;
}

async function main() {
  const dir = mkdtempSync(path.join("/tmp", "kubelab-socket-"));
  const server = await startEmbeddedPostgres({ dir, persistent: false, unixSocket: true });
  const sides: Side[] = [];
  try {
    for (const [name, url] of [
      ["tcp", server.url("postgres")],
      ["unix", server.socketUrl!("postgres")],
    ] as const) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      sides.push({ name, client, pid: rows[0]!.pid, wallMs: 0, clientUs: 0, backendNs: 0, n: 0 });
    }
    await sides[0]!.client.query(
      `CREATE TABLE "Sandbox" ("id" text PRIMARY KEY, "version" int NOT NULL);
       INSERT INTO "Sandbox" SELECT 's' || i, i FROM generate_series(1, 1000) i`,
    );
    const run = async (s: Side, count: number, timed: boolean) => {
      const b0 = backendNs(s.pid);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < count; i++) {
        await s.client.query({
          name: "version_is",
          text: `SELECT "version", octet_length($2::bytea) FROM "Sandbox" WHERE "id" = $1`,
          values: [`s${(i % 1000) + 1}`, payload],
        });
      }
      if (!timed) return;
      s.wallMs += performance.now() - t0;
      const c = process.cpuUsage(c0);
      s.clientUs += c.user + c.system;
      s.backendNs += backendNs(s.pid) - b0;
      s.n += count;
    };
    for (const s of sides) await run(s, 500, false); // warm-up
    const load0 = loadavg()[0]!;
    for (let b = 0; b < blocks; b++) {
      const order = b % 2 === 0 ? [0, 1] : [1, 0];
      for (const k of order) await run(sides[k]!, queries, true);
    }
    console.log(
      `## ${blocks} blocks × ${queries} statements (${payload.length}-byte parameter) per side, alternating (ABBA); load ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`,
    );
    for (const s of sides)
      console.log(
        `${s.name}: wall ${((s.wallMs * 1e3) / s.n).toFixed(1)} µs, client CPU ${(s.clientUs / s.n).toFixed(1)} µs, backend CPU ${(s.backendNs / 1e3 / s.n).toFixed(1)} µs per statement`,
      );
  } finally {
    for (const s of sides) await s.client.end().catch(() => {});
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
