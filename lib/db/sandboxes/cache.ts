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
}

// Bounded by entries and by an estimate of the heap the states hold: a sandbox
// that ran a lab session holds megabytes (its revision log, the objects the loops
// decoded from it), and with only an entry bound 200 of them grew a process past
// a gigabyte. Beyond the budget the least recently used go; they are reloaded
// from Postgres when used again.
const MAX_ENTRIES = 1000;
const DEFAULT_BUDGET_MB = 384;

/**
 * Heap a cached state holds, estimated from what dominates it: the store's rows
 * (JSON text, about four times over once decoded for the loops and indexed) and
 * the journal of recent audit events and traces.
 */
export function estimateStateBytes(state: SandboxState): number {
  const { log } = state.store;
  let chars = 0;
  for (let i = 0; i < log.length; i++) {
    const row = log.rows[i]!;
    chars += row.key.length + row.value.length + 200;
  }
  const journal = state.journal.audit.length + state.journal.traces.length;
  return 4 * chars + 2048 * journal + 64 * 1024;
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
  const bytes = estimateStateBytes(entry.state);
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
