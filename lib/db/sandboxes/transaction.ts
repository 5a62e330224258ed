// One sandbox request = one database transaction: lock the sandbox row, take the
// state from this process's cache if its version still matches (else load it),
// run the pure engine, write only what changed, commit. Concurrent callers - in
// this process or another - queue on the row lock, so no update is lost; a crash
// before COMMIT leaves the sandbox exactly as it was.

import { db } from "@/lib/db/client";
import {
  stateFromParts,
  stateMeta,
  type AuditEvent,
  type RequestTrace,
  type SandboxMeta,
  type SandboxState,
  type StoreChanges,
} from "@/lib/sim";
import { cached, forget, remember } from "./cache";
import {
  deleteRows,
  insertLogs,
  insertRows,
  loadRows,
  pruneLogs,
  type LogEntry,
  type Tx,
} from "./rows";

/** Log entries kept per sandbox (audit events and traces). */
const LOG_RETENTION = 2000;
const JOURNAL_LOAD = 50;

export class SandboxNotFoundError extends Error {
  constructor(readonly sandboxId: string) {
    super(`sandbox ${sandboxId} not found`);
    this.name = "SandboxNotFoundError";
  }
}

export interface StepOutput<T> {
  state: SandboxState;
  changes: StoreChanges;
  audit: AuditEvent[];
  traces: RequestTrace[];
  result: T;
  /** Added to the sandbox's virtual-time offset (advancing time). */
  offsetDeltaMs?: number;
}

export interface StepInput {
  state: SandboxState;
  /** Wall clock + the sandbox's offset: the virtual "now" for this request. */
  virtualNow: number;
}

export interface TransactionHooks {
  /** Test hook: runs after the writes, before COMMIT (to simulate a crash there). */
  beforeCommit?: (tx: Tx) => Promise<void>;
  wallNow?: () => number;
}

interface SandboxRow {
  version: number;
  timeOffsetMs: bigint;
  logSeq: number;
}

async function loadState(tx: Tx, id: string): Promise<SandboxState> {
  const [metaRow] = await tx.$queryRaw<
    { meta: SandboxMeta }[]
  >`SELECT "meta" FROM "Sandbox" WHERE "id" = ${id}`;
  const rows = await loadRows(tx, id);
  const logs = await tx.$queryRaw<{ kind: string; data: unknown }[]>`
    SELECT "kind", "data" FROM "SandboxLog" WHERE "sandboxId" = ${id} ORDER BY "seq" DESC LIMIT ${JOURNAL_LOAD * 2}`;
  logs.reverse();
  const audit = logs.filter((l) => l.kind === "audit").map((l) => l.data as AuditEvent);
  const traces = logs.filter((l) => l.kind === "trace").map((l) => l.data as RequestTrace);
  return stateFromParts(metaRow!.meta, rows, {
    audit: audit.slice(-JOURNAL_LOAD),
    traces: traces.slice(-JOURNAL_LOAD),
  });
}

export async function inSandboxTransaction<T>(
  id: string,
  step: (input: StepInput) => StepOutput<T>,
  hooks: TransactionHooks = {},
): Promise<T> {
  let committed: { version: number; state: SandboxState } | undefined;
  try {
    const result = await db().$transaction(
      async (tx) => {
        const [row] = await tx.$queryRaw<SandboxRow[]>`
          SELECT "version", "timeOffsetMs", "logSeq" FROM "Sandbox" WHERE "id" = ${id} FOR UPDATE`;
        if (!row) throw new SandboxNotFoundError(id);
        const state = cached(id, row.version) ?? (await loadState(tx, id));
        const wall = (hooks.wallNow ?? Date.now)();
        const out = step({ state, virtualNow: wall + Number(row.timeOffsetMs) });

        await deleteRows(tx, id, out.changes.removed);
        await insertRows(tx, id, out.changes.appended);
        const logs: LogEntry[] = [
          ...out.audit.map((data) => ({ kind: "audit" as const, data })),
          ...out.traces.map((data) => ({ kind: "trace" as const, data })),
        ];
        await insertLogs(tx, id, row.logSeq, logs);
        const logSeq = row.logSeq + logs.length;
        if (Math.floor(logSeq / 100) !== Math.floor(row.logSeq / 100))
          await pruneLogs(tx, id, logSeq, LOG_RETENTION);
        const version = row.version + 1;
        const offset = row.timeOffsetMs + BigInt(out.offsetDeltaMs ?? 0);
        await tx.$executeRaw`
          UPDATE "Sandbox" SET "version" = ${version}, "meta" = ${JSON.stringify(stateMeta(out.state))}::jsonb,
            "logSeq" = ${logSeq}, "timeOffsetMs" = ${offset}, "updatedAt" = now()
          WHERE "id" = ${id}`;
        if (hooks.beforeCommit) await hooks.beforeCommit(tx);
        committed = { version, state: out.state };
        return out.result;
      },
      { maxWait: 10_000, timeout: 20_000 },
    );
    if (committed) remember(id, committed.version, committed.state);
    return result;
  } catch (err) {
    // Whatever happened, this process's copy may be ahead of the database now.
    forget(id);
    throw err;
  }
}
