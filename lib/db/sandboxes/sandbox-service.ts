// What the app uses to run sandboxes: create one, send it API requests as a user,
// move its virtual time, read its audit log and traces, delete it.

import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  advanceTime,
  createSandbox,
  fixedClock,
  defaultBootstrap,
  handle,
  mergeChanges as mergeStoreChanges,
  stateMeta,
  type ApiRequest,
  type ApiResponse,
  type AuditEvent,
  type EngineOptions,
  type RequestTrace,
} from "@/lib/sim";
import { remember } from "./cache";
import { insertRows } from "./rows";
import { inSandboxTransaction, type TransactionHooks } from "./transaction";

let engineOptions: EngineOptions = {};

/** Registers the control loops / plugins every sandbox request runs with (part 2 adds loops). */
export function configureSandboxEngine(opts: EngineOptions): void {
  engineOptions = opts;
}

export interface CreateSandboxInput {
  ownerId?: string;
  /** Seed for reproducible uids/names; random when omitted. */
  seed?: string;
  now?: number;
  etcdMembers?: { name: string; address: string }[];
}

export interface SandboxHandle {
  id: string;
  /** Bearer token of kubernetes-admin (system:masters) for the sandbox's kubeconfig. */
  adminToken: string;
}

export async function createSandboxRecord(input: CreateSandboxInput = {}): Promise<SandboxHandle> {
  const id = randomBytes(12).toString("base64url");
  const seed = input.seed ?? randomBytes(16).toString("hex");
  const now = input.now ?? Date.now();
  const { state, changes, adminToken } = createSandbox({
    seed,
    now,
    bootstrap: defaultBootstrap(),
    ...(input.etcdMembers ? { etcdMembers: input.etcdMembers } : {}),
  });
  await db().$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "Sandbox" ("id", "ownerId", "version", "meta", "updatedAt")
      VALUES (${id}, ${input.ownerId ?? null}, 0, ${JSON.stringify(stateMeta(state))}::jsonb, now())`;
    await insertRows(tx, id, changes.appended);
  });
  remember(id, 0, state);
  return { id, adminToken };
}

export interface SandboxResponse {
  response: ApiResponse;
  audit: AuditEvent[];
  traces: RequestTrace[];
}

/** Handles one Kubernetes API request against the sandbox (as `req.user` or `req.token`). */
export function sandboxRequest(
  id: string,
  req: ApiRequest,
  hooks?: TransactionHooks,
): Promise<SandboxResponse> {
  return inSandboxTransaction(
    id,
    ({ state, virtualNow }) => {
      // Time passed since the last request first (leases, control loops), then the request.
      const caughtUp =
        virtualNow > state.time ? advanceTime(state, virtualNow, engineOptions) : undefined;
      const r = handle(caughtUp?.state ?? state, req, fixedClock(virtualNow), engineOptions);
      const audit = [...(caughtUp?.audit ?? []), ...r.audit];
      const traces = [...(caughtUp?.traces ?? []), ...r.traces];
      const changes = caughtUp ? mergeStoreChanges(caughtUp.changes, r.changes) : r.changes;
      return {
        state: r.state,
        changes,
        audit,
        traces,
        result: { response: r.response, audit: r.audit, traces: r.traces },
      };
    },
    hooks,
  );
}

/** Moves the sandbox's virtual time forward by `ms` (e.g. to watch a node go NotReady). */
export function advanceSandboxTime(id: string, ms: number): Promise<number> {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError("time only moves forward");
  return inSandboxTransaction(id, ({ state, virtualNow }) => {
    const r = advanceTime(state, virtualNow + ms, engineOptions);
    return { ...r, result: r.state.time, offsetDeltaMs: ms };
  });
}

export async function readAuditLog(id: string, opts: { afterSeq?: number; limit?: number } = {}) {
  const rows = await db().$queryRaw<{ seq: number; data: AuditEvent }[]>`
    SELECT "seq", "data" FROM "SandboxLog"
    WHERE "sandboxId" = ${id} AND "kind" = 'audit' AND "seq" > ${opts.afterSeq ?? -1}
    ORDER BY "seq" LIMIT ${opts.limit ?? 500}`;
  return rows.map((r) => ({ seq: r.seq, event: r.data }));
}

export async function readTraceLog(id: string, opts: { afterSeq?: number; limit?: number } = {}) {
  const rows = await db().$queryRaw<{ seq: number; data: RequestTrace }[]>`
    SELECT "seq", "data" FROM "SandboxLog"
    WHERE "sandboxId" = ${id} AND "kind" = 'trace' AND "seq" > ${opts.afterSeq ?? -1}
    ORDER BY "seq" LIMIT ${opts.limit ?? 200}`;
  return rows.map((r) => ({ seq: r.seq, trace: r.data }));
}

export async function deleteSandboxRecord(id: string): Promise<void> {
  await db().$executeRaw`DELETE FROM "Sandbox" WHERE "id" = ${id}`;
}

/** Bytes a sandbox occupies in its rows (the "stored size" measure). */
export async function sandboxStorageBytes(id: string): Promise<number> {
  const [row] = await db().$queryRaw<{ bytes: bigint }[]>(Prisma.sql`
    SELECT
      (SELECT COALESCE(SUM(pg_column_size(s.*)), 0) FROM "Sandbox" s WHERE s."id" = ${id}) +
      (SELECT COALESCE(SUM(pg_column_size(k.*)), 0) FROM "SandboxKv" k WHERE k."sandboxId" = ${id}) +
      (SELECT COALESCE(SUM(pg_column_size(l.*)), 0) FROM "SandboxLog" l WHERE l."sandboxId" = ${id}) AS bytes`);
  return Number(row?.bytes ?? 0);
}
