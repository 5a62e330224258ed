// Per-process cache of loaded sandboxes. An entry is valid only for the version
// it was loaded or written at; the request transaction reads the row's version
// under a row lock and reloads on any mismatch, so another process's writes are
// never missed. States are immutable values, so sharing them is safe.

import type { SandboxState } from "@/lib/sim";

interface Entry {
  version: number;
  state: SandboxState;
}

const MAX_ENTRIES = 200;
const globalCache = globalThis as unknown as { kubelabSandboxCache?: Map<string, Entry> };

function cache(): Map<string, Entry> {
  globalCache.kubelabSandboxCache ??= new Map();
  return globalCache.kubelabSandboxCache;
}

export function cached(id: string, version: number): SandboxState | undefined {
  const entry = cache().get(id);
  if (!entry || entry.version !== version) return undefined;
  // refresh recency (Map keeps insertion order)
  cache().delete(id);
  cache().set(id, entry);
  return entry.state;
}

export function remember(id: string, version: number, state: SandboxState): void {
  const c = cache();
  c.delete(id);
  c.set(id, { version, state });
  while (c.size > MAX_ENTRIES) c.delete(c.keys().next().value!);
}

export function forget(id: string): void {
  cache().delete(id);
}
