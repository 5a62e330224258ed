// History compaction: kube-apiserver compacts etcd's history periodically; the sandbox compacts
// once its history passes twice its bound, keeping the newest `historyRevisions` revisions.

import { noChanges } from "./changes";
import { hasQuorum } from "./etcd/cluster";
import type { SandboxState } from "./state";
import type { StoreChanges } from "./store/writer";
import { StoreWriter } from "./store/writer";

/** Compacts history once it exceeds twice the sandbox's bound (kube-apiserver compacts periodically). */
export function compactIfNeeded(state: SandboxState): {
  state: SandboxState;
  changes: StoreChanges;
} {
  const keep = state.limits.historyRevisions;
  const { revision, compactRevision } = state.store;
  if (revision - compactRevision <= 2 * keep || !hasQuorum(state.etcd)) {
    return { state, changes: noChanges(state.store) };
  }
  const writer = new StoreWriter(state.store, state.time);
  writer.compact(revision - keep);
  const changes = writer.commit();
  return { state: { ...state, store: changes.state }, changes };
}
