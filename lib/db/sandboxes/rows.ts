// SQL for one sandbox's tables. Every statement is keyed by sandboxId first, the
// column the tables are (later) distributed by.

import type { KvRow } from "@/lib/sim";
import type { Client } from "./pool";
import { packLogEntries, type LogEntry } from "./log-pack";
import { decodeValue, encodeRowValue } from "./value-codec";
import { timed } from "./parts";
import { boolArrayLiteral, intArrayLiteral, textArrayLiteral } from "./pg-arrays";
import { AccessRefused, ownerGuardSql, type OwnerGuard } from "./owner-guard";
import type { SharedPods } from "./shared-parts";

interface KvRecord {
  revision: number;
  key: string;
  created: boolean;
  deleted: boolean;
  createRevision: number;
  prevRevision: number;
  lease: string;
  version: number;
  /** The stored bytes, or null when stored as text (then `text`). */
  value: Buffer | null;
  text: string | null;
}

// A value stored as text (format 4: the marker byte 0x16, then UTF-8 JSON, value-codec.ts)
// comes back as text; only the others (compressed, a few hundred bytes) come as bytea. A
// bytea result is hex on the wire: Postgres spelled out every byte and node-postgres
// parsed the text back into bytes, then decodeValue into text again (~8 ms of a lab
// sandbox's ~30 ms whole load; bench/cache-miss-parts.ts). node-postgres cannot take
// results in binary (it reads every field as UTF-8 text).
// (substring, not get_byte: safe on an empty value; what Node wrote from a JS string is
// always valid UTF-8.)
const TEXT_FORMAT = `substring("value" FROM 1 FOR 1) = '\\x16'::bytea`;
const VALUE_COLUMNS = `CASE WHEN ${TEXT_FORMAT} THEN NULL ELSE "value" END AS "value",
  CASE WHEN ${TEXT_FORMAT} THEN convert_from(substring("value" FROM 2), 'UTF8') END AS "text"`;

/** The sandbox's stored rows in revision order; only those above `afterRevision` when given. */
export async function loadRows(c: Client, sandboxId: string, afterRevision = -1): Promise<KvRow[]> {
  const res = await c.query<KvRecord>({
    name: "kubelab_load_rows_text",
    text: `SELECT "revision", "key", "created", "deleted", "createRevision", "prevRevision", "lease", "version", ${VALUE_COLUMNS}
     FROM "SandboxKv" WHERE "sandboxId" = $1 AND "revision" > $2 ORDER BY "revision"`,
    values: [sandboxId, afterRevision],
  });
  return res.rows.map((r) => ({
    revision: r.revision,
    key: r.key,
    created: r.created,
    deleted: r.deleted,
    createRevision: r.createRevision,
    prevRevision: r.prevRevision,
    lease: Number(r.lease),
    version: r.version,
    value: r.text ?? decodeValue(r.value!),
  }));
}

/**
 * The rows' encoded values as ONE bytea parameter (sent in binary) with each
 * value's 1-based offset and length. A bytea[] parameter is sent as an array
 * literal instead: every byte hex-escaped and the whole text escaped again by
 * node-postgres, which showed in load profiles on both sides of the socket.
 */
export function packValues(rows: readonly KvRow[]): {
  blob: Buffer;
  offsets: number[];
  lengths: number[];
} {
  const parts = rows.map((r) => encodeRowValue(r));
  const offsets: number[] = [];
  const lengths: number[] = [];
  let at = 1;
  for (const p of parts) {
    offsets.push(at);
    lengths.push(p.byteLength);
    at += p.byteLength;
  }
  return { blob: Buffer.concat(parts), offsets, lengths };
}

/**
 * The rows' columns as array literals, in the statements' parameter order: revision, key,
 * created, deleted, createRevision, prevRevision, lease, version (pg-arrays.ts).
 */
function rowColumns(rows: readonly KvRow[]): string[] {
  const n = rows.length;
  const revision = new Array<number>(n);
  const key = new Array<string>(n);
  const created = new Array<boolean>(n);
  const deleted = new Array<boolean>(n);
  const createRevision = new Array<number>(n);
  const prevRevision = new Array<number>(n);
  const lease = new Array<number>(n);
  const version = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    revision[i] = r.revision;
    key[i] = r.key;
    created[i] = r.created;
    deleted[i] = r.deleted;
    createRevision[i] = r.createRevision;
    prevRevision[i] = r.prevRevision;
    lease[i] = r.lease;
    version[i] = r.version;
  }
  return [
    intArrayLiteral(revision),
    textArrayLiteral(key),
    boolArrayLiteral(created),
    boolArrayLiteral(deleted),
    intArrayLiteral(createRevision),
    intArrayLiteral(prevRevision),
    intArrayLiteral(lease),
    intArrayLiteral(version),
  ];
}

export type { LogEntry };

export interface RequestWrites {
  removed: readonly number[];
  appended: readonly KvRow[];
  logs: readonly LogEntry[];
  firstLogSeq: number;
  /** Delete the log rows whose entries all lie below this sequence number (retention), or -1. */
  pruneBelow: number;
  version: number;
  /** New `meta` column value, or null to leave it as it is. */
  meta: string | null;
  /** Changed top-level parts of `meta` to merge into it (jsonb ||), or null. */
  metaPatch?: string | null;
  /** New `loops` column value (etcd and scheduler parts), or null to leave it. */
  loops?: string | null;
  hot: string;
  timeOffsetMs: string;
  /** The terminal command these writes come from, recorded in its history in the same statement. */
  history?: HistoryEntry;
  /** Write only if the sandbox is still this user's (owner-guard.ts); AccessRefused if not. */
  guard?: OwnerGuard;
}

export interface HistoryEntry {
  command: string;
  exitCode: number;
}

// The next history seq is computed in the insert itself; two commands racing for
// the same seq fail on the primary key (23505) and the caller tries again.
const NEXT_HISTORY_SEQ = `COALESCE((SELECT MAX("seq") FROM "TerminalCommand" WHERE "sandboxId" = $1), 0) + 1`;

/** PostgreSQL text cannot hold NUL; the shell drops it from the line as well. */
function storableCommand(command: string): string {
  return command.replaceAll("\u0000", "");
}

/** A history row that two racing inserts both claimed (retry the insert). */
export function isHistorySeqConflict(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; table?: string };
  return (
    err?.code === "23505" &&
    (err.table === "TerminalCommand" || /TerminalCommand/.test(String(err.constraint)))
  );
}

/**
 * A command that wrote nothing: record it in the history only if the sandbox's
 * version is still `expectedVersion` (the state it read is the newest), in one
 * statement. Without an expected version the row is inserted as is (a command that
 * never touched the sandbox), if the sandbox exists: the history of a deleted sandbox
 * goes with it (its delete trigger), a command on one that is gone adds none. False when
 * the version moved or the sandbox is gone.
 * With a `guard`, the row is inserted only if the sandbox is still the guard's user's;
 * AccessRefused when it is not (owner-guard.ts).
 */
export async function insertHistory(
  c: Pick<Client, "query">,
  sandboxId: string,
  entry: HistoryEntry,
  expectedVersion?: number,
  guard?: OwnerGuard,
): Promise<boolean> {
  const command = storableCommand(entry.command);
  if (guard !== undefined) {
    const res = await c.query<{ n: number; allowed: boolean }>({
      name: "kubelab_insert_history_guarded",
      text: INSERT_HISTORY_GUARDED,
      values: [sandboxId, command, entry.exitCode, expectedVersion ?? null, guard],
    });
    const row = res.rows[0]!;
    if (!row.allowed) throw new AccessRefused(sandboxId);
    return row.n === 1;
  }
  const res =
    expectedVersion === undefined
      ? await c.query({
          name: "kubelab_insert_history",
          text: `INSERT INTO "TerminalCommand" ("sandboxId", "seq", "command", "exitCode")
           SELECT $1, ${NEXT_HISTORY_SEQ}, $2, $3 FROM "Sandbox" WHERE "id" = $1`,
          values: [sandboxId, command, entry.exitCode],
        })
      : await c.query({
          name: "kubelab_insert_history_if_newest",
          text: `INSERT INTO "TerminalCommand" ("sandboxId", "seq", "command", "exitCode")
           SELECT $1, ${NEXT_HISTORY_SEQ}, $2, $3 FROM "Sandbox" WHERE "id" = $1 AND "version" = $4`,
          values: [sandboxId, command, entry.exitCode, expectedVersion],
        });
  return res.rowCount === 1;
}

// The guarded history insert: $4 the expected version (null: any), $5 the guard's user.
// `allowed` is read from the same snapshot, so a zero-row insert says why (an inserted
// row passed the guard: the check is not repeated then).
const INSERT_HISTORY_GUARDED = `WITH
      ins AS (
        INSERT INTO "TerminalCommand" ("sandboxId", "seq", "command", "exitCode")
        SELECT $1, ${NEXT_HISTORY_SEQ}, $2, $3 FROM "Sandbox" s
        WHERE s."id" = $1 AND ($4::int IS NULL OR s."version" = $4::int) AND ${ownerGuardSql("s", "$5")}
        RETURNING 1)
    SELECT (SELECT count(*) FROM ins)::int AS n,
      (EXISTS (SELECT 1 FROM ins) OR EXISTS (SELECT 1 FROM "Sandbox" s WHERE s."id" = $1 AND ${ownerGuardSql("s", "$5")})) AS allowed`;

// One named (prepared) statement: its text is sent, parsed and planned once per
// connection, not with every command (~2.5 KB and a six-CTE parse each time).
// Written so that a command does only the lookups it needs: the log retention's
// DELETE scans only when a bound is given ($15 ≥ 0, every 100 entries), and `allowed`
// re-reads the sandbox and user rows only when the UPDATE matched nothing (when it
// matched, its own condition was the guard). `loops` and `hot` are text: PostgreSQL
// never looks inside them, and parsing them into jsonb on every write (loops: 5-30 KB
// when it changed) showed in the server's profile.
const WRITE_REQUEST = `WITH
      upd AS (
        UPDATE "Sandbox" SET "version" = $16, "hot" = $21::text, "loops" = COALESCE($27::text, "loops"),
          "meta" = CASE WHEN $17::jsonb IS NOT NULL THEN $17::jsonb WHEN $24::jsonb IS NOT NULL THEN "meta" || $24::jsonb ELSE "meta" END, "logSeq" = $18, "timeOffsetMs" = $19::int8, "updatedAt" = now()
        WHERE "id" = $1 AND "version" = $20 AND ${ownerGuardSql(`"Sandbox"`, "$28")}
        RETURNING 1 AS ok),
      del AS (
        DELETE FROM "SandboxKv"
        WHERE "sandboxId" = $1 AND "revision" = ANY($2::int[]) AND EXISTS (SELECT 1 FROM upd)),
      kv AS (
        INSERT INTO "SandboxKv" ("sandboxId", "revision", "key", "created", "deleted", "createRevision", "prevRevision", "lease", "version", "value")
        SELECT $1, r.rev, r.key, r.created, r.deleted, r.crev, r.prev, r.lease, r.ver, substring($11::bytea FROM r.off FOR r.len)
        FROM unnest($3::int[], $4::text[], $5::bool[], $6::bool[], $7::int[], $8::int[], $9::int8[], $10::int[], $22::int[], $23::int[])
          AS r(rev, key, created, deleted, crev, prev, lease, ver, off, len)
        CROSS JOIN upd),
      lg AS (
        INSERT INTO "SandboxLog" ("sandboxId", "seq", "kind", "count", "packed")
        SELECT $1, $12::int, 'pack', $13::int, $14::bytea FROM upd WHERE $13::int > 0),
      pr AS (
        DELETE FROM "SandboxLog"
        WHERE $15::int >= 0 AND "sandboxId" = $1 AND "seq" < $15 AND "seq" + "count" <= $15 AND EXISTS (SELECT 1 FROM upd)),
      hist AS (
        INSERT INTO "TerminalCommand" ("sandboxId", "seq", "command", "exitCode")
        SELECT $1, ${NEXT_HISTORY_SEQ}, $25::text, $26::int FROM upd WHERE $25::text IS NOT NULL)
    SELECT count(*)::int AS n,
      (count(*) > 0 OR $28::text IS NULL OR EXISTS (SELECT 1 FROM "Sandbox" s WHERE s."id" = $1 AND ${ownerGuardSql("s", "$28")})) AS allowed
    FROM upd`;

/**
 * Everything a request writes, as one statement: a compare-and-swap on the
 * sandbox row's version, and - only if it matched - the store rows and log
 * entries (data-modifying CTEs joined to the UPDATE's result). One round trip,
 * atomic on its own; returns false when another writer got there first, and throws
 * AccessRefused when the writes' owner guard fails (owner-guard.ts).
 */
export async function writeRequest(
  c: Pick<Client, "query">,
  sandboxId: string,
  expectedVersion: number,
  w: RequestWrites,
): Promise<boolean> {
  const values = timed("persist", () => writeRequestValues(sandboxId, expectedVersion, w));
  const res = await c.query({ name: "kubelab_write_request", text: WRITE_REQUEST, values });
  const row = res.rows[0] as { n: number; allowed: boolean };
  if (!row.allowed) throw new AccessRefused(sandboxId);
  return row.n === 1;
}

/** The parameters of WRITE_REQUEST, in order. */
function writeRequestValues(
  sandboxId: string,
  expectedVersion: number,
  w: RequestWrites,
): unknown[] {
  const values = packValues(w.appended);
  return [
    sandboxId,
    intArrayLiteral(w.removed),
    ...rowColumns(w.appended),
    values.blob,
    w.firstLogSeq,
    w.logs.length,
    w.logs.length > 0 ? timed("logPack", () => packLogEntries(w.logs)) : null,
    w.pruneBelow,
    w.version,
    w.meta,
    w.firstLogSeq + w.logs.length,
    w.timeOffsetMs,
    expectedVersion,
    w.hot,
    intArrayLiteral(values.offsets),
    intArrayLiteral(values.lengths),
    w.metaPatch ?? null,
    w.history ? storableCommand(w.history.command) : null,
    w.history?.exitCode ?? 0,
    w.loops ?? null,
    w.guard ?? null,
  ];
}

/** A lab's sandbox: its lab and how far its clock runs ahead of the wall (faults may fast-forward). */
export interface LabSandboxColumns {
  labId: string;
  timeOffsetMs: string;
}

/**
 * Creates the sandbox row and its first rows in one (atomic) statement. A lab sandbox
 * whose learner already has one for the lab (a concurrent open won) is not created:
 * false, and nothing is written (ON CONFLICT waits for the other insert to commit).
 * `meta.shared`: the static pod manifests this sandbox references instead of holding
 * (shared-parts.ts), their row written in the same statement unless it exists.
 */
export async function insertSandbox(
  c: Pick<Client, "query">,
  sandboxId: string,
  ownerId: string | null,
  meta: { cold: string; hot: string; shared?: SharedPods | null },
  rows: readonly KvRow[],
  lab?: LabSandboxColumns,
): Promise<boolean> {
  const values = packValues(rows);
  const shared = meta.shared ?? null;
  const res = await c.query<{ n: number }>({
    name: "kubelab_insert_sandbox",
    text: INSERT_SANDBOX,
    values: [
      sandboxId,
      ownerId,
      meta.cold,
      ...rowColumns(rows),
      values.blob,
      meta.hot,
      intArrayLiteral(values.offsets),
      intArrayLiteral(values.lengths),
      lab?.labId ?? null,
      lab?.timeOffsetMs ?? "0",
      shared?.hash ?? null,
      shared?.body ?? null,
      shared ? String(shared.shiftMs) : null,
    ],
  });
  return res.rows[0]?.n === 1;
}

// $18 the shared part's hash (null: none), $19 its text, $20 the sandbox's shift. The
// shared row is written even when the sandbox is not (harmless: it is the same text).
const INSERT_SANDBOX = `WITH sb AS (
       INSERT INTO "Sandbox" ("id", "ownerId", "version", "meta", "hot", "updatedAt", "labId", "timeOffsetMs", "sharedPods", "sharedPodsShiftMs")
       VALUES ($1, $2, 0, $3::jsonb, $13::text, now(), $16, $17::int8, $18::text, $20::int8)
       ON CONFLICT ("ownerId", "labId") DO NOTHING
       RETURNING "id"),
     sh AS (
       INSERT INTO "SandboxShared" ("hash", "body")
       SELECT $18::text, $19::text WHERE $18::text IS NOT NULL
       ON CONFLICT ("hash") DO NOTHING),
     kv AS (
       INSERT INTO "SandboxKv" ("sandboxId", "revision", "key", "created", "deleted", "createRevision", "prevRevision", "lease", "version", "value")
       SELECT sb."id", r.rev, r.key, r.created, r.deleted, r.crev, r.prev, r.lease, r.ver, substring($12::bytea FROM r.off FOR r.len)
       FROM unnest($4::int[], $5::text[], $6::bool[], $7::bool[], $8::int[], $9::int[], $10::int8[], $11::int[], $14::int[], $15::int[])
         AS r(rev, key, created, deleted, crev, prev, lease, ver, off, len)
       CROSS JOIN sb)
     SELECT count(*)::int AS n FROM sb`;
