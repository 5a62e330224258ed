// What a sandbox holds in PostgreSQL, and what was added since an earlier reading:
// rows per table and their stored size (pg_column_size, i.e. after compression).
import type pg from "pg";

export interface StoredFacts {
  version: number;
  revision: number;
  logSeq: number;
  historySeq: number;
  kvRows: number;
  kvBytes: number;
  logRows: number;
  logBytes: number;
  historyRows: number;
}

export async function storedFacts(
  p: pg.Pool,
  id: string,
  since?: StoredFacts,
): Promise<StoredFacts> {
  const { rows } = await p.query<StoredFacts>(
    `SELECT s."version", s."logSeq",
       COALESCE((SELECT max("revision") FROM "SandboxKv" WHERE "sandboxId" = $1), 0) AS "revision",
       COALESCE((SELECT max("seq") FROM "TerminalCommand" WHERE "sandboxId" = $1), 0) AS "historySeq",
       (SELECT count(*)::int FROM "SandboxKv" WHERE "sandboxId" = $1 AND "revision" > $2) AS "kvRows",
       (SELECT COALESCE(sum(pg_column_size(k.*)), 0)::int FROM "SandboxKv" k WHERE "sandboxId" = $1 AND "revision" > $2) AS "kvBytes",
       (SELECT count(*)::int FROM "SandboxLog" WHERE "sandboxId" = $1 AND "seq" >= $3) AS "logRows",
       (SELECT COALESCE(sum(pg_column_size(l.*)), 0)::int FROM "SandboxLog" l WHERE "sandboxId" = $1 AND "seq" >= $3) AS "logBytes",
       (SELECT count(*)::int FROM "TerminalCommand" WHERE "sandboxId" = $1 AND "seq" > $4) AS "historyRows"
     FROM "Sandbox" s WHERE s."id" = $1`,
    [
      id,
      since?.revision ?? 2 ** 31 - 1,
      since?.logSeq ?? 2 ** 31 - 1,
      since?.historySeq ?? 2 ** 31 - 1,
    ],
  );
  const r = rows[0];
  if (!r) throw new Error(`sandbox ${id} not found`);
  return r;
}
