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
  /** The `meta` column as last written/read, to skip rewriting it unchanged. */
  coldMeta: string;
}

const MAX_ENTRIES = 200;
const globalCache = globalThis as unknown as { kubelabSandboxCache?: Map<string, CachedSandbox> };

function cache(): Map<string, CachedSandbox> {
  globalCache.kubelabSandboxCache ??= new Map();
  return globalCache.kubelabSandboxCache;
}

export function cachedEntry(id: string): CachedSandbox | undefined {
  const entry = cache().get(id);
  if (entry) {
    // refresh recency (a Map keeps insertion order)
    cache().delete(id);
    cache().set(id, entry);
  }
  return entry;
}

export function remember(id: string, entry: CachedSandbox): void {
  const c = cache();
  c.delete(id);
  c.set(id, entry);
  while (c.size > MAX_ENTRIES) c.delete(c.keys().next().value!);
}

export function forget(id: string): void {
  cache().delete(id);
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
