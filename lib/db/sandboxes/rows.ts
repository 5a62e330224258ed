// SQL for one sandbox's tables. Every statement is keyed by sandboxId first, the
// column the tables are (later) distributed by.

import type { KvRow } from "@/lib/sim";
import type { Client } from "./pool";
import { jsonbText } from "./jsonb-text";
import { decodeValue, encodeRowValue } from "./value-codec";

interface KvRecord {
  revision: number;
  key: string;
  created: boolean;
  deleted: boolean;
  createRevision: number;
  prevRevision: number;
  lease: string;
  version: number;
  value: Buffer;
}

export async function loadRows(c: Client, sandboxId: string): Promise<KvRow[]> {
  const res = await c.query<KvRecord>(
    `SELECT "revision", "key", "created", "deleted", "createRevision", "prevRevision", "lease", "version", "value"
     FROM "SandboxKv" WHERE "sandboxId" = $1 ORDER BY "revision"`,
    [sandboxId],
  );
  return res.rows.map((r) => ({
    revision: r.revision,
    key: r.key,
    created: r.created,
    deleted: r.deleted,
    createRevision: r.createRevision,
    prevRevision: r.prevRevision,
    lease: Number(r.lease),
    version: r.version,
    value: decodeValue(r.value),
  }));
}

export interface LogEntry {
  kind: "audit" | "trace";
  data: unknown;
}

export interface RequestWrites {
  removed: readonly number[];
  appended: readonly KvRow[];
  logs: readonly LogEntry[];
  firstLogSeq: number;
  /** Delete log entries below this sequence number (retention), or -1. */
  pruneBelow: number;
  version: number;
  /** New `meta` column value, or null to leave it as it is. */
  meta: string | null;
  hot: string;
  timeOffsetMs: string;
}

/**
 * Everything a request writes, as one statement: a compare-and-swap on the
 * sandbox row's version, and - only if it matched - the store rows and log
 * entries (data-modifying CTEs joined to the UPDATE's result). One round trip,
 * atomic on its own; returns false when another writer got there first.
 */
export async function writeRequest(
  c: Pick<Client, "query">,
  sandboxId: string,
  expectedVersion: number,
  w: RequestWrites,
): Promise<boolean> {
  const res = await c.query(
    `WITH
      upd AS (
        UPDATE "Sandbox" SET "version" = $16, "meta" = COALESCE($17::jsonb, "meta"), "hot" = $21::jsonb, "logSeq" = $18, "timeOffsetMs" = $19::int8, "updatedAt" = now()
        WHERE "id" = $1 AND "version" = $20
        RETURNING 1 AS ok),
      del AS (
        DELETE FROM "SandboxKv"
        WHERE "sandboxId" = $1 AND "revision" = ANY($2::int[]) AND EXISTS (SELECT 1 FROM upd)),
      kv AS (
        INSERT INTO "SandboxKv" ("sandboxId", "revision", "key", "created", "deleted", "createRevision", "prevRevision", "lease", "version", "value")
        SELECT $1, r.* FROM unnest($3::int[], $4::text[], $5::bool[], $6::bool[], $7::int[], $8::int[], $9::int8[], $10::int[], $11::bytea[]) AS r
        CROSS JOIN upd),
      lg AS (
        INSERT INTO "SandboxLog" ("sandboxId", "seq", "kind", "data")
        SELECT $1, l.* FROM unnest($12::int[], $13::text[], $14::jsonb[]) AS l
        CROSS JOIN upd),
      pr AS (DELETE FROM "SandboxLog" WHERE "sandboxId" = $1 AND "seq" < $15 AND EXISTS (SELECT 1 FROM upd))
    SELECT count(*)::int AS n FROM upd`,
    [
      sandboxId,
      [...w.removed],
      w.appended.map((r) => r.revision),
      w.appended.map((r) => r.key),
      w.appended.map((r) => r.created),
      w.appended.map((r) => r.deleted),
      w.appended.map((r) => r.createRevision),
      w.appended.map((r) => r.prevRevision),
      w.appended.map((r) => String(r.lease)),
      w.appended.map((r) => r.version),
      w.appended.map((r) => Buffer.from(encodeRowValue(r))),
      w.logs.map((_, i) => w.firstLogSeq + i),
      w.logs.map((e) => e.kind),
      w.logs.map((e) => jsonbText(e.data)),
      w.pruneBelow,
      w.version,
      w.meta,
      w.firstLogSeq + w.logs.length,
      w.timeOffsetMs,
      expectedVersion,
      w.hot,
    ],
  );
  return (res.rows[0] as { n: number }).n === 1;
}

/** Creates the sandbox row and its first rows in one (atomic) statement. */
export async function insertSandbox(
  c: Pick<Client, "query">,
  sandboxId: string,
  ownerId: string | null,
  meta: { cold: string; hot: string },
  rows: readonly KvRow[],
): Promise<void> {
  await c.query(
    `WITH sb AS (
       INSERT INTO "Sandbox" ("id", "ownerId", "version", "meta", "hot", "updatedAt") VALUES ($1, $2, 0, $3::jsonb, $13::jsonb, now()) RETURNING "id")
     INSERT INTO "SandboxKv" ("sandboxId", "revision", "key", "created", "deleted", "createRevision", "prevRevision", "lease", "version", "value")
     SELECT (SELECT "id" FROM sb), * FROM unnest($4::int[], $5::text[], $6::bool[], $7::bool[], $8::int[], $9::int[], $10::int8[], $11::int[], $12::bytea[])`,
    [
      sandboxId,
      ownerId,
      meta.cold,
      rows.map((r) => r.revision),
      rows.map((r) => r.key),
      rows.map((r) => r.created),
      rows.map((r) => r.deleted),
      rows.map((r) => r.createRevision),
      rows.map((r) => r.prevRevision),
      rows.map((r) => String(r.lease)),
      rows.map((r) => r.version),
      rows.map((r) => Buffer.from(encodeRowValue(r))),
      meta.hot,
    ],
  );
}
