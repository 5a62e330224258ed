// The store's data model, shaped after kine (the etcd shim k3s uses to keep
// Kubernetes state in SQL): every write is one row whose id is the revision.

import type { LiveIndex } from "./live-index";

/** One write in the revision log (a kine row). */
export interface KvRow {
  /** Revision of this write; also its primary key. */
  readonly revision: number;
  readonly key: string;
  /** True when this write created the key (no live value before). */
  readonly created: boolean;
  /** True for a tombstone; `value` then holds the value that was deleted. */
  readonly deleted: boolean;
  readonly createRevision: number;
  /** Revision of the previous write to this key, 0 when there was none. */
  readonly prevRevision: number;
  /** Lease id the key is attached to, 0 for none. */
  readonly lease: number;
  readonly value: string;
  /** etcd's per-key version: 1 on create, +1 per update, 0 on delete. */
  readonly version: number;
}

/** What etcd's Range returns for a key (mvccpb.KeyValue). */
export interface KeyValue {
  readonly key: string;
  readonly value: string;
  readonly createRevision: number;
  readonly modRevision: number;
  readonly version: number;
  readonly lease: number;
}

export interface Lease {
  readonly id: number;
  /** Granted TTL in seconds. */
  readonly ttl: number;
  /** Virtual epoch milliseconds at which the lease expires unless kept alive. */
  readonly expiresAt: number;
}

/**
 * Append-only log shared between successive states: a new state pushes onto the
 * same array when it owns the tail, so a write does not copy the history.
 */
export interface RowLog {
  readonly rows: KvRow[];
  readonly length: number;
}

export interface StoreState {
  /** Revision of the newest write (etcd's header revision). */
  readonly revision: number;
  /** Reads and watches below this revision fail as compacted. */
  readonly compactRevision: number;
  /** Retained rows, ascending by revision: every row above compactRevision plus the newest row at or below it per live key. */
  readonly log: RowLog;
  /** Newest non-deleted row per key. */
  readonly live: LiveIndex;
  readonly leases: ReadonlyMap<number, Lease>;
  readonly nextLeaseId: number;
}

/**
 * A KeyValue read from a row, which it remembers privately (not part of etcd's message: JSON,
 * spreads and equality checks never see it), so the apiserver can keep a value's decode with
 * the row (`rowOf`).
 */
class RowKeyValue implements KeyValue {
  readonly key: string;
  readonly value: string;
  readonly createRevision: number;
  readonly modRevision: number;
  readonly version: number;
  readonly lease: number;
  readonly #row: KvRow;

  constructor(row: KvRow) {
    this.key = row.key;
    this.value = row.value;
    this.createRevision = row.createRevision;
    this.modRevision = row.revision;
    this.version = row.version;
    this.lease = row.lease;
    this.#row = row;
  }

  static rowOf(kv: object): KvRow | undefined {
    return #row in kv ? (kv as RowKeyValue).#row : undefined;
  }
}

export function toKeyValue(row: KvRow): KeyValue {
  return new RowKeyValue(row);
}

/** The row a KeyValue was read from (toKeyValue), if it was. */
export function rowOf(kv: KeyValue): KvRow | undefined {
  return RowKeyValue.rowOf(kv);
}

export function logRows(log: RowLog): readonly KvRow[] {
  return log.length === log.rows.length ? log.rows : log.rows.slice(0, log.length);
}

/**
 * Rows known to hold another row's value with only its times moved (timestamps, an event's name
 * suffix): a sandbox made from a
 * template (lib/sim/cluster/cluster-template.ts) starts with the template's rows moved in time.
 * A reader that does not look at timestamps (RBAC's policy) may use the original's decode, which
 * lives as long as the template and is shared by every sandbox made from it.
 * The note is a non-enumerable symbol property of the copy, not a WeakMap entry keyed by it (as
 * the decode, apiserver/handler/codec.ts): every row of every sandbox made from a template has
 * one, some 10^5 in a worker's cache, and V8 marks a WeakMap's entries as ephemerons in the full
 * GC's final pause (bench/heap-weakmaps.ts ranks them). JSON, Object.keys and a spread copy of
 * the row do not see it; a spread copy is not a time-shifted copy either (its value may differ).
 */
export interface TimeShiftNote {
  /** The first row of the chain of copies (a lab template's row made from the default cluster's names the latter). */
  readonly original: KvRow;
}

const TIME_SHIFT_NOTE: unique symbol = Symbol("kubelab.timeShiftNote");
type NotedRow = KvRow & { [TIME_SHIFT_NOTE]?: TimeShiftNote };

/**
 * Notes that `copy` is a time-shifted copy of a row; `note.original` must be that row's own
 * original when it is a copy itself (timeShiftOrigin(row) ?? row). `note` may carry more (the
 * template's: cluster-template.ts templateRowOrigin), read back with timeShiftNote.
 */
export function noteTimeShiftedCopy(copy: KvRow, note: TimeShiftNote): void {
  Object.defineProperty(copy, TIME_SHIFT_NOTE, { value: note, writable: true, enumerable: false });
}

/** The note noteTimeShiftedCopy left on `row`, if it is a time-shifted copy. */
export function timeShiftNote(row: KvRow): TimeShiftNote | undefined {
  return (row as NotedRow)[TIME_SHIFT_NOTE];
}

/** The row `row` is a time-shifted copy of (noteTimeShiftedCopy), if it is one. */
export function timeShiftOrigin(row: KvRow): KvRow | undefined {
  return (row as NotedRow)[TIME_SHIFT_NOTE]?.original;
}
