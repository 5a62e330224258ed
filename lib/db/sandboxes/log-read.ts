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

/** Old single-entry rows of other kinds are skipped in SQL ($4); packs hold both kinds. */
const KIND_FILTER = `AND "kind" IN ($4, 'pack')`;

// The statements, named (parsed and planned once per connection: the trace GET, 채점's
// grade input, a watch's poll and a stale copy's refresh read here), one per shape.
// $1 sandbox, $2 the seq bound, $3 PAGE_ROWS, $4 the kind when filtered.
const AFTER_FIRST_START = `COALESCE((SELECT max("seq") FROM "SandboxLog" WHERE "sandboxId" = $1 AND "seq" <= $2), $2)`;
const afterSql = (first: boolean, kind: boolean) =>
  `SELECT ${COLUMNS} FROM "SandboxLog"
   WHERE "sandboxId" = $1 AND "seq" >= ${first ? AFTER_FIRST_START : "$2"} ${kind ? KIND_FILTER : ""}
   ORDER BY "seq" LIMIT $3`;
const AFTER: Record<string, { name: string; text: string }> = {};
for (const first of [true, false])
  for (const kind of [true, false])
    AFTER[`${first}/${kind}`] = {
      name: `kubelab_log_after${first ? "_first" : ""}${kind ? "_kind" : ""}`,
      text: afterSql(first, kind),
    };
const newestSql = (kind: boolean) =>
  `SELECT ${COLUMNS} FROM "SandboxLog"
   WHERE "sandboxId" = $1 AND "seq" < $2 ${kind ? KIND_FILTER : ""}
   ORDER BY "seq" DESC LIMIT $3`;
const NEWEST = {
  kind: { name: "kubelab_log_newest_kind", text: newestSql(true) },
  any: { name: "kubelab_log_newest", text: newestSql(false) },
};
const LOG_END = {
  name: "kubelab_log_end",
  text: `SELECT max("seq" + "count") AS "end" FROM "SandboxLog" WHERE "sandboxId" = $1`,
};

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
    const { rows } = await c.query<StoredLogRow>({
      ...AFTER[`${first}/${q.kind !== undefined}`]!,
      values: params,
    });
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
    const { rows } = await c.query<StoredLogRow>({
      ...(q.kind ? NEWEST.kind : NEWEST.any),
      values: params,
    });
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
  const { rows } = await c.query<{ end: number | null }>({ ...LOG_END, values: [id] });
  return rows[0]?.end ?? 0;
}
