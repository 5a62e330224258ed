// One sandbox request = one atomic write. The engine runs on this process's
// cached copy of the sandbox; the result is written with a single statement that
// first compares-and-swaps the sandbox row's version. If another process wrote
// in between, nothing is written and the request is re-run on a fresh load, so no
// update is ever lost. A crash at any point leaves the sandbox as it was: the
// statement (or, with hooks, the transaction around it) commits whole or not at all.

import {
  stateFromParts,
  stateMeta,
  type AuditEvent,
  type RequestTrace,
  type SandboxMeta,
  type SandboxState,
  type StoreChanges,
} from "@/lib/sim";
import { cachedEntry, forget, remember, serialized, type CachedSandbox } from "./cache";
import { pool, transaction, type Client } from "./pool";
import { joinMeta, splitMeta } from "./meta-split";
import { loadRows, writeRequest, type LogEntry, type RequestWrites } from "./rows";

/** Log entries kept per sandbox (audit events and traces). */
const LOG_RETENTION = 2000;
const JOURNAL_LOAD = 50;
const MAX_ATTEMPTS = 8;

export class SandboxNotFoundError extends Error {
  constructor(readonly sandboxId: string) {
    super(`sandbox ${sandboxId} not found`);
    this.name = "SandboxNotFoundError";
  }
}

export class SandboxBusyError extends Error {
  constructor(readonly sandboxId: string) {
    super(`sandbox ${sandboxId} kept changing under concurrent writers; try again`);
    this.name = "SandboxBusyError";
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
  /** Test hook: runs after the write, before COMMIT (to simulate a crash there). */
  beforeCommit?: (c: Client) => Promise<void>;
  wallNow?: () => number;
  /** Wait for the WAL flush on COMMIT (default: asynchronous commit, see pool.ts). */
  durableCommit?: boolean;
}

class VersionMoved extends Error {}

/** Loads a sandbox in one consistent snapshot (repeatable read, read only). */
async function load(id: string): Promise<CachedSandbox> {
  return transaction(
    async (c) => {
      const head = await c.query<{
        meta: unknown;
        hot: unknown;
        version: number;
        timeOffsetMs: string;
        logSeq: number;
      }>(
        `SELECT "meta", "hot", "version", "timeOffsetMs"::text AS "timeOffsetMs", "logSeq" FROM "Sandbox" WHERE "id" = $1`,
        [id],
      );
      const row = head.rows[0];
      if (!row) throw new SandboxNotFoundError(id);
      const rows = await loadRows(c, id);
      const logs = (
        await c.query<{ kind: string; data: unknown }>(
          `SELECT "kind", "data" FROM "SandboxLog" WHERE "sandboxId" = $1 ORDER BY "seq" DESC LIMIT $2`,
          [id, JOURNAL_LOAD * 2],
        )
      ).rows.reverse();
      const audit = logs.filter((l) => l.kind === "audit").map((l) => l.data as AuditEvent);
      const traces = logs.filter((l) => l.kind === "trace").map((l) => l.data as RequestTrace);
      const meta: SandboxMeta = joinMeta(row.meta, row.hot);
      const state = stateFromParts(meta, rows, {
        audit: audit.slice(-JOURNAL_LOAD),
        traces: traces.slice(-JOURNAL_LOAD),
      });
      return {
        version: row.version,
        state,
        timeOffsetMs: BigInt(row.timeOffsetMs),
        logSeq: row.logSeq,
        // An unsplit row (written before `hot` existed) gets its meta rewritten once.
        coldMeta: row.hot ? splitMeta(meta).cold : "",
      };
    },
    { readOnlySnapshot: true },
  );
}

export function inSandboxTransaction<T>(
  id: string,
  step: (input: StepInput) => StepOutput<T>,
  hooks: TransactionHooks = {},
): Promise<T> {
  return serialized(id, async () => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const entry = cachedEntry(id) ?? (await load(id));
      const wall = (hooks.wallNow ?? Date.now)();
      const out = step({ state: entry.state, virtualNow: wall + Number(entry.timeOffsetMs) });
      const logs: LogEntry[] = [
        ...out.audit.map((data) => ({ kind: "audit" as const, data })),
        ...out.traces.map((data) => ({ kind: "trace" as const, data })),
      ];
      const logSeq = entry.logSeq + logs.length;
      const offset = entry.timeOffsetMs + BigInt(out.offsetDeltaMs ?? 0);
      const meta = splitMeta(stateMeta(out.state));
      const writes: RequestWrites = {
        removed: out.changes.replaceAll ? [] : out.changes.removed,
        appended: out.changes.appended,
        logs,
        firstLogSeq: entry.logSeq,
        // Retention is enforced every 100 entries, not on every request.
        pruneBelow:
          Math.floor(logSeq / 100) !== Math.floor(entry.logSeq / 100) ? logSeq - LOG_RETENTION : -1,
        version: entry.version + 1,
        meta: meta.cold === entry.coldMeta ? null : meta.cold,
        hot: meta.hot,
        timeOffsetMs: offset.toString(),
      };
      let written: boolean;
      try {
        if (out.changes.replaceAll || hooks.beforeCommit || hooks.durableCommit) {
          written = await transaction(
            async (c) => {
              // A snapshot restore's rows reuse revisions: clear the old ones first.
              if (out.changes.replaceAll)
                await c.query(`DELETE FROM "SandboxKv" WHERE "sandboxId" = $1`, [id]);
              if (!(await writeRequest(c, id, entry.version, writes))) throw new VersionMoved();
              if (hooks.beforeCommit) await hooks.beforeCommit(c);
              return true;
            },
            { durable: hooks.durableCommit === true },
          );
        } else {
          written = await writeRequest(pool(), id, entry.version, writes);
        }
      } catch (err) {
        forget(id);
        if (err instanceof VersionMoved) continue;
        throw err;
      }
      if (written) {
        remember(id, {
          version: entry.version + 1,
          state: out.state,
          timeOffsetMs: offset,
          logSeq,
          coldMeta: meta.cold,
        });
        return out.result;
      }
      // Another process wrote since our copy was loaded (or the sandbox is gone).
      forget(id);
    }
    throw new SandboxBusyError(id);
  });
}
