// What a piece of server code sends to Postgres on the sandboxes' pool, for tests that
// bound the statements per request.
import { vi } from "vitest";
import { pool } from "@/lib/db/sandboxes/pool";

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
