// Decides whether a request can be served, by etcd's rules: a write is a Raft
// proposal and needs a leader with a quorum; a linearizable read needs a ReadIndex
// round, i.e. a quorum too; a serializable read is served by any running member
// from its local (possibly stale) copy.

import { type EtcdCluster, type EtcdMember, commitEntry, hasQuorum } from "./cluster";
import { EtcdUnavailableError } from "./errors";

export function requireWrite(cluster: EtcdCluster, entries = 1): EtcdCluster {
  if (!hasQuorum(cluster)) throw new EtcdUnavailableError("timeout");
  return entries > 0 ? commitEntry(cluster, entries) : cluster;
}

export function requireLinearizableRead(cluster: EtcdCluster): void {
  if (!hasQuorum(cluster)) throw new EtcdUnavailableError("timeout");
}

export function requireSerializableRead(cluster: EtcdCluster, member?: string): EtcdMember {
  const candidates = cluster.members.filter(
    (m) => m.running && (!member || m.name === member || m.id === member),
  );
  const served = candidates[0];
  if (!served) throw new EtcdUnavailableError("unhealthy");
  return served;
}
