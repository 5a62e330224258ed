// Reads over an immutable StoreState and the empty store. Writes go through
// StoreWriter (writer.ts), which yields a new state and the rows it appended.

import { StoreError } from "./errors";
import { LiveIndex } from "./live-index";
import { type KeyValue, type KvRow, type StoreState, logRows, toKeyValue } from "./types";

export function emptyStore(): StoreState {
  return {
    revision: 1, // etcd starts at revision 1 with no keys
    compactRevision: 0,
    log: { rows: [], length: 0 },
    live: LiveIndex.empty(),
    leases: new Map(),
    nextLeaseId: 0x694d_0000_0001,
  };
}

/** The smallest key greater than every key with this prefix (etcd's GetPrefixRangeEnd). */
export function prefixEnd(prefix: string): string {
  if (prefix.length === 0) return "\0";
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

export interface RangeOptions {
  key: string;
  /** Exclusive end key; "\0" means "every key >= key", as in etcd. Omit for a single key. */
  rangeEnd?: string;
  /** Read at this historical revision (0 or omitted = newest). */
  revision?: number;
  limit?: number;
  countOnly?: boolean;
  keysOnly?: boolean;
}

export interface RangeResult {
  kvs: KeyValue[];
  count: number;
  more: boolean;
  /** The store's current revision (response header). */
  revision: number;
}

export function inRange(key: string, start: string, end: string | undefined): boolean {
  if (end === undefined) return key === start;
  if (end === "\0") return key >= start;
  return key >= start && key < end;
}

/** Checks a requested historical revision as etcd's mvcc does. */
export function checkRevision(
  state: Pick<StoreState, "revision" | "compactRevision">,
  rev: number,
): void {
  if (rev > state.revision) throw new StoreError("future-revision");
  if (rev < state.compactRevision)
    throw new StoreError("compacted", undefined, state.compactRevision);
}

/** Rows visible at `revision` for the range: newest row per key at or below it, minus tombstones. */
function rowsAt(rows: readonly KvRow[], opts: RangeOptions, revision: number): KvRow[] {
  const newest = new Map<string, KvRow>();
  for (const row of rows) {
    if (row.revision > revision) break;
    if (inRange(row.key, opts.key, opts.rangeEnd)) newest.set(row.key, row);
  }
  return [...newest.values()].filter((r) => !r.deleted);
}

export function rangeRows(
  live: LiveIndex,
  history: () => readonly KvRow[],
  state: Pick<StoreState, "revision" | "compactRevision">,
  opts: RangeOptions,
): RangeResult {
  let rows: KvRow[];
  const rev = opts.revision ?? 0;
  if (rev > 0 && rev < state.revision) {
    checkRevision(state, rev);
    rows = rowsAt(history(), opts, rev);
  } else {
    if (rev > state.revision) throw new StoreError("future-revision");
    if (opts.rangeEnd === undefined) {
      const row = live.get(opts.key);
      rows = row ? [row] : [];
    } else if (opts.countOnly) {
      // The apiserver counts every object on each create: no list needed.
      const count = live.count(opts.key, opts.rangeEnd);
      return { kvs: [], count, more: false, revision: state.revision };
    } else {
      // Already in key order, as etcd's index returns it.
      rows = live.range(opts.key, opts.rangeEnd);
    }
  }
  const count = rows.length;
  if (opts.countOnly) return { kvs: [], count, more: false, revision: state.revision };
  if (rev > 0 && rev < state.revision)
    rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const limit = opts.limit && opts.limit > 0 ? opts.limit : count;
  const picked = rows.slice(0, limit);
  const kvs = picked.map((r) => (opts.keysOnly ? { ...toKeyValue(r), value: "" } : toKeyValue(r)));
  return { kvs, count, more: count > picked.length, revision: state.revision };
}

export function range(state: StoreState, opts: RangeOptions): RangeResult {
  return rangeRows(state.live, () => logRows(state.log), state, opts);
}

export function get(state: StoreState, key: string, revision?: number): KeyValue | undefined {
  return range(state, { key, revision })?.kvs[0];
}
