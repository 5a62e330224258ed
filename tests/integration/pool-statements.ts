// What a piece of server code sends to Postgres on the sandboxes' pool, for tests that
// bound the statements per request.
import pg from "pg";
import { vi } from "vitest";
import { pool, SANDBOX_POOL_OPTIONS } from "@/lib/db/sandboxes/pool";

/** The SQL texts `fn` sends on the sandboxes' pool (a named statement as "name text"). */
export async function statementsOf(fn: () => Promise<unknown>): Promise<string[]> {
  const query = vi.spyOn(pool(), "query");
  try {
    await fn();
    // A named statement is sent as a config object ({ name, text, values }).
    return query.mock.calls.map((c) => {
      const q = c[0] as unknown;
      return typeof q === "string"
        ? q
        : `${(q as { name?: string }).name ?? ""} ${(q as { text: string }).text}`;
    });
  } finally {
    query.mockRestore();
  }
}

/** A statement PostgreSQL holds prepared on one connection, and how often it ran there. */
export interface PreparedOnConnection {
  name: string;
  /** Executions since its one Parse (generic plus custom plans). */
  runs: number;
}

/** How PostgreSQL planned a statement held prepared on one connection. */
export interface PlansOnConnection {
  name: string;
  /** Executions that ran the statement's cached generic plan. */
  generic: number;
  /** Executions planned afresh for their parameter values. */
  custom: number;
}

/**
 * Runs `fn` with the app's sandboxes pool swapped for a one-connection pool (same
 * options), then asks that connection's backend what it holds prepared and how it
 * planned each (pg_prepared_statements lists the protocol's named statements too).
 */
export async function plansOnOneConnection(
  fn: () => Promise<unknown>,
): Promise<PlansOnConnection[]> {
  const holder = globalThis as unknown as { kubelabSandboxPool?: pg.Pool };
  const app = pool(); // created first, so it is the one put back
  const one = new pg.Pool({
    connectionString: process.env.DATABASE_URL!,
    max: 1,
    options: SANDBOX_POOL_OPTIONS,
  });
  holder.kubelabSandboxPool = one;
  try {
    await fn();
    const { rows } = await one.query<PlansOnConnection>(
      `SELECT name, generic_plans::int AS generic, custom_plans::int AS custom
         FROM pg_prepared_statements WHERE NOT from_sql ORDER BY name`,
    );
    return rows;
  } finally {
    holder.kubelabSandboxPool = app;
    await one.end();
  }
}

/**
 * What `fn` leaves prepared on one connection of the sandboxes pool: a named statement
 * parsed once and run n times shows up once with n runs; an unnamed statement does not
 * show up at all.
 */
export async function preparedOnOneConnection(
  fn: () => Promise<unknown>,
): Promise<PreparedOnConnection[]> {
  return (await plansOnOneConnection(fn)).map((p) => ({
    name: p.name,
    runs: p.generic + p.custom,
  }));
}
