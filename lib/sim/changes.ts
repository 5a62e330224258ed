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
