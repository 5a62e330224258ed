// One terminal command = one sandbox write. kubectl sends several API requests for
// one command (a discovery GET, the object, a wait...), etcdctl reads the store, and
// a read first lets the loops catch up with time. Each of those used to be its own
// sandbox transaction (a version check or a compare-and-swap write per request);
// now they all run, one after the other, on this process's copy of the sandbox and
// the result is persisted once, at the end, with the command's history row in the
// same statement. If another process wrote in between, the compare-and-swap writes
// nothing and the whole command runs again on the newest state (its output too, so
// what the learner sees matches what was stored); after OPTIMISTIC_ATTEMPTS it runs
// under the sandbox row's lock, which cannot lose. A command's writes are therefore
// all or nothing, and a read-only command still checks, in its history insert, that
// what it read was the newest state.

import { mergeAllChanges, noChanges } from "@/lib/sim/changes";
import type { AuditEvent, RequestTrace, StoreChanges } from "@/lib/sim";
import { cachedEntry, forget, keepLoaded, serialized, type CachedSandbox } from "./cache";
import { LOOPS_NEVER_RAN } from "./catch-up";
import { pool, transaction } from "./pool";
import { insertHistory, isHistorySeqConflict, writeRequest, type HistoryEntry } from "./rows";
import { count } from "./counters";
import { countCommand, timed } from "./parts";
import { pendingCatchUp } from "./pending-catch-up";
import { AccessRefused, checkOwnerGuard, type OwnerGuard } from "./owner-guard";
import {
  buildRun,
  copyToRun,
  finish,
  isReadOnly,
  loadWith,
  lockSandboxRow,
  OPTIMISTIC_ATTEMPTS,
  SandboxBusyError,
  versionIs,
  VersionMoved,
  writeRun,
  type StepInput,
  type StepOutput,
  type TransactionHooks,
} from "./transaction";

/** The steps of one command, applied in order to a working copy of the sandbox. */
export class SandboxCommandUnit {
  private base: CachedSandbox | undefined;
  private current: StepInput["state"] | undefined;
  private readonly pieces: StoreChanges[] = [];
  private readonly audit: AuditEvent[] = [];
  private readonly traces: RequestTrace[] = [];
  private offsetDeltaMs = 0;
  private loopsRanAt: number | undefined;

  constructor(
    private readonly loadBase: () => Promise<CachedSandbox>,
    private readonly wallNow: () => number,
  ) {}

  /** Runs one engine step on the working copy (loaded on the first step). */
  async step<T>(fn: (input: StepInput) => StepOutput<T>): Promise<T> {
    if (!this.base) {
      this.base = await this.loadBase();
      // A picture's catch-up kept unwritten on this stored state: the command goes on from
      // it and writes it with its own (pending-catch-up.ts).
      const pending = pendingCatchUp(this.base.state);
      if (pending) {
        this.current = pending.state;
        this.pieces.push(...pending.pieces);
        this.audit.push(...pending.audit);
        this.traces.push(...pending.traces);
        this.loopsRanAt = pending.loopsRanAt;
      }
    }
    const base = this.base;
    const out = fn({
      state: this.current ?? base.state,
      virtualNow: this.wallNow() + Number(base.timeOffsetMs) + this.offsetDeltaMs,
      loopsRanAt: this.loopsRanAt ?? base.loopsRanAt ?? LOOPS_NEVER_RAN,
    });
    this.current = out.state;
    const c = out.changes;
    if (c.appended.length > 0 || c.removed.length > 0 || c.replaceAll) this.pieces.push(c);
    this.audit.push(...out.audit);
    this.traces.push(...out.traces);
    this.offsetDeltaMs += out.offsetDeltaMs ?? 0;
    if (out.loopsRanAt !== undefined) this.loopsRanAt = out.loopsRanAt;
    return out.result;
  }

  /** The copy the command started from, or undefined when it never touched the sandbox. */
  get started(): CachedSandbox | undefined {
    return this.base;
  }

  /** Everything the command's steps did, as one step's output. */
  output(): StepOutput<undefined> {
    const base = this.base!;
    const state = this.current ?? base.state;
    const changes =
      this.pieces.length === 0
        ? noChanges(state.store)
        : mergeAllChanges(this.pieces[0]!, this.pieces.slice(1));
    return {
      state,
      changes,
      audit: this.audit,
      traces: this.traces,
      result: undefined,
      ...(this.offsetDeltaMs ? { offsetDeltaMs: this.offsetDeltaMs } : {}),
      ...(this.loopsRanAt !== undefined ? { loopsRanAt: this.loopsRanAt } : {}),
    };
  }
}

export interface CommandOutcome<T> {
  result: T;
  /** The command line for the sandbox's history (absent: nothing recorded). */
  history?: HistoryEntry;
}

export interface CommandOptions extends TransactionHooks {
  /** The sandbox row's version as the caller just read it (authorization): a cached copy of another version is dropped at once. */
  knownVersion?: number;
  /**
   * The caller authorized from a cache, not from the database: every statement of the
   * command also checks that the sandbox is still this user's and the user exists, and
   * the command throws AccessRefused (nothing written, nothing returned) when not.
   */
  guard?: OwnerGuard;
}

/**
 * Runs `command` (which may run any number of engine steps through the unit) and
 * persists all it did - and its history row - in one statement. `command` may run
 * more than once (a concurrent writer elsewhere), so it must have no other effects.
 */
export function runSandboxCommand<T>(
  id: string,
  command: (unit: SandboxCommandUnit) => Promise<CommandOutcome<T>>,
  opts: CommandOptions = {},
): Promise<T> {
  const wallNow = opts.wallNow ?? Date.now;
  return serialized(id, async () => {
    count("runs");
    // A copy known to be behind the stored version: brought up to date, not reloaded.
    let stale: CachedSandbox | undefined;
    const cached = cachedEntry(id);
    if (cached && opts.knownVersion !== undefined && cached.version < opts.knownVersion) {
      // Another process wrote since this copy (a copy AHEAD of the caller's read is this
      // process's own newer write: the compare-and-swap still checks it).
      count("stale");
      forget(id);
      stale = cached;
    }
    for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      if (attempt > 0) count("retries");
      const from = stale;
      stale = undefined;
      const unit = new SandboxCommandUnit(
        () => copyToRun(id, from, attempt === 0 && from === undefined),
        wallNow,
      );
      const outcome = await command(unit);
      const entry = unit.started;
      if (!entry) {
        // The command never touched the sandbox (echo, history, a usage error...).
        if (outcome.history) await insertHistoryRetrying(id, outcome.history, opts.guard);
        else if (opts.guard !== undefined) await checkOwnerGuard(pool(), id, opts.guard);
        return outcome.result;
      }
      const run = timed("persist", () => buildRun(entry, unit.output(), opts, outcome.history));
      if (opts.guard !== undefined) run.writes.guard = opts.guard;
      try {
        if (isReadOnly(entry, run)) {
          // Nothing to write: the history insert doubles as the check that the copy
          // read is still the newest.
          if (opts.guard !== undefined && !outcome.history)
            await checkOwnerGuard(pool(), id, opts.guard);
          const fresh = outcome.history
            ? await insertHistory(pool(), id, outcome.history, entry.version, opts.guard)
            : await versionIs(id, entry.version);
          if (fresh) {
            // A copy this read loaded or refreshed is the stored one: kept, or the
            // learner's next read would load it whole again.
            keepLoaded(id, entry);
            countCommand();
            return outcome.result;
          }
        } else if (run.needsTransaction) {
          await transaction(
            async (c) => {
              if (!(await writeRun(c, id, entry, run, opts))) throw new VersionMoved();
            },
            { durable: opts.durableCommit === true },
          );
          timed("persist", () => finish(id, entry, run));
          countCommand();
          return outcome.result;
        } else if (await writeRequest(pool(), id, entry.version, run.writes)) {
          timed("persist", () => finish(id, entry, run));
          countCommand();
          return outcome.result;
        }
      } catch (err) {
        // Refused: nothing was written and the copy is still the stored one.
        if (err instanceof AccessRefused) throw err;
        if (!(err instanceof VersionMoved) && !isHistorySeqConflict(err)) {
          forget(id);
          throw err;
        }
        if (isHistorySeqConflict(err)) continue; // only the history seq raced: run again
      }
      // Another process wrote since the copy was loaded (or the sandbox is gone).
      forget(id);
      stale = entry;
    }
    return lockedCommand(id, command, opts);
  });
}

/** The pessimistic path: the whole command under the sandbox row's lock. */
async function lockedCommand<T>(
  id: string,
  command: (unit: SandboxCommandUnit) => Promise<CommandOutcome<T>>,
  opts: CommandOptions,
): Promise<T> {
  count("locked");
  forget(id);
  const done = await transaction(
    async (c) => {
      await lockSandboxRow(c, id);
      if (opts.guard !== undefined) await checkOwnerGuard(c, id, opts.guard);
      const unit = new SandboxCommandUnit(() => loadWith(c, id), opts.wallNow ?? Date.now);
      const outcome = await command(unit);
      const entry = unit.started;
      if (!entry) {
        if (outcome.history) await insertHistory(c, id, outcome.history);
        return { outcome };
      }
      const run = buildRun(entry, unit.output(), opts, outcome.history);
      if (isReadOnly(entry, run)) {
        if (outcome.history) await insertHistory(c, id, outcome.history);
        return { outcome };
      }
      if (!(await writeRun(c, id, entry, run, opts))) throw new SandboxBusyError(id);
      return { outcome, written: { entry, run } };
    },
    { durable: opts.durableCommit === true },
  );
  if (done.written) finish(id, done.written.entry, done.written.run);
  return done.outcome.result;
}

async function insertHistoryRetrying(
  id: string,
  entry: HistoryEntry,
  guard: OwnerGuard | undefined,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await insertHistory(pool(), id, entry, undefined, guard);
      return;
    } catch (err) {
      if (!isHistorySeqConflict(err) || attempt >= 4) throw err;
    }
  }
}
