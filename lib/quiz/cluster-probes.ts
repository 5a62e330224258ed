// The live answers of "cluster" questions, read from the learner's sandbox state
// on the server at grading time — the same objects kubectl/etcdctl show them.
// Pure: the caller loads the state (lib/quiz/attempts/cluster-truths.ts).

import { currentLeader, type SandboxState } from "@/lib/sim";
import { listObjects } from "@/lib/sim/controllers/shared/cache";
import type { ClusterTruth } from "./grading/grade-question";
import type { ClusterProbe } from "./schema/quiz-schema";

/** Typed when the thing asked about does not exist right now (no leader, …). */
const NONE = ["없음", "none", "no leader"];

function leaderTruth(
  state: SandboxState,
  component: "kube-scheduler" | "kube-controller-manager",
): ClusterTruth {
  const leader = currentLeader(state, component, state.time);
  // `kubectl get lease` shows the holder identity "<node>_<uid>": the node or the
  // whole identity is right.
  return leader
    ? { value: leader.node, accepted: [leader.node, leader.identity] }
    : { value: null, accepted: NONE };
}

function readyNodes(state: SandboxState): number {
  return listObjects(state, "", "nodes").filter((n) => {
    const conditions = (n.status as { conditions?: { type?: string; status?: string }[] })
      ?.conditions;
    return conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
  }).length;
}

export function probeCluster(state: SandboxState, probe: ClusterProbe): ClusterTruth {
  switch (probe) {
    case "scheduler-leader-node":
      return leaderTruth(state, "kube-scheduler");
    case "controller-manager-leader-node":
      return leaderTruth(state, "kube-controller-manager");
    case "etcd-leader-member": {
      const m = state.etcd.members.find((x) => x.id === state.etcd.leaderId);
      // `etcdctl member list` prints the name and the hex id; either names the member.
      return m ? { value: m.name, accepted: [m.name, m.id] } : { value: null, accepted: NONE };
    }
    case "etcd-member-count": {
      const n = String(state.etcd.members.length);
      return { value: n, accepted: [n] };
    }
    case "ready-node-count": {
      const n = String(readyNodes(state));
      return { value: n, accepted: [n] };
    }
  }
}
