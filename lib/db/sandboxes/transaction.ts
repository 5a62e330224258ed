// One sandbox request = one database transaction: lock the sandbox row, take the
// state from this process's cache if its version still matches (else load it),
// run the pure engine, write only what changed, commit. Concurrent callers - in
// this process or another - queue on the row lock, so no update is lost; a crash
// before COMMIT leaves the sandbox exactly as it was.

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
import { transaction, type Client } from "./pool";
import { loadRows, writeRequest, type LogEntry } from "./rows";

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
  beforeCommit?: (c: Client) => Promise<void>;
  wallNow?: () => number;
  /** Wait for the WAL flush on COMMIT (default: asynchronous commit, see pool.ts). */
  durableCommit?: boolean;
}

interface SandboxRow {
  version: number;
  timeOffsetMs: string;
  logSeq: number;
}

async function loadState(c: Client, id: string): Promise<SandboxState> {
  const meta = await c.query<{ meta: SandboxMeta }>(
    `SELECT "meta" FROM "Sandbox" WHERE "id" = $1`,
    [id],
  );
  const rows = await loadRows(c, id);
  const logs = (
    await c.query<{ kind: string; data: unknown }>(
      `SELECT "kind", "data" FROM "SandboxLog" WHERE "sandboxId" = $1 ORDER BY "seq" DESC LIMIT $2`,
      [id, JOURNAL_LOAD * 2],
    )
  ).rows.reverse();
  const audit = logs.filter((l) => l.kind === "audit").map((l) => l.data as AuditEvent);
  const traces = logs.filter((l) => l.kind === "trace").map((l) => l.data as RequestTrace);
  return stateFromParts(meta.rows[0]!.meta, rows, {
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
    const result = await transaction(
      async (c) => {
        const [row] = (
          await c.query<SandboxRow>(
            `SELECT "version", "timeOffsetMs"::text AS "timeOffsetMs", "logSeq" FROM "Sandbox" WHERE "id" = $1 FOR UPDATE`,
            [id],
          )
        ).rows;
        if (!row) throw new SandboxNotFoundError(id);
        const state = cached(id, row.version) ?? (await loadState(c, id));
        const wall = (hooks.wallNow ?? Date.now)();
        const out = step({ state, virtualNow: wall + Number(row.timeOffsetMs) });

        const logs: LogEntry[] = [
          ...out.audit.map((data) => ({ kind: "audit" as const, data })),
          ...out.traces.map((data) => ({ kind: "trace" as const, data })),
        ];
        const logSeq = row.logSeq + logs.length;
        const version = row.version + 1;
        // A snapshot restore replaces the store: its rows reuse revisions, so clear first.
        if (out.changes.replaceAll)
          await c.query(`DELETE FROM "SandboxKv" WHERE "sandboxId" = $1`, [id]);
        await writeRequest(c, id, {
          removed: out.changes.replaceAll ? [] : out.changes.removed,
          appended: out.changes.appended,
          logs,
          firstLogSeq: row.logSeq,
          // Retention is enforced every 100 entries, not on every request.
          pruneBelow:
            Math.floor(logSeq / 100) !== Math.floor(row.logSeq / 100) ? logSeq - LOG_RETENTION : -1,
          version,
          meta: JSON.stringify(stateMeta(out.state)),
          timeOffsetMs: (BigInt(row.timeOffsetMs) + BigInt(out.offsetDeltaMs ?? 0)).toString(),
        });
        if (hooks.beforeCommit) await hooks.beforeCommit(c);
        committed = { version, state: out.state };
        return out.result;
      },
      { durable: hooks.durableCommit === true },
    );
    if (committed) remember(id, committed.version, committed.state);
    return result;
  } catch (err) {
    // Whatever happened, this process's copy may be ahead of the database now.
    forget(id);
    throw err;
  }
}
