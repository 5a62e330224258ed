// Watch = the rows after a revision (kine's approach): the store keeps the log,
// a watcher reads the events at or after its start revision.

import { StoreError } from "./errors";
import { inRange } from "./store";
import { type KeyValue, type KvRow, type StoreState, logRows, toKeyValue } from "./types";

export interface WatchEvent {
  type: "PUT" | "DELETE";
  kv: KeyValue;
  /** The value before this event, when the store still has it. */
  prevKv?: KeyValue;
}

export interface WatchOptions {
  key: string;
  /** Exclusive end; "\0" = all keys >= key; omit for one key. */
  rangeEnd?: string;
  /** First revision to report (etcd's start_revision); events at or after it. */
  startRevision: number;
}

/** Binary search: index of the first row with revision >= rev. */
function firstIndexAtOrAfter(rows: readonly KvRow[], rev: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.revision < rev) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function watchEvents(state: StoreState, opts: WatchOptions): WatchEvent[] {
  if (opts.startRevision > 0 && opts.startRevision < state.compactRevision) {
    throw new StoreError("compacted", undefined, state.compactRevision);
  }
  const rows = logRows(state.log);
  const byRevision = (rev: number): KvRow | undefined => {
    const i = firstIndexAtOrAfter(rows, rev);
    const row = rows[i];
    return row && row.revision === rev ? row : undefined;
  };
  const events: WatchEvent[] = [];
  for (let i = firstIndexAtOrAfter(rows, opts.startRevision); i < rows.length; i++) {
    const row = rows[i]!;
    if (!inRange(row.key, opts.key, opts.rangeEnd)) continue;
    const prev = row.prevRevision ? byRevision(row.prevRevision) : undefined;
    if (row.deleted) {
      // etcd's DELETE event carries only key + mod revision; prevKv holds the last value.
      events.push({
        type: "DELETE",
        kv: {
          key: row.key,
          value: "",
          createRevision: 0,
          modRevision: row.revision,
          version: 0,
          lease: 0,
        },
        prevKv: prev
          ? toKeyValue(prev)
          : { ...toKeyValue(row), modRevision: row.prevRevision, version: 0 },
      });
    } else {
      events.push(
        prev
          ? { type: "PUT", kv: toKeyValue(row), prevKv: toKeyValue(prev) }
          : { type: "PUT", kv: toKeyValue(row) },
      );
    }
  }
  return events;
}
