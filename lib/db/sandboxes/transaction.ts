// One sandbox request = one atomic write. The engine runs on this process's
// cached copy of the sandbox; the result is written with a single statement that
// first compares-and-swaps the sandbox row's version. If another process wrote
// in between, nothing is written and the request is re-run on a fresh load, so no
// update is ever lost. A crash at any point leaves the sandbox as it was: the
// statement (or, with hooks, the transaction around it) commits whole or not at all.

import {
  stateMeta,
  type AuditEvent,
  type RequestTrace,
  type SandboxState,
  type StoreChanges,
} from "@/lib/sim";
import { LOOPS_NEVER_RAN } from "./catch-up";
import { count } from "./counters";
import { load, loadWith, refresh, SandboxNotFoundError } from "./load";
import {
  cachedEntry,
  epochOf,
  forget,
  keepLoaded,
  remember,
  serialized,
  type CachedSandbox,
} from "./cache";
import { pool, transaction, type Client } from "./pool";
import { coldMetaWrite, hotMetaOf, loopsChanged, loopsMetaOf, splitMeta } from "./meta-split";
import { writeRequest, type HistoryEntry, type RequestWrites } from "./rows";
import { afterPending, pendingCatchUp } from "./pending-catch-up";
import type { LogEntry } from "./log-pack";

/** Log entries kept per sandbox (audit events and traces). */
const LOG_RETENTION = 2000;
// Optimistic tries before the row lock (contention across app instances).
export const OPTIMISTIC_ATTEMPTS = 3;

export { load, loadWith, refresh, SandboxNotFoundError };

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
  /** Virtual time at which this step ran the control loops, if it did (see catch-up.ts). */
  loopsRanAt?: number;
}

export interface StepInput {
  state: SandboxState;
  /** Wall clock + the sandbox's offset: the virtual "now" for this request. */
  virtualNow: number;
  /** Virtual time the control loops last ran on this copy; LOOPS_NEVER_RAN when unknown. */
  loopsRanAt: number;
}

export interface TransactionHooks {
  /** Test hook: runs after the write, before COMMIT (to simulate a crash there). */
  beforeCommit?: (c: Client) => Promise<void>;
  wallNow?: () => number;
  /** Wait for the WAL flush on COMMIT (default: asynchronous commit, see pool.ts). */
  durableCommit?: boolean;
}

export class VersionMoved extends Error {}

/** Takes the sandbox row's lock for the rest of the transaction (the pessimistic paths). */
export async function lockSandboxRow(c: Client, id: string): Promise<void> {
  const locked = await c.query(`SELECT 1 FROM "Sandbox" WHERE "id" = $1 FOR UPDATE`, [id]);
  if (locked.rowCount === 0) throw new SandboxNotFoundError(id);
}

export function inSandboxTransaction<T>(
  id: string,
  step: (input: StepInput) => StepOutput<T>,
  hooks: TransactionHooks = {},
): Promise<T> {
  return serialized(id, async () => {
    // Optimistic first: the cached copy and one compare-and-swap statement. When
    // other processes keep winning the race (many app instances writing to one
    // sandbox), fall back to locking the sandbox row, which always makes progress.
    count("runs");
    // A copy known to be behind the stored version: brought up to date, not reloaded.
    let stale: CachedSandbox | undefined;
    for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      if (attempt > 0) count("retries");
      const entry = await copyToRun(id, stale, attempt === 0);
      stale = undefined;
      const run = runStep(entry, step, hooks);
      if (isReadOnly(entry, run)) {
        // Nothing to write: only make sure the copy is still the newest.
        if (await versionIs(id, entry.version)) {
          // A copy loaded or refreshed for this read is the stored one: kept.
          keepLoaded(id, entry);
          return run.out.result;
        }
        forget(id);
        stale = entry;
        continue;
      }
      let written: boolean;
      try {
        if (run.needsTransaction) {
          written = await transaction(
            async (c) => {
              if (!(await writeRun(c, id, entry, run, hooks))) throw new VersionMoved();
              return true;
            },
            { durable: hooks.durableCommit === true },
          );
        } else {
          written = await writeRequest(pool(), id, entry.version, run.writes);
        }
      } catch (err) {
        forget(id);
        if (err instanceof VersionMoved) {
          stale = entry;
          continue;
        }
        throw err;
      }
      if (written) return finish(id, entry, run);
      // Another process wrote since our copy was loaded (or the sandbox is gone).
      forget(id);
      stale = entry;
    }
    return lockedAttempt(id, step, hooks);
  });
}

/**
 * The copy a run starts from: `stale` brought up to date when given (a copy known to
 * be behind), else this process's cached copy, else a whole load. `first`: the run's
 * first attempt (counted as cached or missing).
 */
export async function copyToRun(
  id: string,
  stale: CachedSandbox | undefined,
  first: boolean,
): Promise<CachedSandbox> {
  if (stale) return refresh(id, stale);
  const cached = cachedEntry(id);
  if (first) count(cached ? "cached" : "missing");
  return cached ?? (await load(id));
}

export interface StepRun<T> {
  out: StepOutput<T>;
  writes: RequestWrites;
  logSeq: number;
  offset: bigint;
  coldMeta: string;
  needsTransaction: boolean;
}

function runStep<T>(
  entry: CachedSandbox,
  step: (input: StepInput) => StepOutput<T>,
  hooks: TransactionHooks,
): StepRun<T> {
  const wall = (hooks.wallNow ?? Date.now)();
  // A picture's catch-up kept unwritten on this stored state: the step goes on from it and
  // writes it with its own (pending-catch-up.ts).
  const pending = pendingCatchUp(entry.state);
  const out = step({
    state: pending?.state ?? entry.state,
    virtualNow: wall + Number(entry.timeOffsetMs),
    loopsRanAt: pending?.loopsRanAt ?? entry.loopsRanAt ?? LOOPS_NEVER_RAN,
  });
  return buildRun(entry, pending ? afterPending(pending, out) : out, hooks);
}

/** The writes of a step's (or a whole command's) output against the copy it started from. */
export function buildRun<T>(
  entry: CachedSandbox,
  out: StepOutput<T>,
  hooks: TransactionHooks,
  history?: HistoryEntry,
): StepRun<T> {
  const logs: LogEntry[] = [
    ...out.audit.map((data) => ({ kind: "audit" as const, data })),
    ...out.traces.map((data) => ({ kind: "trace" as const, data })),
  ];
  const logSeq = entry.logSeq + logs.length;
  const offset = entry.timeOffsetMs + BigInt(out.offsetDeltaMs ?? 0);
  // Building the cold metadata's JSON (scheduler records, machines...) on every
  // request showed in profiles: only its changed parts are built and merged. A row
  // written before the split (coldMeta "") gets the whole column once.
  const cold = entry.coldMeta ? coldMetaWrite(entry.state, out.state) : null;
  const full = entry.coldMeta ? (cold && "full" in cold ? cold.full : null) : undefined;
  const meta =
    full === undefined
      ? splitMeta(stateMeta(out.state))
      : { cold: full ?? entry.coldMeta, hot: hotMetaOf(out.state) };
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
    metaPatch: cold && "patch" in cold ? cold.patch : null,
    // Written with a whole `meta` too: that one holds the current parts, an older
    // `loops` would hide them.
    loops:
      meta.cold !== entry.coldMeta || loopsChanged(entry.state, out.state)
        ? loopsMetaOf(out.state)
        : null,
    hot: meta.hot,
    timeOffsetMs: offset.toString(),
    ...(history ? { history } : {}),
  };
  const needsTransaction = Boolean(
    out.changes.replaceAll || hooks.beforeCommit || hooks.durableCommit,
  );
  return { out, writes, logSeq, offset, coldMeta: meta.cold, needsTransaction };
}

/** A step that changed nothing (e.g. a read between catch-ups) writes nothing. */
export function isReadOnly<T>(entry: CachedSandbox, run: StepRun<T>): boolean {
  const { out } = run;
  return (
    out.state === entry.state &&
    out.changes.appended.length === 0 &&
    out.changes.removed.length === 0 &&
    !out.changes.replaceAll &&
    run.writes.logs.length === 0 &&
    !out.offsetDeltaMs
  );
}

export async function versionIs(id: string, version: number): Promise<boolean> {
  const { rows } = await pool().query<{ version: number }>(
    `SELECT "version" FROM "Sandbox" WHERE "id" = $1`,
    [id],
  );
  return rows[0]?.version === version;
}

/** The write of one run inside an open transaction; false when the version moved. */
export async function writeRun<T>(
  c: Client,
  id: string,
  entry: CachedSandbox,
  run: StepRun<T>,
  hooks: TransactionHooks,
): Promise<boolean> {
  // A snapshot restore's rows reuse revisions: clear the old ones first.
  // A process's older copy can then no longer be refreshed row by row (load.ts).
  if (run.out.changes.replaceAll) {
    await c.query(`DELETE FROM "SandboxKv" WHERE "sandboxId" = $1`, [id]);
    await c.query(`UPDATE "Sandbox" SET "storeEpoch" = "storeEpoch" + 1 WHERE "id" = $1`, [id]);
  }
  if (!(await writeRequest(c, id, entry.version, run.writes))) return false;
  if (hooks.beforeCommit) await hooks.beforeCommit(c);
  return true;
}

export function finish<T>(id: string, entry: CachedSandbox, run: StepRun<T>): T {
  remember(id, {
    version: entry.version + 1,
    state: run.out.state,
    timeOffsetMs: run.offset,
    logSeq: run.logSeq,
    coldMeta: run.coldMeta,
    loopsRanAt: run.out.loopsRanAt ?? entry.loopsRanAt ?? LOOPS_NEVER_RAN,
    ...(epochOf(entry) !== undefined
      ? { storeEpoch: epochOf(entry)! + (run.out.changes.replaceAll ? 1 : 0) }
      : {}),
  });
  return run.out.result;
}

/**
 * The pessimistic path: lock the sandbox row, load the newest state under the
 * lock and write. Optimistic writers elsewhere wait on the row lock and then see
 * the version moved, so this attempt cannot lose.
 */
async function lockedAttempt<T>(
  id: string,
  step: (input: StepInput) => StepOutput<T>,
  hooks: TransactionHooks,
): Promise<T> {
  count("locked");
  forget(id);
  const done = await transaction(
    async (c) => {
      await lockSandboxRow(c, id);
      const entry = await loadWith(c, id);
      const run = runStep(entry, step, hooks);
      if (!(await writeRun(c, id, entry, run, hooks))) throw new SandboxBusyError(id);
      return { entry, run };
    },
    { durable: hooks.durableCommit === true },
  );
  return finish(id, done.entry, done.run);
}
