// The etcd *cluster*: members, Raft term and leader, quorum. Not a Raft
// implementation - a faithful model of its observable outcomes: who leads, at
// which term, whether a proposal can commit, what each member reports.

import type { Rng } from "../random";

export interface EtcdMember {
  /** 16 hex digits, as `etcdctl member list` prints. */
  readonly id: string;
  readonly name: string;
  readonly peerURL: string;
  readonly clientURL: string;
  readonly running: boolean;
  /** Cut off from every other member (its own side of a network partition). */
  readonly partitioned: boolean;
  /** The Raft term this member last saw. */
  readonly term: number;
  /** Raft index this member has applied (it lags while stopped or partitioned). */
  readonly appliedIndex: number;
}

export interface EtcdCluster {
  readonly clusterId: string;
  readonly members: readonly EtcdMember[];
  /** Member id of the leader, or null while no side has a quorum. */
  readonly leaderId: string | null;
  /** Raft index of the newest committed entry. */
  readonly raftIndex: number;
}

/** etcd version kubeadm 1.28 deploys (constants.DefaultEtcdVersion). */
export const ETCD_VERSION = "3.5.9";

export interface MemberSpec {
  name: string;
  /** Host or IP the member listens on, e.g. "192.168.56.10". */
  address: string;
}

export function quorumSize(memberCount: number): number {
  return Math.floor(memberCount / 2) + 1;
}

/** Failures the cluster tolerates while still committing writes (the seed's quorum table). */
export function faultTolerance(memberCount: number): number {
  return memberCount - quorumSize(memberCount);
}

export function createCluster(specs: readonly MemberSpec[], rng: Rng): EtcdCluster {
  if (specs.length < 1 || specs.length > 7) {
    throw new RangeError("an etcd cluster here has 1 to 7 members");
  }
  const members = specs.map((s): EtcdMember => ({
    id: rng.hex(16),
    name: s.name,
    peerURL: `https://${s.address}:2380`,
    clientURL: `https://${s.address}:2379`,
    running: true,
    partitioned: false,
    // A fresh member campaigns once at startup: the first leader is elected in term 2.
    term: 2,
    appliedIndex: specs.length + 3,
  }));
  return {
    clusterId: rng.hex(16),
    members,
    leaderId: members[0]!.id,
    // Bootstrap entries: one ConfChange per member, the election, and cluster version.
    raftIndex: specs.length + 3,
  };
}

/** Members that can reach each other: every running, unpartitioned member is one side; a partitioned member is alone. */
function sides(cluster: EtcdCluster): EtcdMember[][] {
  const main = cluster.members.filter((m) => m.running && !m.partitioned);
  const isolated = cluster.members.filter((m) => m.running && m.partitioned).map((m) => [m]);
  return [main, ...isolated].filter((s) => s.length > 0);
}

function sideOf(cluster: EtcdCluster, id: string): EtcdMember[] | undefined {
  return sides(cluster).find((s) => s.some((m) => m.id === id));
}

export function hasQuorum(cluster: EtcdCluster): boolean {
  return cluster.leaderId !== null;
}

export function leader(cluster: EtcdCluster): EtcdMember | undefined {
  return cluster.members.find((m) => m.id === cluster.leaderId);
}

/** The current term: the highest any member has seen. */
export function currentTerm(cluster: EtcdCluster): number {
  return Math.max(...cluster.members.map((m) => m.term));
}

/**
 * Re-derives leadership after a membership or network change. The leader stays if
 * its side still has a quorum; otherwise the side with a quorum (at most one can)
 * elects the member with the most complete log (Raft's election restriction), in
 * a new term. With pre-vote (etcd's default since 3.5) a side without a quorum
 * does not bump its term.
 */
export function reconcileLeadership(cluster: EtcdCluster): EtcdCluster {
  const q = quorumSize(cluster.members.length);
  const current = cluster.leaderId ? sideOf(cluster, cluster.leaderId) : undefined;
  if (current && current.length >= q) return cluster;
  const winnerSide = sides(cluster).find((s) => s.length >= q);
  if (!winnerSide) return { ...cluster, leaderId: null };
  const candidate = [...winnerSide].sort((a, b) => b.appliedIndex - a.appliedIndex)[0]!;
  const term = currentTerm(cluster) + 1;
  const ids = new Set(winnerSide.map((m) => m.id));
  // A term change is itself a Raft entry (the new leader's empty append).
  const raftIndex = cluster.raftIndex + 1;
  return {
    ...cluster,
    leaderId: candidate.id,
    raftIndex,
    members: cluster.members.map((m) =>
      ids.has(m.id) ? { ...m, term, appliedIndex: raftIndex } : m,
    ),
  };
}

function updateMember(
  cluster: EtcdCluster,
  nameOrId: string,
  change: Partial<EtcdMember>,
): EtcdCluster {
  const target = findMember(cluster, nameOrId);
  if (!target) throw new RangeError(`etcd member "${nameOrId}" not found`);
  const members = cluster.members.map((m) => (m.id === target.id ? { ...m, ...change } : m));
  let next: EtcdCluster = { ...cluster, members };
  if (cluster.leaderId === target.id && (change.running === false || change.partitioned === true)) {
    next = { ...next, leaderId: null };
  }
  return catchUp(reconcileLeadership(next));
}

/** Members on the leader's side receive the log and term they missed. */
function catchUp(cluster: EtcdCluster): EtcdCluster {
  if (!cluster.leaderId) return cluster;
  const side = new Set((sideOf(cluster, cluster.leaderId) ?? []).map((m) => m.id));
  const term = leader(cluster)!.term;
  return {
    ...cluster,
    members: cluster.members.map((m) =>
      side.has(m.id) && (m.appliedIndex !== cluster.raftIndex || m.term !== term)
        ? { ...m, term, appliedIndex: cluster.raftIndex }
        : m,
    ),
  };
}

export function findMember(cluster: EtcdCluster, nameOrId: string): EtcdMember | undefined {
  return cluster.members.find((m) => m.name === nameOrId || m.id === nameOrId);
}

export const stopMember = (c: EtcdCluster, member: string) =>
  updateMember(c, member, { running: false });
export const startMember = (c: EtcdCluster, member: string) =>
  updateMember(c, member, { running: true });
export const partitionMember = (c: EtcdCluster, member: string) =>
  updateMember(c, member, { partitioned: true });
export const healMember = (c: EtcdCluster, member: string) =>
  updateMember(c, member, { partitioned: false });

/** A committed proposal: advances the Raft index on the leader's side. */
export function commitEntry(cluster: EtcdCluster, entries = 1): EtcdCluster {
  if (!cluster.leaderId) throw new RangeError("no leader: cannot commit");
  return (
    appendEntries(cluster, cluster.raftIndex + entries) ??
    catchUp({ ...cluster, raftIndex: cluster.raftIndex + entries })
  );
}

/**
 * commitEntry on every API write, without catchUp's side and id sets: the members that
 * receive the entry are the leader's side (every running, unpartitioned member, or the leader
 * alone when it is partitioned), each moved to the leader's term and the new index. New
 * objects are written as literals of the types' fields (no spread, no closure per write).
 * Returns undefined when there is no running leader member (catchUp decides then).
 */
function appendEntries(cluster: EtcdCluster, raftIndex: number): EtcdCluster | undefined {
  const members = cluster.members;
  let lead: EtcdMember | undefined;
  for (let i = 0; i < members.length; i++) {
    if (members[i]!.id === cluster.leaderId) lead = members[i];
  }
  if (!lead || !lead.running) return undefined;
  const term = lead.term;
  const next: EtcdMember[] = [];
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!;
    const onSide = lead.partitioned ? m === lead : m.running && !m.partitioned;
    next.push(
      onSide && (m.appliedIndex !== raftIndex || m.term !== term)
        ? {
            id: m.id,
            name: m.name,
            peerURL: m.peerURL,
            clientURL: m.clientURL,
            running: m.running,
            partitioned: m.partitioned,
            term,
            appliedIndex: raftIndex,
          }
        : m,
    );
  }
  return {
    clusterId: cluster.clusterId,
    members: next,
    leaderId: cluster.leaderId,
    raftIndex,
  };
}

/**
 * MemberAdd as `kubeadm join --control-plane` does it with stacked etcd: the new member
 * is a ConfChange entry on the leader's side, then starts and catches up to that entry.
 */
export function addMember(cluster: EtcdCluster, spec: MemberSpec, rng: Rng): EtcdCluster {
  if (cluster.members.length >= 7) throw new RangeError("an etcd cluster here has 1 to 7 members");
  const grown = commitEntry(cluster);
  const member: EtcdMember = {
    id: rng.hex(16),
    name: spec.name,
    peerURL: `https://${spec.address}:2380`,
    clientURL: `https://${spec.address}:2379`,
    running: true,
    partitioned: false,
    term: leader(grown)!.term,
    appliedIndex: grown.raftIndex,
  };
  return { ...grown, members: [...grown.members, member] };
}
