// The sandbox hot path talks to Postgres through node-postgres directly: a request
// is a handful of statements in one transaction, and Prisma's per-query overhead
// (~2 ms here) would dominate the engine's sub-millisecond work. Same database,
// same DATABASE_URL as the Prisma client in lib/db/client.ts.

import pg from "pg";
import { count, countersReportMs, startCountersReport } from "./counters";

const globalForPool = globalThis as unknown as { kubelabSandboxPool?: pg.Pool };

/**
 * Session settings of the pool's connections.
 * - `synchronous_commit=off`: asynchronous commit for sandbox writes. Atomicity is
 *   unaffected (a crash mid-request still leaves the sandbox as before); only a database
 *   *server* crash could lose the last few hundred milliseconds of acknowledged lab
 *   requests. It saves the WAL fsync that dominates a request's time.
 * - `plan_cache_mode=force_generic_plan`: the pool's statements are named (prepared once
 *   per connection), but under the default `auto` PostgreSQL plans a statement's first five
 *   runs for their values and keeps doing so while those custom plans look cheaper than
 *   the generic one. The request's write statement's custom plans fold away the parts its
 *   parameters switch off (no log entries, no history row, no owner guard), so in the
 *   benches' command mix it was planned afresh on every call (280 plans for 280 calls), at
 *   ~0.45 ms of the statement's ~1.1 ms (pg_stat_statements with track_planning, load ~12).
 *   Every statement on this pool looks rows up by a key (the sandbox or user id first), so
 *   the generic plan is the same index scans; a part a parameter switches off still costs
 *   nothing at run time (a one-time filter).
 */
export const SANDBOX_POOL_OPTIONS =
  "-c synchronous_commit=off -c plan_cache_mode=force_generic_plan";

export function pool(): pg.Pool {
  if (!globalForPool.kubelabSandboxPool) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set");
    const p = new pg.Pool({ connectionString, max: 10, options: SANDBOX_POOL_OPTIONS });
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
