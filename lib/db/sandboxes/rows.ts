// SQL for one sandbox's tables. Every statement is keyed by sandboxId first, the
// column the tables are (later) distributed by.

import { Prisma } from "@/lib/generated/prisma/client";
import type { KvRow } from "@/lib/sim";
import { decodeValue, encodeValue } from "./value-codec";

export type Tx = Prisma.TransactionClient;

interface KvRecord {
  revision: number;
  key: string;
  created: boolean;
  deleted: boolean;
  createRevision: number;
  prevRevision: number;
  lease: bigint;
  version: number;
  value: Uint8Array;
}

export async function loadRows(tx: Tx, sandboxId: string): Promise<KvRow[]> {
  const records = await tx.$queryRaw<KvRecord[]>`
    SELECT "revision", "key", "created", "deleted", "createRevision", "prevRevision", "lease", "version", "value"
    FROM "SandboxKv" WHERE "sandboxId" = ${sandboxId} ORDER BY "revision"`;
  return records.map((r) => ({
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

/** Rows per INSERT statement (bind parameters stay well below Postgres' 65535). */
const BATCH = 500;

export async function insertRows(tx: Tx, sandboxId: string, rows: readonly KvRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const values = rows
      .slice(i, i + BATCH)
      .map(
        (r) =>
          Prisma.sql`(${sandboxId}, ${r.revision}, ${r.key}, ${r.created}, ${r.deleted}, ${r.createRevision}, ${r.prevRevision}, ${BigInt(r.lease)}, ${r.version}, ${encodeValue(r.value)})`,
      );
    await tx.$executeRaw`
      INSERT INTO "SandboxKv" ("sandboxId", "revision", "key", "created", "deleted", "createRevision", "prevRevision", "lease", "version", "value")
      VALUES ${Prisma.join(values)}`;
  }
}

export async function deleteRows(
  tx: Tx,
  sandboxId: string,
  revisions: readonly number[],
): Promise<void> {
  if (revisions.length === 0) return;
  await tx.$executeRaw`
    DELETE FROM "SandboxKv" WHERE "sandboxId" = ${sandboxId} AND "revision" = ANY(${[...revisions]}::int[])`;
}

export interface LogEntry {
  kind: "audit" | "trace";
  data: unknown;
}

export async function insertLogs(
  tx: Tx,
  sandboxId: string,
  firstSeq: number,
  entries: readonly LogEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const values = entries.map(
    (e, i) =>
      Prisma.sql`(${sandboxId}, ${firstSeq + i}, ${e.kind}, ${JSON.stringify(e.data)}::jsonb)`,
  );
  await tx.$executeRaw`INSERT INTO "SandboxLog" ("sandboxId", "seq", "kind", "data") VALUES ${Prisma.join(values)}`;
}

/** Keeps the newest `keep` log entries of a sandbox. */
export async function pruneLogs(
  tx: Tx,
  sandboxId: string,
  upToSeq: number,
  keep: number,
): Promise<void> {
  await tx.$executeRaw`
    DELETE FROM "SandboxLog" WHERE "sandboxId" = ${sandboxId} AND "seq" < ${upToSeq - keep}`;
}
