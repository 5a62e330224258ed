// Terminal command history, persisted per sandbox (↑/↓ and `history`).

import { pool } from "@/lib/db/sandboxes/pool";

export const HISTORY_LIMIT = 500;

/**
 * The sandbox's last `limit` commands, oldest first. The terminal's GET history reads
 * the same rows with its authorization query instead (requireSandboxRequester's
 * `history`); both go through the sandbox pool, not Prisma's client.
 */
export async function readHistory(sandboxId: string, limit = HISTORY_LIMIT): Promise<string[]> {
  // Named prepared statements here and in appendHistory: parsed once per pooled connection.
  const { rows } = await pool().query<{ command: string }>({
    name: "kubelab_read_history",
    text: `SELECT "command" FROM "TerminalCommand" WHERE "sandboxId" = $1 ORDER BY "seq" DESC LIMIT $2`,
    values: [sandboxId, limit],
  });
  return rows.reverse().map((r) => r.command);
}

export async function appendHistory(
  sandboxId: string,
  command: string,
  exitCode: number,
): Promise<void> {
  // One statement: the next seq is computed in the insert; a concurrent append that
  // took the same seq fails on the key and tries again.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      // Straight on the sandbox pool: this runs after every command, and skipping
      // Prisma's query engine keeps it to one round trip.
      await pool().query({
        name: "kubelab_append_history",
        text: `INSERT INTO "TerminalCommand" ("sandboxId", "seq", "command", "exitCode")
         SELECT $1, COALESCE(MAX("seq"), 0) + 1, $2, $3
         FROM "TerminalCommand" WHERE "sandboxId" = $1`,
        // PostgreSQL text cannot hold NUL; the shell drops it from the line as well.
        values: [sandboxId, command.replaceAll("\u0000", ""), exitCode],
      });
      return;
    } catch (e) {
      if (
        !/23505|Unique constraint|P2010/.test(
          String((e as Error).message) + String((e as { code?: string }).code),
        )
      )
        throw e;
    }
  }
}
