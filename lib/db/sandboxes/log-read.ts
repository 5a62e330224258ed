// Reading a sandbox's audit events and traces (SandboxLog) entry by entry, whatever
// row holds them (log-pack.ts): every reader goes through here, not through SQL on
// the table, so the storage format can change under them.

import type { Client } from "./pool";
import { pool } from "./pool";
import { entriesOfRow, type LogKind, type LogRecord, type StoredLogRow } from "./log-pack";

type Queryable = Pick<Client, "query">;

/** Rows fetched per round trip while collecting entries. */
const PAGE_ROWS = 64;

const COLUMNS = `"seq", "kind", "count", "data", "packed"`;

/** Old single-entry rows of other kinds are skipped in SQL; packs hold both kinds. */
function kindFilter(kind: LogKind | undefined, param: string): string {
  return kind ? `AND "kind" IN (${param}, 'pack')` : "";
}

export interface LogQuery<T> {
  /** Only entries of this kind (default both). */
  kind?: LogKind;
  /** At most this many entries. */
  limit: number;
  /** Only entries this returns true for (counted against `limit`). */
  keep?: (record: LogRecord<T>) => boolean;
}

/**
 * Entries with a sequence number above `afterSeq`, oldest first. The first row read
 * is the one holding entry afterSeq + 1 (a pack may start below it).
 */
export async function readLogAfter<T = unknown>(
  id: string,
  afterSeq: number,
  q: LogQuery<T>,
  c: Queryable = pool(),
): Promise<LogRecord<T>[]> {
  const out: LogRecord<T>[] = [];
  let from = afterSeq + 1;
  let first = true;
  while (out.length < q.limit) {
    const params: unknown[] = [id, from, PAGE_ROWS];
    if (q.kind) params.push(q.kind);
    // The row holding `from` starts at the greatest seq ≤ from (first page only:
    // later pages start right after the last row read).
    const start = first
      ? `COALESCE((SELECT max("seq") FROM "SandboxLog" WHERE "sandboxId" = $1 AND "seq" <= $2), $2)`
      : `$2`;
    const { rows } = await c.query<StoredLogRow>(
      `SELECT ${COLUMNS} FROM "SandboxLog"
       WHERE "sandboxId" = $1 AND "seq" >= ${start} ${kindFilter(q.kind, "$4")}
       ORDER BY "seq" LIMIT $3`,
      params,
    );
    for (const row of rows) {
      for (const r of entriesOfRow(row) as LogRecord<T>[]) {
        if (r.seq <= afterSeq || (q.kind && r.kind !== q.kind)) continue;
        if (q.keep && !q.keep(r)) continue;
        out.push(r);
        if (out.length === q.limit) return out;
      }
    }
    if (rows.length < PAGE_ROWS) break;
    from = rows.at(-1)!.seq + 1;
    first = false;
  }
  return out;
}

/** The newest entries (below `beforeSeq` when given), newest first. */
export async function readLogNewest<T = unknown>(
  id: string,
  q: LogQuery<T> & { beforeSeq?: number },
  c: Queryable = pool(),
): Promise<LogRecord<T>[]> {
  const out: LogRecord<T>[] = [];
  let below = q.beforeSeq ?? 2 ** 31 - 1;
  for (;;) {
    const params: unknown[] = [id, below, PAGE_ROWS];
    if (q.kind) params.push(q.kind);
    const { rows } = await c.query<StoredLogRow>(
      `SELECT ${COLUMNS} FROM "SandboxLog"
       WHERE "sandboxId" = $1 AND "seq" < $2 ${kindFilter(q.kind, "$4")}
       ORDER BY "seq" DESC LIMIT $3`,
      params,
    );
    for (const row of rows) {
      const entries = entriesOfRow(row) as LogRecord<T>[];
      for (let i = entries.length - 1; i >= 0; i--) {
        const r = entries[i]!;
        if (q.beforeSeq !== undefined && r.seq >= q.beforeSeq) continue;
        if (q.kind && r.kind !== q.kind) continue;
        if (q.keep && !q.keep(r)) continue;
        out.push(r);
        if (out.length === q.limit) return out;
      }
    }
    if (rows.length < PAGE_ROWS) return out;
    below = rows.at(-1)!.seq;
  }
}

/** The sequence number after the newest stored entry (0 when none). */
export async function logEnd(id: string, c: Queryable = pool()): Promise<number> {
  const { rows } = await c.query<{ end: number | null }>(
    `SELECT max("seq" + "count") AS "end" FROM "SandboxLog" WHERE "sandboxId" = $1`,
    [id],
  );
  return rows[0]?.end ?? 0;
}
