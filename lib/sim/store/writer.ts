// Applies etcd operations to a StoreState without mutating it: the writer copies
// what it changes (once) and commit() returns the new state plus exactly the
// rows appended and the revisions compacted away, so persistence can INSERT and
// DELETE just those.

import { MAX_REQUEST_BYTES, StoreError } from "./errors";
import { type RangeOptions, type RangeResult, prefixEnd, rangeRows } from "./store";
import type { LiveIndex, MutableLiveIndex } from "./live-index";
import {
  type KeyValue,
  type KvRow,
  type Lease,
  type StoreState,
  logRows,
  toKeyValue,
} from "./types";

export interface StoreChanges {
  state: StoreState;
  /** Rows written by this writer, ascending by revision. */
  appended: KvRow[];
  /** Revisions removed by compaction (rows persistence must delete). */
  removed: number[];
  /** Lease table changed (persist it with the sandbox metadata). */
  leasesChanged: boolean;
  /** The store was replaced (snapshot restore): drop every stored row, then insert `appended`. */
  replaceAll?: boolean;
}

export type Compare =
  | {
      key: string;
      target: "version" | "create" | "mod" | "lease";
      result: CompareResult;
      value: number;
    }
  | { key: string; target: "value"; result: CompareResult; value: string };
export type CompareResult = "=" | "!=" | "<" | ">";

export type TxnOp =
  | { op: "range"; range: RangeOptions }
  | { op: "put"; key: string; value: string; lease?: number }
  | { op: "delete"; key: string; rangeEnd?: string };

export type TxnOpResult =
  | { op: "range"; result: RangeResult }
  | { op: "put"; revision: number; prevKv?: KeyValue }
  | { op: "delete"; deleted: number; prevKvs: KeyValue[] };

export interface TxnResult {
  succeeded: boolean;
  responses: TxnOpResult[];
  revision: number;
}

export class StoreWriter {
  private live: MutableLiveIndex | undefined;
  private leases: Map<number, Lease> | undefined;
  private readonly appended: KvRow[] = [];
  private removed: number[] = [];
  private compactedLog: KvRow[] | undefined;
  private revision: number;
  private compactRevision: number;
  private nextLeaseId: number;

  constructor(
    private readonly base: StoreState,
    /** Virtual time, for lease expiry. */
    private readonly now: number,
  ) {
    this.revision = base.revision;
    this.compactRevision = base.compactRevision;
    this.nextLeaseId = base.nextLeaseId;
  }

  get currentRevision(): number {
    return this.revision;
  }

  private liveMap(): LiveIndex {
    return this.live ?? this.base.live;
  }

  private history(): readonly KvRow[] {
    return [...(this.compactedLog ?? logRows(this.base.log)), ...this.appended];
  }

  range(opts: RangeOptions): RangeResult {
    return rangeRows(this.liveMap(), () => this.history(), this.header(), opts);
  }

  /** The live rows of the keys under `prefix`, in key order (no KeyValue per row). */
  liveRowsUnder(prefix: string): KvRow[] {
    return this.liveMap().range(prefix, prefixEnd(prefix));
  }

  /** Live keys right now (O(1): the apiserver checks the sandbox object limit on every create). */
  liveCount(): number {
    return this.liveMap().size;
  }

  get(key: string): KeyValue | undefined {
    const row = this.liveMap().get(key);
    return row ? toKeyValue(row) : undefined;
  }

  /** The live row of a key (its newest write, unless deleted); rows never change. */
  getRow(key: string): KvRow | undefined {
    return this.liveMap().get(key);
  }

  private header() {
    return { revision: this.revision, compactRevision: this.compactRevision };
  }

  put(key: string, value: string, lease = 0): { revision: number; prevKv?: KeyValue } {
    const prev = this.liveMap().get(key);
    const row = this.putRow(key, value, lease, prev);
    return prev ? { revision: row.revision, prevKv: toKeyValue(prev) } : { revision: row.revision };
  }

  /**
   * The apiserver's create/update txn - compare the key's mod revision (0: absent), then put -
   * without the txn's request and response objects: the row written, or undefined when the
   * compare fails (nothing written).
   */
  putIfModRevision(key: string, modRevision: number, value: string, lease = 0): KvRow | undefined {
    const prev = this.liveMap().get(key);
    if ((prev?.revision ?? 0) !== modRevision) return undefined;
    return this.putRow(key, value, lease, prev);
  }

  private putRow(key: string, value: string, lease: number, prev: KvRow | undefined): KvRow {
    if (key.length === 0) throw new StoreError("invalid", "etcdserver: key is not provided");
    // UTF-8 needs at most 3 bytes per UTF-16 unit, so most values skip the encode.
    const units = key.length + value.length;
    if (units * 3 > MAX_REQUEST_BYTES && byteLength(key) + byteLength(value) > MAX_REQUEST_BYTES) {
      throw new StoreError("request-too-large");
    }
    // A read: copying the lease table here (every Event write names a lease) marked it changed.
    if (lease !== 0 && !(this.leases ?? this.base.leases).has(lease)) {
      throw new StoreError("lease-not-found");
    }
    const revision = ++this.revision;
    const row: KvRow = {
      revision,
      key,
      created: !prev,
      deleted: false,
      createRevision: prev ? prev.createRevision : revision,
      prevRevision: prev ? prev.revision : 0,
      lease,
      value,
      version: prev ? prev.version + 1 : 1,
    };
    this.write(row);
    return row;
  }

  delete(key: string, rangeEnd?: string): { deleted: number; prevKvs: KeyValue[] } {
    // A single key is a point lookup, a range the index's own key order: no scan of every key.
    const victims = this.liveRows(key, rangeEnd);
    for (const prev of victims) {
      const revision = ++this.revision;
      this.write({
        revision,
        key: prev.key,
        created: false,
        deleted: true,
        createRevision: prev.createRevision,
        prevRevision: prev.revision,
        lease: 0,
        value: prev.value,
        version: 0,
      });
    }
    return { deleted: victims.length, prevKvs: victims.map(toKeyValue) };
  }

  /** etcd Txn: all compares must hold for `success` to run, else `failure` runs. */
  txn(compares: Compare[], success: TxnOp[], failure: TxnOp[] = []): TxnResult {
    const succeeded = compares.every((c) => this.compare(c));
    const responses = (succeeded ? success : failure).map((op): TxnOpResult => {
      switch (op.op) {
        case "range":
          return { op: "range", result: this.range(op.range) };
        case "put":
          return { op: "put", ...this.put(op.key, op.value, op.lease) };
        case "delete":
          return { op: "delete", ...this.delete(op.key, op.rangeEnd) };
      }
    });
    return { succeeded, responses, revision: this.revision };
  }

  private compare(c: Compare): boolean {
    const row = this.liveMap().get(c.key);
    if (c.target === "value") {
      // etcd: a value compare on a missing key is false.
      if (!row) return false;
      return cmp(row.value, c.value, c.result);
    }
    const actual =
      c.target === "version"
        ? (row?.version ?? 0)
        : c.target === "create"
          ? (row?.createRevision ?? 0)
          : c.target === "mod"
            ? (row?.revision ?? 0)
            : (row?.lease ?? 0);
    return cmp(actual, c.value, c.result);
  }

  /** Live rows with key in [key, rangeEnd) (rangeEnd undefined: that key only), in key order. */
  private liveRows(key: string, rangeEnd: string | undefined): KvRow[] {
    const live = this.liveMap();
    if (rangeEnd === undefined) {
      const row = live.get(key);
      return row ? [row] : [];
    }
    return live.range(key, rangeEnd);
  }

  private write(row: KvRow): void {
    this.live ??= this.base.live.edit();
    if (row.deleted) this.live.delete(row.key);
    else this.live.set(row.key, row);
    this.appended.push(row);
  }

  private leaseMap(): Map<number, Lease> {
    this.leases ??= new Map(this.base.leases);
    return this.leases;
  }

  grantLease(ttlSeconds: number, id?: number): Lease {
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0)
      throw new StoreError("invalid", "etcdserver: too large lease TTL");
    const leaseId = id ?? this.nextLeaseId++;
    if (this.leaseMap().has(leaseId))
      throw new StoreError("invalid", "etcdserver: lease already exists");
    const lease: Lease = { id: leaseId, ttl: ttlSeconds, expiresAt: this.now + ttlSeconds * 1000 };
    this.leaseMap().set(leaseId, lease);
    return lease;
  }

  leaseList(): Lease[] {
    return [...(this.leases ?? this.base.leases).values()];
  }

  keepAlive(id: number): Lease {
    const lease = this.leaseMap().get(id);
    if (!lease) throw new StoreError("lease-not-found");
    const renewed = { ...lease, expiresAt: this.now + lease.ttl * 1000 };
    this.leaseMap().set(id, renewed);
    return renewed;
  }

  /** Deletes the lease and every key attached to it. */
  revokeLease(id: number): number {
    if (!(this.leases ?? this.base.leases).has(id)) throw new StoreError("lease-not-found");
    this.leaseMap().delete(id);
    const keys = [...this.liveMap().values()]
      .filter((r) => r.lease === id)
      .map((r) => r.key)
      .sort();
    for (const key of keys) this.delete(key);
    return keys.length;
  }

  /** Revokes every lease whose TTL ran out by `now`; returns their ids. */
  expireLeases(): number[] {
    const expired = [...(this.leases ?? this.base.leases).values()]
      .filter((l) => l.expiresAt <= this.now)
      .map((l) => l.id)
      .sort((a, b) => a - b);
    for (const id of expired) this.revokeLease(id);
    return expired;
  }

  /**
   * Drops history below `revision` as etcd does: afterwards reads and watches must
   * start at or above it, and for each key only its newest row at or below it stays
   * (tombstones go).
   */
  compact(revision: number): void {
    if (revision <= this.compactRevision) {
      throw new StoreError("compacted", undefined, this.compactRevision);
    }
    if (revision > this.revision) throw new StoreError("future-revision");
    const rows = this.history();
    const newestAtOrBelow = new Map<string, number>();
    for (const row of rows) {
      if (row.revision > revision) break;
      newestAtOrBelow.set(row.key, row.revision);
    }
    const kept: KvRow[] = [];
    for (const row of rows) {
      const keep =
        row.revision >= revision || (newestAtOrBelow.get(row.key) === row.revision && !row.deleted);
      if (keep) kept.push(row);
      else this.removed.push(row.revision);
    }
    // Appended rows that were compacted are simply never persisted.
    const appendedRemoved = new Set(this.appended.map((r) => r.revision));
    this.removed = this.removed.filter((rev) => !appendedRemoved.has(rev));
    const keptAppended = new Set(kept.map((r) => r.revision));
    const stillAppended = this.appended.filter((r) => keptAppended.has(r.revision));
    this.appended.length = 0;
    this.appended.push(...stillAppended);
    this.compactedLog = kept.filter((r) => !appendedRemoved.has(r.revision));
    this.compactRevision = revision;
  }

  /** The state as it would be committed, without handing out the appended rows (for watch reads). */
  commitPreview(): StoreState {
    if (!this.hasChanges()) return this.base;
    const rows = [...(this.compactedLog ?? logRows(this.base.log)), ...this.appended];
    return {
      revision: this.revision,
      compactRevision: this.compactRevision,
      log: { rows, length: rows.length },
      live: this.live ?? this.base.live,
      leases: this.leases ?? this.base.leases,
      nextLeaseId: this.nextLeaseId,
    };
  }

  hasChanges(): boolean {
    return (
      this.appended.length > 0 ||
      this.removed.length > 0 ||
      this.leases !== undefined ||
      this.compactRevision !== this.base.compactRevision
    );
  }

  commit(): StoreChanges {
    if (!this.hasChanges())
      return { state: this.base, appended: [], removed: [], leasesChanged: false };
    let log;
    if (this.compactedLog) {
      const rows = [...this.compactedLog, ...this.appended];
      log = { rows, length: rows.length };
    } else if (this.base.log.length === this.base.log.rows.length) {
      // We own the tail of the shared array: append in place (older states keep their length).
      this.base.log.rows.push(...this.appended);
      log = { rows: this.base.log.rows, length: this.base.log.rows.length };
    } else {
      const rows = [...logRows(this.base.log), ...this.appended];
      log = { rows, length: rows.length };
    }
    const state: StoreState = {
      revision: this.revision,
      compactRevision: this.compactRevision,
      log,
      live: this.live ?? this.base.live,
      leases: this.leases ?? this.base.leases,
      nextLeaseId: this.nextLeaseId,
    };
    return {
      state,
      appended: [...this.appended],
      removed: [...this.removed].sort((a, b) => a - b),
      leasesChanged: this.leases !== undefined,
    };
  }
}

function cmp<T extends number | string>(actual: T, expected: T, result: CompareResult): boolean {
  switch (result) {
    case "=":
      return actual === expected;
    case "!=":
      return actual !== expected;
    case "<":
      return actual < expected;
    case ">":
      return actual > expected;
  }
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
