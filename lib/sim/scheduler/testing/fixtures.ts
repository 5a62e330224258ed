// Builders for Node/Pod objects and a one-call way to run a plugin, shared by the tests.
import type { Container, Node, NodeSpec, NodeStatus, Pod, PodSpec } from "../api-types";
import { CycleState } from "../framework/cycle-state";
import type { CycleContext, Plugin } from "../framework/plugin";
import { isFilter, isPreFilter, isPreScore, isScore } from "../framework/plugin";
import { podInfoOf } from "../framework/pod-info";
import { Snapshot } from "../framework/snapshot";
import { Code, type MaybeStatus } from "../framework/status";

export interface NodeOptions {
  labels?: Record<string, string>;
  cpu?: string;
  memory?: string;
  pods?: string;
  allocatable?: Record<string, string>;
  spec?: NodeSpec;
  images?: NodeStatus["images"];
}

export function makeNode(name: string, o: NodeOptions = {}): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...o.labels } },
    spec: o.spec ?? {},
    status: {
      allocatable: {
        cpu: o.cpu ?? "4",
        memory: o.memory ?? "8Gi",
        pods: o.pods ?? "110",
        ...o.allocatable,
      },
      ...(o.images ? { images: o.images } : {}),
    },
  };
}

export interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  requests?: Record<string, string>;
  nodeName?: string;
  priority?: number;
  startTime?: string;
  creationTimestamp?: string;
  spec?: Partial<PodSpec>;
  containers?: Container[];
  nominatedNodeName?: string;
}

export function makePod(name: string, o: PodOptions = {}): Pod {
  const containers: Container[] = o.containers ?? [
    { name: "app", image: "nginx:1.25", resources: o.requests ? { requests: o.requests } : {} },
  ];
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: o.namespace ?? "default",
      uid: `uid-${name}`,
      labels: o.labels ?? {},
      creationTimestamp: o.creationTimestamp ?? "2024-01-01T00:00:00Z",
    },
    spec: {
      containers,
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ...o.spec,
    },
    status: {
      ...(o.startTime ? { startTime: o.startTime } : {}),
      ...(o.nominatedNodeName ? { nominatedNodeName: o.nominatedNodeName } : {}),
    },
  };
}

export function context(snapshot: Snapshot): CycleContext {
  return { state: new CycleState(), snapshot };
}

/** Runs PreFilter (honouring Skip) then Filter for every node; returns node → verdict. */
export function filterAll(plugin: Plugin, pod: Pod, snapshot: Snapshot): Map<string, MaybeStatus> {
  const ctx = context(snapshot);
  const info = podInfoOf(pod);
  let skipped = false;
  if (isPreFilter(plugin)) {
    const status = plugin.preFilter(ctx, info);
    if (status?.code === Code.Skip) skipped = true;
    else if (status !== null) {
      return new Map(snapshot.nodeInfos.map((n) => [n.name, status]));
    }
  }
  const out = new Map<string, MaybeStatus>();
  for (const node of snapshot.nodeInfos) {
    out.set(node.name, skipped || !isFilter(plugin) ? null : plugin.filter(ctx, info, node));
  }
  return out;
}

/** Reasons per node ("" when the node passed), for compact assertions. */
export function filterReasons(
  plugin: Plugin,
  pod: Pod,
  snapshot: Snapshot,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [node, status] of filterAll(plugin, pod, snapshot))
    out[node] = status?.message() ?? "";
  return out;
}

/** Runs PreScore/Score/NormalizeScore over all nodes; null when PreScore said Skip. */
export function scoreAll(
  plugin: Plugin,
  pod: Pod,
  snapshot: Snapshot,
): { raw: Record<string, number>; normalized: Record<string, number> } | null {
  const ctx = context(snapshot);
  const info = podInfoOf(pod);
  const nodes = snapshot.nodeInfos;
  if (isPreScore(plugin) && plugin.preScore(ctx, info, nodes)?.code === Code.Skip) return null;
  if (!isScore(plugin)) throw new Error(`${plugin.name} does not score`);
  const raw = nodes.map((n) => plugin.score(ctx, info, n));
  const normalized = raw.slice();
  plugin.normalizeScore?.(ctx, info, normalized, nodes);
  const byName = (values: number[]): Record<string, number> =>
    Object.fromEntries(nodes.map((n, i) => [n.name, values[i]!]));
  return { raw: byName(raw), normalized: byName(normalized) };
}

export function snapshotOf(nodes: Node[], pods: Pod[] = []): Snapshot {
  return new Snapshot({ nodes, pods });
}
