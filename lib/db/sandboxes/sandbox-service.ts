// What the app uses to run sandboxes: create one, send it API requests as a user,
// move its virtual time, read its audit log and traces, delete it.

import { randomBytes } from "node:crypto";
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
import { catchUpDue } from "./catch-up";
import { timed } from "./parts";
import { splitMeta } from "./meta-split";
import { readLogAfter } from "./log-read";
import { pool } from "./pool";
import { newSandboxId } from "./new-id";
import { insertSandbox } from "./rows";
import {
  inSandboxTransaction,
  type StepInput,
  type StepOutput,
  type TransactionHooks,
} from "./transaction";

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
  const id = newSandboxId();
  const seed = input.seed ?? randomBytes(16).toString("hex");
  const now = input.now ?? Date.now();
  const { state, changes, adminToken } = createSandbox({
    seed,
    now,
    bootstrap: defaultBootstrap(),
    ...(input.etcdMembers ? { etcdMembers: input.etcdMembers } : {}),
  });
  // One statement: atomic without an explicit transaction.
  const meta = splitMeta(stateMeta(state));
  await insertSandbox(pool(), id, input.ownerId ?? null, meta, changes.appended);
  remember(id, {
    version: 0,
    state,
    timeOffsetMs: 0n,
    logSeq: 0,
    coldMeta: meta.cold,
    storeEpoch: 0,
  });
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
  return inSandboxTransaction(id, requestStep(req), hooks);
}

/**
 * The engine step of one API request: time passed since the loops last ran first
 * (leases, kubelets...), then the request; at most once per catch-up interval
 * (see catch-up.ts). Pure: a command unit runs several of them before one write.
 */
export function requestStep(req: ApiRequest): (input: StepInput) => StepOutput<SandboxResponse> {
  return ({ state, virtualNow, loopsRanAt }) => {
    const caughtUp = catchUpDue(state.time, loopsRanAt, virtualNow)
      ? timed("catchUp", () => advanceTime(state, virtualNow, engineOptions))
      : undefined;
    const r = timed("request", () =>
      handle(caughtUp?.state ?? state, req, fixedClock(virtualNow), engineOptions),
    );
    // A write's settle ran the loops at the request's time.
    const wrote = r.changes.appended.length > 0;
    const audit = caughtUp ? [...caughtUp.audit, ...r.audit] : r.audit;
    const traces = caughtUp ? [...caughtUp.traces, ...r.traces] : r.traces;
    const changes = caughtUp ? mergeStoreChanges(caughtUp.changes, r.changes) : r.changes;
    return {
      state: r.state,
      changes,
      audit,
      traces,
      result: { response: r.response, audit: r.audit, traces: r.traces },
      ...(caughtUp || wrote ? { loopsRanAt: r.state.time } : {}),
    };
  };
}

/** Moves the sandbox's virtual time forward by `ms` (e.g. to watch a node go NotReady). */
export function advanceSandboxTime(id: string, ms: number): Promise<number> {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError("time only moves forward");
  return inSandboxTransaction(id, ({ state, virtualNow }) => {
    const r = advanceTime(state, virtualNow + ms, engineOptions);
    return { ...r, result: r.state.time, offsetDeltaMs: ms, loopsRanAt: r.state.time };
  });
}

export async function readAuditLog(id: string, opts: { afterSeq?: number; limit?: number } = {}) {
  const records = await readLogAfter<AuditEvent>(id, opts.afterSeq ?? -1, {
    kind: "audit",
    limit: opts.limit ?? 500,
  });
  return records.map((r) => ({ seq: r.seq, event: r.data }));
}

export async function readTraceLog(id: string, opts: { afterSeq?: number; limit?: number } = {}) {
  const records = await readLogAfter<RequestTrace>(id, opts.afterSeq ?? -1, {
    kind: "trace",
    limit: opts.limit ?? 200,
  });
  return records.map((r) => ({ seq: r.seq, trace: r.data }));
}

export async function deleteSandboxRecord(id: string): Promise<void> {
  await pool().query(`DELETE FROM "Sandbox" WHERE "id" = $1`, [id]);
}

/** Bytes a sandbox occupies in its rows (the "stored size" measure). */
export async function sandboxStorageBytes(id: string): Promise<number> {
  const { rows } = await pool().query<{ bytes: string }>(
    `SELECT
      (SELECT COALESCE(SUM(pg_column_size(s.*)), 0) FROM "Sandbox" s WHERE s."id" = $1) +
      (SELECT COALESCE(SUM(pg_column_size(k.*)), 0) FROM "SandboxKv" k WHERE k."sandboxId" = $1) +
      (SELECT COALESCE(SUM(pg_column_size(l.*)), 0) FROM "SandboxLog" l WHERE l."sandboxId" = $1) AS bytes`,
    [id],
  );
  return Number(rows[0]?.bytes ?? 0);
}
