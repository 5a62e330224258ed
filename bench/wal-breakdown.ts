// What a measured phase wrote to PostgreSQL's WAL, by record type and by relation, from
// the server's own log (pg_walinspect, shipped with the embedded binaries; no
// shared_preload_libraries needed). `walMark` notes the WAL position and holds the WAL
// from there with a physical replication slot, so a checkpoint during the phase cannot
// recycle the segments before they are read; `walBreakdown` reads the range, drops the
// slot and returns report lines. Superuser only (the benches' embedded server's role).
//
// By relation: every block reference of a record is counted with its block data and
// full-page image; the record's own header and main data go to its first block (block_id 0),
// or to "(no block)" for records that touch none (commits, running-xacts). Checkpoints and
// HOT/non-HOT updates and TOAST inserts of the sandbox tables (pg_stat_all_tables) come
// alongside: a full-page image is written for a page's first change after each checkpoint.

interface Queryable {
  query<R extends object = Record<string, unknown>>(text: string): Promise<{ rows: R[] }>;
}

export interface WalMark {
  lsn: string;
  slot: string;
  tables: Map<string, TableCounts>;
  checkpoints: number;
}

interface TableCounts {
  ins: number;
  upd: number;
  hot: number;
  del: number;
}

// The sandbox tables and their TOAST tables (named "<table> TOAST").
const TABLE_COUNTS = `SELECT c.relname AS name, t.n_tup_ins::int8 AS ins, t.n_tup_upd::int8 AS upd,
    t.n_tup_hot_upd::int8 AS hot, t.n_tup_del::int8 AS del
  FROM pg_class c JOIN pg_stat_all_tables t ON t.relid = c.oid
  WHERE c.relname IN ('Sandbox', 'SandboxKv', 'SandboxLog', 'TerminalCommand')
  UNION ALL
  SELECT c.relname || ' TOAST', t.n_tup_ins, t.n_tup_upd, t.n_tup_hot_upd, t.n_tup_del
  FROM pg_class c JOIN pg_stat_all_tables t ON t.relid = c.reltoastrelid
  WHERE c.relname IN ('Sandbox', 'SandboxKv', 'SandboxLog', 'TerminalCommand')`;

async function tableCounts(c: Queryable): Promise<Map<string, TableCounts>> {
  // Statistics are cached per transaction and flushed by backends at most once a second.
  await c.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await c.query<TableCounts & { name: string }>(TABLE_COUNTS);
  return new Map(
    rows.map((r) => [
      r.name,
      { ins: Number(r.ins), upd: Number(r.upd), hot: Number(r.hot), del: Number(r.del) },
    ]),
  );
}

async function checkpoints(c: Queryable): Promise<number> {
  const { rows } = await c.query<{ n: string }>(
    "SELECT (num_timed + num_requested)::int8 AS n FROM pg_stat_checkpointer",
  );
  return Number(rows[0]!.n);
}

export async function walMark(c: Queryable): Promise<WalMark> {
  await c.query("CREATE EXTENSION IF NOT EXISTS pg_walinspect");
  const slot = `wal_breakdown_${process.pid}_${Date.now()}`;
  // The slot holds the WAL from the last checkpoint's redo point on; the phase starts here.
  await c.query(`SELECT pg_create_physical_replication_slot('${slot}', true)`);
  const tables = await tableCounts(c);
  const cps = await checkpoints(c);
  const { rows } = await c.query<{ lsn: string }>(
    "SELECT pg_current_wal_insert_lsn()::text AS lsn",
  );
  return { lsn: rows[0]!.lsn, slot, tables, checkpoints: cps };
}

const kb = (bytes: number, per: number) => `${(bytes / per / 1024).toFixed(2)} KB`;

/** Report lines for the WAL written since `mark`, per command (`commands`). */
export async function walBreakdown(
  c: Queryable,
  mark: WalMark,
  commands: number,
  opts: { topRecords?: number; topRelations?: number } = {},
): Promise<string[]> {
  const n = Math.max(1, commands);
  // Backends flush their table statistics at most once a second.
  await new Promise((r) => setTimeout(r, 1100));
  const end = (await c.query<{ lsn: string }>("SELECT pg_current_wal_insert_lsn()::text AS lsn"))
    .rows[0]!.lsn;
  const cps = (await checkpoints(c)) - mark.checkpoints;
  const tables = await tableCounts(c);
  try {
    const range = `'${mark.lsn}'::pg_lsn, '${end}'::pg_lsn`;
    const total = (
      await c.query<{ bytes: string }>(
        `SELECT ('${end}'::pg_lsn - '${mark.lsn}'::pg_lsn)::int8 AS bytes`,
      )
    ).rows[0]!.bytes;
    const stats = (
      await c.query<{ kind: string; count: string; rec: string; fpi: string }>(
        `SELECT "resource_manager/record_type" AS kind, count::int8, record_size::int8 AS rec, fpi_size::int8 AS fpi
         FROM pg_get_wal_stats(${range}, true) WHERE count > 0 ORDER BY combined_size DESC`,
      )
    ).rows;
    const records = stats.reduce((s, r) => s + Number(r.count), 0);
    const fpiBytes = stats.reduce((s, r) => s + Number(r.fpi), 0);
    // Block references, and each record's own bytes (header, block headers, main data: its
    // length less its blocks' data and images) given to its first block's relation.
    const byRelation = (
      await c.query<{
        rel: string;
        refs: string;
        fpis: string;
        fpi: string;
        data: string;
        rec: string;
      }>(
        `WITH b AS MATERIALIZED (
           SELECT start_lsn, block_id, reltablespace, relfilenode, relforknumber, block_fpi_length AS fpi,
                  block_data_length AS data
           FROM pg_get_wal_block_info(${range}, false)),
         r AS MATERIALIZED (SELECT start_lsn, record_length FROM pg_get_wal_records_info(${range})),
         first AS (SELECT DISTINCT ON (start_lsn) * FROM b ORDER BY start_lsn, block_id),
         blocks AS (SELECT start_lsn, sum(fpi + data) AS bytes FROM b GROUP BY start_lsn),
         own AS (
           SELECT r.start_lsn, r.record_length - COALESCE(k.bytes, 0) AS own,
                  f.reltablespace, f.relfilenode, f.relforknumber
           FROM r LEFT JOIN first f USING (start_lsn) LEFT JOIN blocks k USING (start_lsn)),
         refs AS (
           SELECT reltablespace, relfilenode, relforknumber, count(*) AS refs,
                  count(*) FILTER (WHERE fpi > 0) AS fpis, sum(fpi) AS fpi, sum(data) AS data
           FROM b GROUP BY 1, 2, 3),
         owns AS (SELECT reltablespace, relfilenode, relforknumber, sum(own) AS rec FROM own GROUP BY 1, 2, 3)
         SELECT CASE WHEN relfilenode IS NULL THEN '(no block)'
                     ELSE COALESCE(pg_filenode_relation(reltablespace, relfilenode)::regclass::text,
                                   'filenode ' || relfilenode) ||
                          CASE WHEN relforknumber > 0 THEN ' fork ' || relforknumber ELSE '' END END AS rel,
                COALESCE(refs, 0)::int8 AS refs, COALESCE(fpis, 0)::int8 AS fpis, COALESCE(fpi, 0)::int8 AS fpi,
                COALESCE(data, 0)::int8 AS data, COALESCE(rec, 0)::int8 AS rec
         FROM refs FULL JOIN owns USING (reltablespace, relfilenode, relforknumber)
         ORDER BY COALESCE(fpi, 0) + COALESCE(data, 0) + COALESCE(rec, 0) DESC`,
      )
    ).rows;
    const lines = [
      `\nWAL (pg_walinspect) over the phase: ${kb(Number(total), n)} per command (${records} records, ${(records / n).toFixed(1)} per command; ` +
        `full-page images ${kb(fpiBytes, n)} per command), ${cps} checkpoint(s) during the phase; LSN ${mark.lsn} to ${end}`,
      `by record type (per command: records, bytes of records, bytes of full-page images):`,
    ];
    for (const r of stats.slice(0, opts.topRecords ?? 12))
      lines.push(
        `  ${r.kind}: ${(Number(r.count) / n).toFixed(2)}, ${(Number(r.rec) / n).toFixed(0)} B, FPI ${(Number(r.fpi) / n).toFixed(0)} B`,
      );
    lines.push(
      `by relation (per command: block references, full-page images and their bytes, block data, records' own bytes):`,
    );
    for (const r of byRelation.slice(0, opts.topRelations ?? 14))
      lines.push(
        `  ${r.rel}: refs ${(Number(r.refs) / n).toFixed(2)}, FPI ${(Number(r.fpis) / n).toFixed(3)} = ${(Number(r.fpi) / n).toFixed(0)} B, ` +
          `data ${(Number(r.data) / n).toFixed(0)} B, record ${(Number(r.rec) / n).toFixed(0)} B`,
      );
    lines.push(`rows per command (n_tup_*: inserted, updated (HOT), deleted):`);
    for (const [name, after] of tables) {
      const before = mark.tables.get(name) ?? { ins: 0, upd: 0, hot: 0, del: 0 };
      const d = (k: keyof TableCounts) => ((after[k] - before[k]) / n).toFixed(2);
      lines.push(`  ${name}: ins ${d("ins")}, upd ${d("upd")} (HOT ${d("hot")}), del ${d("del")}`);
    }
    return lines;
  } finally {
    await c.query(`SELECT pg_drop_replication_slot('${mark.slot}')`);
  }
}
