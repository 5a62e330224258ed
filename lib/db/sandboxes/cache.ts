// Per-process cache of loaded sandboxes. An entry is only a guess: every write is
// a compare-and-swap on the sandbox row's version, so if another process wrote
// in between, the write does nothing and the caller reloads. States are
// immutable values, so sharing them is safe.

import type { SandboxState } from "@/lib/sim";

export interface CachedSandbox {
  version: number;
  state: SandboxState;
  timeOffsetMs: bigint;
  logSeq: number;
  /**
   * The `meta` column as last read or written whole; "" for a row written before the
   * hot/cold split (rewritten whole on its next write). Writes merge only the parts
   * that changed, so after one the text may lag behind the column: only whether it
   * is empty matters.
   */
  coldMeta: string;
  /** Virtual time the control loops last ran on this copy (see catch-up.ts); unknown when absent. */
  loopsRanAt?: number;
  /** The row's storeEpoch this copy's rows belong to (load.ts); unknown (reload whole) when absent. */
  storeEpoch?: number;
}

// Bounded by entries and by the heap the states hold: a sandbox that ran lab sessions
// holds megabytes (its revision log, the objects decoded from it), and with only an
// entry bound 200 of them grew a process past a gigabyte. Beyond the budget the least
// recently used go; they are reloaded from Postgres when used again.
const MAX_ENTRIES = 1000;
const DEFAULT_BUDGET_MB = 384;

// What a cached state really retains, measured with bench/load/sandbox-memory.ts (heap
// after a full GC with and without the entries; cluster-anatomy, 10-60 learners):
//   opened, no command yet:  180 rows, 0.3 M value chars          → 0.24 MiB
//   one 30-command session:  246 rows, 0.4 M chars, 100 journal   → 1.4 MiB (rows and values
//                            0.5, objects decoded from them and their encodings 0.8, journal 0.1)
//   four sessions:           519 rows, 1.1 M chars, 100 journal   → 3.0 MiB (1.0, 2.0, 0.1)
// So: the rows' text once (ASCII: a byte a character) plus, once the sandbox has run (the
// control loops and reads decode what they touch, kept with each row), 1.75 times it
// again; a row object ~150 bytes; a journal entry (audit event or trace) ~1 KiB.
const ROW_BYTES = 150;
const DECODED_PER_CHAR = 1.75;
const JOURNAL_ENTRY_BYTES = 1024;
const STATE_BYTES = 32 * 1024;

/**
 * Heap a cached state holds, in bytes, from what dominates it: the store's rows and,
 * unless `fresh` (just created, nothing run or decoded yet), the objects decoded from
 * them; and the journal of recent audit events and traces.
 */
export function estimateStateBytes(state: SandboxState, fresh = false): number {
  const { log } = state.store;
  let chars = 0;
  for (let i = 0; i < log.length; i++) {
    const row = log.rows[i]!;
    chars += row.key.length + row.value.length;
  }
  const journal = state.journal.audit.length + state.journal.traces.length;
  return Math.round(
    chars * (fresh ? 1 : 1 + DECODED_PER_CHAR) +
      ROW_BYTES * log.length +
      JOURNAL_ENTRY_BYTES * journal +
      STATE_BYTES,
  );
}

/**
 * The store epoch a copy's rows belong to; a never-written copy (version 0) is of the
 * epoch every sandbox is created with. Undefined: unknown (reload whole).
 */
export function epochOf(entry: CachedSandbox): number | undefined {
  return entry.storeEpoch ?? (entry.version === 0 ? 0 : undefined);
}

/** An entry as created (lab-sandbox.ts, user-sandbox.ts): never written, its loops never ran. */
export function isFreshEntry(entry: CachedSandbox): boolean {
  return entry.version === 0 && entry.loopsRanAt === undefined;
}

interface Slot {
  entry: CachedSandbox;
  bytes: number;
}

interface SandboxCache {
  slots: Map<string, Slot>;
  bytes: number;
  budget: number;
}

const globalCache = globalThis as unknown as { kubelabSandboxCacheV2?: SandboxCache };

function budgetFromEnv(): number {
  const mb = Number(process.env.KUBELAB_SANDBOX_CACHE_MB ?? DEFAULT_BUDGET_MB);
  return (Number.isFinite(mb) && mb >= 0 ? mb : DEFAULT_BUDGET_MB) * 1024 * 1024;
}

function cache(): SandboxCache {
  globalCache.kubelabSandboxCacheV2 ??= { slots: new Map(), bytes: 0, budget: budgetFromEnv() };
  return globalCache.kubelabSandboxCacheV2;
}

export function cachedEntry(id: string): CachedSandbox | undefined {
  const c = cache();
  const slot = c.slots.get(id);
  if (slot) {
    // refresh recency (a Map keeps insertion order)
    c.slots.delete(id);
    c.slots.set(id, slot);
  }
  return slot?.entry;
}

export function remember(id: string, entry: CachedSandbox): void {
  const c = cache();
  forget(id);
  const bytes = estimateStateBytes(entry.state, isFreshEntry(entry));
  c.slots.set(id, { entry, bytes });
  c.bytes += bytes;
  // The newest entry always stays, even alone over the budget: it is in use.
  while (c.slots.size > 1 && (c.slots.size > MAX_ENTRIES || c.bytes > c.budget)) {
    forget(c.slots.keys().next().value!);
  }
}

export function forget(id: string): void {
  const c = cache();
  const slot = c.slots.get(id);
  if (!slot) return;
  c.slots.delete(id);
  c.bytes -= slot.bytes;
}

/** Entries and estimated bytes held (for tests and the health of a long-running process). */
export function cacheUsage(): { entries: number; bytes: number; budget: number } {
  const c = cache();
  return { entries: c.slots.size, bytes: c.bytes, budget: c.budget };
}

/** Tests: a different budget (bytes), emptying the cache. */
export function resetCacheForTests(budgetBytes?: number): void {
  globalCache.kubelabSandboxCacheV2 = {
    slots: new Map(),
    bytes: 0,
    budget: budgetBytes ?? budgetFromEnv(),
  };
}

// Callers in this process queue per sandbox, so they do not race each other's
// compare-and-swap (other processes are handled by the version check).
const queues = new Map<string, Promise<unknown>>();

export function serialized<T>(id: string, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(id) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.catch(() => {});
  queues.set(id, tail);
  void tail.then(() => {
    if (queues.get(id) === tail) queues.delete(id);
  });
  return run;
}
