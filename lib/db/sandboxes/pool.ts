// The sandbox hot path talks to Postgres through node-postgres directly: a request
// is a handful of statements in one transaction, and Prisma's per-query overhead
// (~2 ms here) would dominate the engine's sub-millisecond work. Same database,
// same DATABASE_URL as the Prisma client in lib/db/client.ts.

import pg from "pg";
import { count, countersReportMs, startCountersReport } from "./counters";

const globalForPool = globalThis as unknown as { kubelabSandboxPool?: pg.Pool };

export function pool(): pg.Pool {
  if (!globalForPool.kubelabSandboxPool) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set");
    const p = new pg.Pool({ connectionString, max: 10, options: "-c synchronous_commit=off" });
    // Asynchronous commit for sandbox writes: atomicity is unaffected (a crash
    // mid-request still leaves the sandbox as before); only a database *server*
    // crash could lose the last few hundred milliseconds of acknowledged lab
    // requests. It saves the WAL fsync that dominates a request's time.
    // An idle connection dropped by the server must not crash the process; the
    // pool replaces it on the next checkout.
    p.on("error", () => {});
    if (countersReportMs()) {
      // bench:load's statement count (counters.ts): only when reported, so the hot
      // path is not wrapped otherwise.
      p.on("connect", (client) => {
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        (client as unknown as { query: (...args: unknown[]) => unknown }).query = (
          ...args: unknown[]
        ) => {
          count("statements");
          return query(...args);
        };
      });
      startCountersReport();
    }
    globalForPool.kubelabSandboxPool = p;
  }
  return globalForPool.kubelabSandboxPool;
}

export type Client = pg.PoolClient;

/** Runs `fn` in a transaction on one pooled connection; rolls back on any error. */
export async function transaction<T>(
  fn: (c: Client) => Promise<T>,
  opts: { durable?: boolean; readOnlySnapshot?: boolean } = {},
): Promise<T> {
  const client = await pool().connect();
  try {
    await client.query(
      opts.readOnlySnapshot
        ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        : opts.durable
          ? "BEGIN; SET LOCAL synchronous_commit = on"
          : "BEGIN",
    );
    const out = await fn(client);
    await client.query("COMMIT");
    return out;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

export async function closePool(): Promise<void> {
  await globalForPool.kubelabSandboxPool?.end();
  globalForPool.kubelabSandboxPool = undefined;
}
