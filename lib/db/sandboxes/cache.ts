// Per-process cache of loaded sandboxes. An entry is only a guess: every write is
// a compare-and-swap on the sandbox row's version, so if another process wrote
// in between, the write does nothing and the caller reloads. States are
// immutable values, so sharing them is safe.

import type { SandboxState } from "@/lib/sim";
import { forgetDecoded } from "@/lib/sim/apiserver/handler/codec";
import { admits, evictionOrder, UseFrequency } from "./cache-admission";
import { budgetFromEnv } from "./cache-budget";
import { estimateStateBytes, shedDecodes, shedHistoryDecodes, type Decodes } from "./cache-size";

export { budgetFromEnv, defaultBudgetBytes, memoryOfThisMachine } from "./cache-budget";
export { estimateStateBytes, shedDecodes, shedHistoryDecodes, type Decodes } from "./cache-size";

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
// entry bound 200 of them grew a process past a gigabyte. Over the budget the least
// recently used copies are shed in two steps before any is dropped (the copy keeps its rows
// and values, so using it again costs at most decoding what the command reads, never a
// query): first what was decoded from the rows of their history (superseded and deleted
// versions: three quarters of the decodes after a soak's life, and hardly read again), then
// what was decoded from their live rows too; only when every other copy is bare are copies
// dropped, the least used first (cache-admission.ts), and a full cache admits a new copy only
// if it is worth more than those it would push out. What a copy is estimated to hold, and the
// shedding itself: cache-size.ts.
const MAX_ENTRIES = 1000;

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
  /** Date.now() when last remembered or looked up. */
  usedAt: number;
  /** What it may hold decoded: less than "all" once shed, until it is used again. */
  decodes: Decodes;
}

/** A used copy's decodes, as a fresh one counts: nothing decoded yet. */
const decodesOf = (entry: CachedSandbox): Decodes => (isFreshEntry(entry) ? "none" : "all");

interface SandboxCache {
  /** Least recently used first. */
  slots: Map<string, Slot>;
  bytes: number;
  budget: number;
  /** How often each sandbox was used lately: who stays when not all fit (cache-admission.ts). */
  uses: UseFrequency;
  /** Copies offered to the full cache and not kept (their next command loads them whole). */
  refused: number;
  /**
   * Sandboxes whose held copy their command in flight dropped (stale: another instance
   * wrote; a lost race; the locked path): the copy it brings back replaces a held one, it
   * is not a newcomer to admit.
   */
  returning: Set<string>;
}

function newCache(budget: number): SandboxCache {
  const c: SandboxCache = {
    slots: new Map(),
    bytes: 0,
    budget,
    // Halved every ten uses per copy held (TinyLFU's sample), at least 1,000.
    uses: new UseFrequency(() => 10 * Math.max(100, c.slots.size)),
    refused: 0,
    returning: new Set(),
  };
  return c;
}

const globalCache = globalThis as unknown as {
  kubelabSandboxCacheV2?: SandboxCache;
  kubelabSandboxCacheSweep?: ReturnType<typeof setInterval>;
};

/**
 * A copy unused this long goes: its learner has left (a class ended, a tab closed), and a
 * returning learner's first command costs one whole load. Without it a worker held the
 * copies of a class that had gone home until its budget pushed them out, which a quiet
 * worker never does - its memory stayed at the class's peak.
 */
export const IDLE_MS = 30 * 60_000;

function cache(): SandboxCache {
  if (!globalCache.kubelabSandboxCacheV2) {
    globalCache.kubelabSandboxCacheV2 = newCache(budgetFromEnv());
    // A worker no request reaches sweeps too; the timer never keeps a process alive.
    globalCache.kubelabSandboxCacheSweep ??= setInterval(() => dropIdle(), 60_000);
    globalCache.kubelabSandboxCacheSweep.unref?.();
  }
  return globalCache.kubelabSandboxCacheV2;
}

/**
 * Forgets the copies unused for IDLE_MS before `now`: the least recently used come first in
 * the map, so this stops at the first copy used since.
 */
export function dropIdle(now: number = Date.now()): void {
  const c = cache();
  for (const [id, slot] of c.slots) {
    if (slot.usedAt > now - IDLE_MS) break;
    drop(c, id);
  }
}

export function cachedEntry(id: string): CachedSandbox | undefined {
  const c = cache();
  const slot = c.slots.get(id);
  if (!slot) return undefined;
  // refresh recency (a Map keeps insertion order)
  c.slots.delete(id);
  c.slots.set(id, slot);
  slot.usedAt = Date.now();
  const decodes = decodesOf(slot.entry);
  if (slot.decodes !== decodes) {
    // In use again: what its commands decode is kept with it from now on.
    const bytes = estimateStateBytes(slot.entry.state, decodes);
    c.bytes += bytes - slot.bytes;
    slot.bytes = bytes;
    slot.decodes = decodes;
    fitBudget(c, id);
  }
  return slot.entry;
}

/**
 * Keeps `entry` as the sandbox's copy. A newer copy of a held one always replaces it; a copy
 * the cache does not hold (loaded whole after a miss, or just created) is kept only if it
 * fits, or if its sandbox is used clearly more often than the copies it would push out
 * (`admits`); otherwise it is not kept, and the sandbox's next command loads it from
 * Postgres as after any miss.
 */
export function remember(id: string, entry: CachedSandbox): void {
  const c = cache();
  const held = c.slots.get(id);
  if (held) forgetSupersededDecodes(held.entry.state, entry.state);
  drop(c, id);
  const decodes = decodesOf(entry);
  const bytes = estimateStateBytes(entry.state, decodes);
  if (!held && !c.returning.delete(id)) {
    // Creating a sandbox is its first use (its commands count in serialized()).
    if (isFreshEntry(entry)) c.uses.record(id);
    if (!admitted(c, id, bytes)) {
      c.refused++;
      return;
    }
  }
  c.slots.set(id, { entry, bytes, decodes, usedAt: Date.now() });
  c.bytes += bytes;
  fitBudget(c, id);
}

/**
 * A copy unused this long counts below any in use when copies compete for room: its learner
 * has left or paused (a class that went home), and a newcomer need not first out-use the
 * counts it gathered - without this a new class missed for its first 10-20 commands each
 * while the last class's copies waited for their counts to halve away.
 */
export const LEFT_MS = 5 * 60_000;

/** How much a held copy is worth keeping: its sandbox's recent uses, -1 once left. */
const worth = (c: SandboxCache, now: number) => (id: string) =>
  c.slots.get(id)!.usedAt <= now - LEFT_MS ? -1 : c.uses.of(id);

/** A copy that must stay: `keep` (the one just used) and those of a command in flight. */
const mayGo = (keep: string) => (id: string) => id !== keep && !queues.has(id);

/**
 * Whether a copy of `bytes` not held yet may come in: when it fits, or when shedding the
 * others' decodes makes it fit (no copy goes), or when it is used more than the copies
 * fitBudget would then drop for it (evictionOrder's first, until it fits).
 */
function admitted(c: SandboxCache, id: string, bytes: number): boolean {
  let over = c.bytes + bytes - c.budget;
  let entriesOver = c.slots.size + 1 - MAX_ENTRIES;
  if (over <= 0 && entriesOver <= 0) return true;
  const value = worth(c, Date.now());
  const order = evictionOrder(c.slots.keys(), value, mayGo(id));
  // Nothing that may go: the copy is in use, and stays as the newest always did.
  if (order.length === 0) return true;
  const bare = order.map((v) => estimateStateBytes(c.slots.get(v)!.entry.state, "none"));
  for (let i = 0; i < order.length; i++) over -= c.slots.get(order[i]!)!.bytes - bare[i]!;
  if (over <= 0 && entriesOver <= 0) return true;
  let victims = -1;
  for (let i = 0; i < order.length && (over > 0 || entriesOver > 0); i++) {
    victims = Math.max(victims, value(order[i]!));
    over -= bare[i]!;
    entriesOver--;
  }
  return admits(c.uses.of(id), victims);
}

/**
 * Drops the decodes of the rows that the rows `next` added since `prev` superseded (the
 * previous row of each key written, and rows written and overwritten or deleted within those
 * writes). Every row is decoded when written and its decode stays with it while the row is in
 * the history (up to 2 × historyRevisions revisions), yet a superseded row is hardly read
 * again (a watch's event or an etcdctl read at an old revision parses it anew): without this a
 * copy's decodes grew with its history: after a 10-minute soak's life (eleven lab sessions,
 * ~1,000 rows) a sandbox retained 3.3 MiB, 1.0 of it the history's decodes; with this 2.3 MiB,
 * none of it the history's (bench/load/sandbox-memory.ts --sessions=11, both trees side by
 * side, equal wall time); the estimate counts a used copy's live rows' decodes and only a
 * little for its history's. Only the rows above `prev`'s revision are looked at: the cost follows the command's writes, not the
 * copy's size.
 */
function forgetSupersededDecodes(prev: SandboxState, next: SandboxState): void {
  const since = prev.store.revision;
  const { log, live } = next.store;
  if (next.store.revision <= since) return;
  const before = prev.store.live;
  for (let i = log.length - 1; i >= 0; i--) {
    const row = log.rows[i]!;
    if (row.revision <= since) break;
    const now = live.get(row.key);
    if (now !== row) forgetDecoded(row);
    const old = before.get(row.key);
    if (old && old !== now) forgetDecoded(old);
  }
}

/**
 * A copy a command loaded or refreshed and then found to be the stored version (a read
 * writes nothing, so `finish` never keeps it): kept unless this process already holds one
 * (callers run serialized per sandbox, so a held copy is this one or newer).
 */
export function keepLoaded(id: string, entry: CachedSandbox): void {
  if (!cache().slots.has(id)) remember(id, entry);
}

/**
 * Back within the entry bound and the budget: the least recently used copies, oldest first,
 * shed the decodes of their history; when that is not enough, those of their live rows
 * too; when that is not enough either, copies go, the least used first (evictionOrder).
 * `keep` (the copy just used) and the copies of commands in flight stay as they are, even
 * over the budget: they are in use (and their commands hold them anyway).
 */
function fitBudget(c: SandboxCache, keep: string): void {
  const may = mayGo(keep);
  if (c.slots.size > MAX_ENTRIES) {
    for (const id of evictionOrder(c.slots.keys(), worth(c, Date.now()), may)) {
      if (c.slots.size <= MAX_ENTRIES) break;
      drop(c, id);
    }
  }
  for (const step of ["live", "none"] as const) {
    if (c.bytes <= c.budget) return;
    for (const [id, slot] of c.slots) {
      if (c.bytes <= c.budget) break;
      if (!may(id) || slot.decodes === "none" || slot.decodes === step) continue;
      const bytes = estimateStateBytes(slot.entry.state, step);
      // A copy without history (every row live) gains nothing from the first step.
      if (bytes >= slot.bytes) continue;
      const shed = step === "live" ? shedHistoryDecodes : shedDecodes;
      const entry = { ...slot.entry, state: shed(slot.entry.state) };
      c.slots.set(id, { ...slot, entry, bytes, decodes: step });
      c.bytes += bytes - slot.bytes;
    }
  }
  if (c.bytes <= c.budget) return;
  for (const id of evictionOrder(c.slots.keys(), worth(c, Date.now()), may)) {
    if (c.bytes <= c.budget) break;
    drop(c, id);
  }
}

/**
 * Drops the sandbox's copy (stale, or the sandbox is gone). Dropped by its own command in
 * flight, the copy that command keeps afterwards takes its place without admission.
 */
export function forget(id: string): void {
  const c = cache();
  if (drop(c, id) && queues.has(id)) c.returning.add(id);
}

function drop(c: SandboxCache, id: string): boolean {
  const slot = c.slots.get(id);
  if (!slot) return false;
  c.slots.delete(id);
  c.bytes -= slot.bytes;
  return true;
}

/** Entries and estimated bytes held (for tests and the health of a long-running process). */
export function cacheUsage(): {
  entries: number;
  bytes: number;
  budget: number;
  /** Entries shed since last used: their history's decodes ("live") or all of them. */
  shed: { live: number; none: number };
  /** Copies offered to the full cache and not kept since it was made. */
  refused: number;
} {
  const c = cache();
  const shed = { live: 0, none: 0 };
  for (const { entry, decodes } of c.slots.values()) {
    if (decodes !== decodesOf(entry)) shed[decodes as "live" | "none"]++;
  }
  return { entries: c.slots.size, bytes: c.bytes, budget: c.budget, shed, refused: c.refused };
}

/** Tests: a different budget (bytes), emptying the cache. */
export function resetCacheForTests(budgetBytes?: number): void {
  globalCache.kubelabSandboxCacheV2 = newCache(budgetBytes ?? budgetFromEnv());
}

// Callers in this process queue per sandbox, so they do not race each other's
// compare-and-swap (other processes are handled by the version check).
const queues = new Map<string, Promise<unknown>>();

/**
 * Counts a use of the sandbox (a command or a request run on it): what decides which copies
 * stay when not all fit. serialized() counts every use; exported for tests.
 */
export function recordUse(id: string): void {
  cache().uses.record(id);
}

export function serialized<T>(id: string, fn: () => Promise<T>): Promise<T> {
  // Every command and request on a sandbox comes through here once.
  recordUse(id);
  const prev = queues.get(id) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  // A copy dropped by this run and not brought back is a newcomer again for the next.
  const tail = run.then(
    () => cache().returning.delete(id),
    () => cache().returning.delete(id),
  );
  queues.set(id, tail);
  void tail.then(() => {
    if (queues.get(id) === tail) queues.delete(id);
  });
  return run;
}
