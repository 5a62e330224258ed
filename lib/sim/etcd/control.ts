// What etcdctl and the lab controls do to a sandbox's etcd: key-value access with
// etcd's consistency rules, member stop/start/partition, snapshot save/restore.
// Each write returns the new state plus the store changes to persist.

import type { SandboxState } from "../state";
import { logRows } from "../store/types";
import { StoreWriter, type StoreChanges } from "../store/writer";
import { healMember, partitionMember, startMember, stopMember, type EtcdCluster } from "./cluster";
import { EtcdUnavailableError } from "./errors";
import { requireLinearizableRead, requireSerializableRead, requireWrite } from "./quorum";
import { restoreSnapshot, saveSnapshot, type EtcdSnapshot } from "./snapshot";

export type MemberAction = "stop" | "start" | "partition" | "heal";

const actions: Record<MemberAction, (c: EtcdCluster, m: string) => EtcdCluster> = {
  stop: stopMember,
  start: startMember,
  partition: partitionMember,
  heal: healMember,
};

export function memberAction(
  state: SandboxState,
  action: MemberAction,
  member: string,
): SandboxState {
  return { ...state, etcd: actions[action](state.etcd, member) };
}

/**
 * A read as etcdctl does it: linearizable by default (needs a quorum),
 * `--consistency=s` served by a running member from its local copy.
 */
export function etcdRead<T>(
  state: SandboxState,
  read: (store: SandboxState["store"]) => T,
  consistency: "l" | "s" = "l",
): T {
  if (consistency === "l") requireLinearizableRead(state.etcd);
  else requireSerializableRead(state.etcd);
  return read(state.store);
}

export interface EtcdWriteResult<T> {
  state: SandboxState;
  changes: StoreChanges;
  result: T;
}

/** A write (put, del, txn, lease, compaction): a Raft proposal, so it needs a quorum. */
export function etcdWrite<T>(
  state: SandboxState,
  now: number,
  write: (w: StoreWriter) => T,
): EtcdWriteResult<T> {
  const etcd = requireWrite(state.etcd);
  const writer = new StoreWriter(state.store, now);
  const result = write(writer);
  // etcdctl writes bypass the API server's object limit; etcd's own quota stops them.
  if (writer.liveCount() > state.store.live.size && writer.liveCount() > state.limits.maxObjects) {
    throw new EtcdUnavailableError("no-space");
  }
  const changes = writer.commit();
  return {
    state: { ...state, etcd, store: changes.state, time: Math.max(state.time, now) },
    changes,
    result,
  };
}

export function snapshotSave(state: SandboxState): EtcdSnapshot {
  requireLinearizableRead(state.etcd);
  return saveSnapshot(state.store);
}

/**
 * Replaces the whole store with a snapshot (the lesson's disaster recovery: stop
 * the API server, restore, restart). Persistence must drop every row first.
 */
export function snapshotRestore(
  state: SandboxState,
  snapshot: EtcdSnapshot,
  now: number,
): EtcdWriteResult<void> {
  const store = restoreSnapshot(snapshot, now);
  return {
    state: { ...state, store },
    changes: {
      state: store,
      appended: [...logRows(store.log)],
      removed: [],
      leasesChanged: true,
      replaceAll: true,
    },
    result: undefined,
  };
}

/** Approximate backend size for `endpoint status` (bbolt pages hold the retained rows). */
export function dbSize(state: SandboxState): number {
  let bytes = 0;
  for (const r of logRows(state.store.log)) bytes += r.key.length + r.value.length + 64;
  return Math.max(20480, Math.ceil(bytes / 4096) * 4096);
}
