// `etcdctl snapshot save|restore|status`: a snapshot is a copy of the store's
// retained rows at a revision. Restoring starts a new store (and, like etcd, a
// new cluster identity) from it.

import type { Rng } from "../random";
import { type KvRow, type Lease, type StoreState, logRows } from "../store/types";
import { LiveIndex } from "../store/live-index";
import { createCluster, type EtcdCluster, type MemberSpec } from "./cluster";

export interface EtcdSnapshot {
  revision: number;
  compactRevision: number;
  rows: KvRow[];
  leases: { id: number; ttl: number }[];
  nextLeaseId: number;
  /** FNV-1a over the rows, shown as HASH by `snapshot status`. */
  hash: number;
  totalKeys: number;
  totalSize: number;
}

function fnv1a(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function saveSnapshot(store: StoreState): EtcdSnapshot {
  const rows = [...logRows(store.log)];
  let hash = 0x811c9dc5;
  let size = 0;
  for (const r of rows) {
    hash = fnv1a(`${r.revision}\0${r.key}\0${r.deleted ? 1 : 0}\0${r.value}`, hash);
    size += r.key.length + r.value.length + 64;
  }
  return {
    revision: store.revision,
    compactRevision: store.compactRevision,
    rows,
    leases: [...store.leases.values()].map((l) => ({ id: l.id, ttl: l.ttl })),
    nextLeaseId: store.nextLeaseId,
    hash,
    totalKeys: store.live.size,
    totalSize: size,
  };
}

/** Leases come back with a full TTL from `now`, as etcd's lessor renews them when a member is promoted. */
export function restoreSnapshot(snapshot: EtcdSnapshot, now: number): StoreState {
  const rows = [...snapshot.rows].sort((a, b) => a.revision - b.revision);
  const live = LiveIndex.fromRows(rows);
  const leases = new Map<number, Lease>(
    snapshot.leases.map((l) => [l.id, { id: l.id, ttl: l.ttl, expiresAt: now + l.ttl * 1000 }]),
  );
  return {
    revision: snapshot.revision,
    compactRevision: snapshot.compactRevision,
    log: { rows, length: rows.length },
    live,
    leases,
    nextLeaseId: snapshot.nextLeaseId,
  };
}

/** `snapshot restore` gives the restored member(s) a fresh cluster id and member ids. */
export function restoredCluster(specs: readonly MemberSpec[], rng: Rng): EtcdCluster {
  return createCluster(specs, rng);
}
