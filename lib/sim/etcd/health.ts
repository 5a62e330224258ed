// Per-member health and status, the data behind `etcdctl endpoint health|status`
// and `etcdctl member list`.

import { ETCD_VERSION, type EtcdCluster, type EtcdMember } from "./cluster";
import { EtcdUnavailableError } from "./errors";

export interface MemberHealth {
  endpoint: string;
  health: boolean;
  /** etcdctl prints "<endpoint> is unhealthy: <error>" when set. */
  error?: string;
}

export interface MemberStatus {
  endpoint: string;
  id: string;
  version: string;
  dbSize: number;
  /** Member id of the leader as this member sees it, "0" when it knows none. */
  leader: string;
  isLeader: boolean;
  isLearner: boolean;
  raftTerm: number;
  raftIndex: number;
  raftAppliedIndex: number;
  errors: string[];
}

function onLeaderSide(cluster: EtcdCluster, m: EtcdMember): boolean {
  if (!cluster.leaderId || !m.running) return false;
  const leader = cluster.members.find((x) => x.id === cluster.leaderId)!;
  return m.id === leader.id || (!m.partitioned && !leader.partitioned);
}

/** `endpoint health` does a linearizable read, so it fails without a quorum. */
export function memberHealth(cluster: EtcdCluster, m: EtcdMember): MemberHealth {
  if (onLeaderSide(cluster, m)) return { endpoint: m.clientURL, health: true };
  return {
    endpoint: m.clientURL,
    health: false,
    error: new EtcdUnavailableError("unhealthy").message,
  };
}

/** `endpoint status` is answered locally; a stopped member cannot answer at all (undefined). */
export function memberStatus(
  cluster: EtcdCluster,
  m: EtcdMember,
  dbSize: number,
): MemberStatus | undefined {
  if (!m.running) return undefined;
  const knowsLeader = onLeaderSide(cluster, m);
  return {
    endpoint: m.clientURL,
    id: m.id,
    version: ETCD_VERSION,
    dbSize,
    leader: knowsLeader ? cluster.leaderId! : "0",
    isLeader: cluster.leaderId === m.id,
    isLearner: false,
    raftTerm: m.term,
    raftIndex: m.appliedIndex,
    raftAppliedIndex: m.appliedIndex,
    errors: knowsLeader ? [] : [new EtcdUnavailableError("no-leader").message],
  };
}
