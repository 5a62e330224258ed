// The cluster picture: what the lab page draws from one sandbox state — the control
// plane (API servers, etcd members with the Raft leader, scheduler and controller-
// manager instances with the leader-Lease holder), the nodes with their pods and a
// status word per pod, and the pods no node holds yet. Pure: state in, plain data out.

import { currentLeader, type SandboxState } from "@/lib/sim";
import type { KubeObject } from "@/lib/sim/apiserver/object";
import { podSummary } from "@/lib/sim/apiserver/printers/pod";
import { listObjects } from "@/lib/sim/controllers/shared/cache";
import { leader as etcdLeader } from "@/lib/sim/etcd/cluster";
import { hasQuorum } from "@/lib/sim/etcd/cluster";

/** The colour family a status maps to; the UI also prints the status word (not colour alone). */
export type Tone = "ok" | "progress" | "warn" | "bad";

export interface PodCard {
  namespace: string;
  name: string;
  /** kubectl's STATUS column (Running, Pending, ContainerCreating, CrashLoopBackOff…). */
  status: string;
  ready: string;
  tone: Tone;
  node?: string;
  /** A kube-system control-plane static pod (etcd, kube-apiserver…). */
  controlPlane: boolean;
}

export interface NodeCard {
  name: string;
  /** Ready condition: "True", "False" or "Unknown". */
  ready: string;
  tone: Tone;
  roles: string[];
  unschedulable: boolean;
  taints: string[];
  pods: PodCard[];
}

export interface ComponentInstance {
  node: string;
  status: string;
  tone: Tone;
  leader: boolean;
}

export interface EtcdMemberCard {
  name: string;
  id: string;
  status: "started" | "stopped" | "partitioned";
  leader: boolean;
}

export interface ClusterPictureData {
  /** Virtual time the picture was taken at (ms). */
  time: number;
  revision: number;
  apiServers: ComponentInstance[];
  etcd: { members: EtcdMemberCard[]; quorum: boolean; leader: string | null };
  schedulers: ComponentInstance[];
  controllerManagers: ComponentInstance[];
  nodes: NodeCard[];
  /** Pods not bound to any node (Pending): the "왜 Pending?" candidates. */
  unscheduled: PodCard[];
}

export function statusTone(status: string): Tone {
  if (status === "Running" || status === "Completed" || status === "Succeeded") return "ok";
  if (status === "Pending" || status === "ContainerCreating" || status === "PodInitializing")
    return "progress";
  if (status === "Terminating" || status.startsWith("Init:")) return "warn";
  return "bad";
}

function podCard(pod: KubeObject, now: number): PodCard {
  const summary = podSummary(pod as Parameters<typeof podSummary>[0], now);
  const spec = (pod.spec ?? {}) as { nodeName?: string };
  const labels = pod.metadata.labels ?? {};
  return {
    namespace: pod.metadata.namespace ?? "default",
    name: pod.metadata.name ?? "",
    status: summary.status,
    ready: summary.ready,
    tone: statusTone(summary.status),
    ...(spec.nodeName ? { node: spec.nodeName } : {}),
    controlPlane: labels.tier === "control-plane",
  };
}

function nodeReady(node: KubeObject): string {
  const conditions = ((node.status ?? {}) as { conditions?: { type: string; status: string }[] })
    .conditions;
  return conditions?.find((c) => c.type === "Ready")?.status ?? "Unknown";
}

function nodeCard(node: KubeObject, pods: PodCard[]): NodeCard {
  const spec = (node.spec ?? {}) as {
    unschedulable?: boolean;
    taints?: { key: string; value?: string; effect: string }[];
  };
  const ready = nodeReady(node);
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((l) => l.startsWith("node-role.kubernetes.io/"))
    .map((l) => l.slice("node-role.kubernetes.io/".length));
  return {
    name: node.metadata.name ?? "",
    ready,
    tone: ready === "True" ? (spec.unschedulable ? "warn" : "ok") : "bad",
    roles,
    unschedulable: !!spec.unschedulable,
    taints: (spec.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`),
    pods: pods
      .filter((p) => p.node === node.metadata.name)
      .sort((a, b) =>
        a.namespace === b.namespace
          ? a.name.localeCompare(b.name)
          : a.namespace.localeCompare(b.namespace),
      ),
  };
}

function instances(
  pods: PodCard[],
  component: string,
  leaderNode: string | undefined,
): ComponentInstance[] {
  return pods
    .filter(
      (p) => p.controlPlane && p.namespace === "kube-system" && p.name.startsWith(`${component}-`),
    )
    .map((p) => ({
      node: p.node ?? "",
      status: p.status,
      tone: p.tone,
      leader: leaderNode !== undefined && p.node === leaderNode,
    }))
    .sort((a, b) => a.node.localeCompare(b.node));
}

export function buildClusterPicture(state: SandboxState): ClusterPictureData {
  const now = state.time;
  const pods = listObjects(state, "", "pods").map((p) => podCard(p, now));
  const nodes = listObjects(state, "", "nodes").map((n) => nodeCard(n, pods));
  const known = new Set(nodes.map((n) => n.name));
  const leaderMember = etcdLeader(state.etcd);
  return {
    time: now,
    revision: state.store.revision,
    apiServers: instances(pods, "kube-apiserver", undefined),
    etcd: {
      members: state.etcd.members.map((m) => ({
        name: m.name,
        id: m.id,
        status: !m.running ? "stopped" : m.partitioned ? "partitioned" : "started",
        leader: m.id === leaderMember?.id,
      })),
      quorum: hasQuorum(state.etcd),
      leader: leaderMember?.name ?? null,
    },
    schedulers: instances(
      pods,
      "kube-scheduler",
      currentLeader(state, "kube-scheduler", now)?.node,
    ),
    controllerManagers: instances(
      pods,
      "kube-controller-manager",
      currentLeader(state, "kube-controller-manager", now)?.node,
    ),
    nodes,
    unscheduled: pods.filter((p) => !p.node || !known.has(p.node)),
  };
}
