// Store changes of one engine call, merged across the request and the control
// loops after it, so persistence writes each row once (or never, if compacted
// within the same call).

import type { KvRow, StoreState } from "./store/types";
import type { StoreChanges } from "./store/writer";

export function noChanges(state: StoreState): StoreChanges {
  return { state, appended: [], removed: [], leasesChanged: false };
}

export function mergeChanges(a: StoreChanges, b: StoreChanges): StoreChanges {
  if (b.replaceAll) return b;
  const removed = new Set([...a.removed, ...b.removed]);
  const appended: KvRow[] = [...a.appended, ...b.appended].filter((r) => !removed.has(r.revision));
  const appendedRevs = new Set([...a.appended, ...b.appended].map((r) => r.revision));
  return {
    state: b.state,
    appended,
    removed: [...removed].filter((rev) => !appendedRevs.has(rev)).sort((x, y) => x - y),
    leasesChanged: a.leasesChanged || b.leasesChanged,
    ...(a.replaceAll ? { replaceAll: true } : {}),
  };
}

/**
 * mergeChanges over many pieces in one pass: a settle writes hundreds of times, and merging
 * pairwise copied every row appended so far on each write.
 */
export function mergeAllChanges(base: StoreChanges, pieces: readonly StoreChanges[]): StoreChanges {
  let start = 0;
  for (let i = pieces.length - 1; i >= 0; i--) {
    if (pieces[i]!.replaceAll) {
      start = i;
      break;
    }
  }
  const all = start > 0 || pieces[0]?.replaceAll ? pieces.slice(start) : [base, ...pieces];
  if (all.length === 1) return all[0]!;
  const removed = new Set<number>();
  for (const p of all) for (const rev of p.removed) removed.add(rev);
  const appended: KvRow[] = [];
  const appendedRevs = new Set<number>();
  for (const p of all) {
    for (const r of p.appended) {
      appendedRevs.add(r.revision);
      if (!removed.has(r.revision)) appended.push(r);
    }
  }
  return {
    state: all[all.length - 1]!.state,
    appended,
    removed: [...removed].filter((rev) => !appendedRevs.has(rev)).sort((x, y) => x - y),
    leasesChanged: all.some((p) => p.leasesChanged),
    ...(all[0]!.replaceAll ? { replaceAll: true } : {}),
  };
}

/**
 * A request's changes without the store state they led to (`state` set to the settle's start):
 * the settle keeps every request's changes until it merges them at its end, and each state
 * holds its own version of the live index - every B-tree path a request copied stayed alive
 * through the whole settle (#4: ~0.8 MiB of what its scavenges copied). The merge only needs
 * the newest state, which the settle keeps apart.
 */
export function withoutState(changes: StoreChanges, start: StoreState): StoreChanges {
  const out: StoreChanges = {
    state: start,
    appended: changes.appended,
    removed: changes.removed,
    leasesChanged: changes.leasesChanged,
  };
  if (changes.replaceAll) out.replaceAll = true;
  return out;
}
