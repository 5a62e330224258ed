// NodeResourcesFit (weight 1): Filter checks the pod's requests against what is left of the
// node's allocatable; Score is the LeastAllocated strategy, kube-scheduler's default, favouring
// nodes with more room left (cpu and memory weighted 1:1).
import {
  V_ALLOC_CPU,
  V_ALLOC_EPHEMERAL,
  V_ALLOC_MEMORY,
  V_ALLOWED_PODS,
  V_NONZERO_CPU,
  V_NONZERO_MEMORY,
  V_REQ_CPU,
  V_REQ_EPHEMERAL,
  V_REQ_MEMORY,
  type NodeInfo,
} from "../../framework/node-info";
import {
  MAX_NODE_SCORE,
  type CycleContext,
  type FilterPlugin,
  type ScorePlugin,
} from "../../framework/plugin";
import {
  P_CPU,
  P_EPHEMERAL,
  P_MEMORY,
  P_NONZERO_CPU,
  P_NONZERO_MEMORY,
  type PodInfo,
} from "../../framework/pod-info";
import { unschedulable, type MaybeStatus } from "../../framework/status";

export const NODE_RESOURCES_FIT = "NodeResourcesFit";

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** fitsRequest: every resource the pod cannot get on this node, in kube-scheduler's order. */
export function insufficientResources(pod: PodInfo, nodeInfo: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) {
    out.push({
      resourceName: "pods",
      reason: "Too many pods",
      requested: 1,
      used: nodeInfo.pods.length,
      capacity: alloc.allowedPodNumber,
    });
  }
  const req = pod.requests;
  if (
    req.milliCPU === 0 &&
    req.memory === 0 &&
    req.ephemeralStorage === 0 &&
    req.scalars.size === 0
  ) {
    return out;
  }
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) {
    out.push({
      resourceName: "cpu",
      reason: "Insufficient cpu",
      requested: req.milliCPU,
      used: used.milliCPU,
      capacity: alloc.milliCPU,
    });
  }
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) {
    out.push({
      resourceName: "memory",
      reason: "Insufficient memory",
      requested: req.memory,
      used: used.memory,
      capacity: alloc.memory,
    });
  }
  if (
    req.ephemeralStorage > 0 &&
    req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage
  ) {
    out.push({
      resourceName: "ephemeral-storage",
      reason: "Insufficient ephemeral-storage",
      requested: req.ephemeralStorage,
      used: used.ephemeralStorage,
      capacity: alloc.ephemeralStorage,
    });
  }
  for (const name of scalarNames(pod)) {
    const quantity = req.scalars.get(name)!;
    if (quantity === 0) continue;
    const capacity = alloc.scalars.get(name) ?? 0;
    const inUse = used.scalars.get(name) ?? 0;
    if (quantity > capacity - inUse) {
      out.push({
        resourceName: name,
        reason: `Insufficient ${name}`,
        requested: quantity,
        used: inUse,
        capacity,
      });
    }
  }
  return out;
}

const sortedScalarNames = new WeakMap<PodInfo, string[]>();

/** Extended resource names in a stable order (Go ranges a map; we sort once per pod). */
function scalarNames(pod: PodInfo): string[] {
  let names = sortedScalarNames.get(pod);
  if (!names) sortedScalarNames.set(pod, (names = [...pod.requests.scalars.keys()].sort()));
  return names;
}

/** The allocation-free check the hot path uses; insufficientResources explains a failure. */
export function fitsRequest(pod: PodInfo, nodeInfo: NodeInfo): boolean {
  const n = nodeInfo.vec;
  const p = pod.vec;
  if (nodeInfo.pods.length + 1 > n[V_ALLOWED_PODS]!) return false;
  const cpu = p[P_CPU]!;
  if (cpu > 0 && cpu > n[V_ALLOC_CPU]! - n[V_REQ_CPU]!) return false;
  const memory = p[P_MEMORY]!;
  if (memory > 0 && memory > n[V_ALLOC_MEMORY]! - n[V_REQ_MEMORY]!) return false;
  const ephemeral = p[P_EPHEMERAL]!;
  if (ephemeral > 0 && ephemeral > n[V_ALLOC_EPHEMERAL]! - n[V_REQ_EPHEMERAL]!) return false;
  const scalars = pod.requests.scalars;
  if (scalars.size > 0) {
    const alloc = nodeInfo.allocatable.scalars;
    const used = nodeInfo.requested.scalars;
    for (const [name, quantity] of scalars) {
      if (quantity === 0) continue;
      if (quantity > (alloc.get(name) ?? 0) - (used.get(name) ?? 0)) return false;
    }
  }
  return true;
}

/** leastRequestedScore: the share of capacity left, 0..100 (integer division as in Go). */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export class NodeResourcesFit implements FilterPlugin, ScorePlugin {
  readonly name = NODE_RESOURCES_FIT;

  filterNodes(
    ctx: CycleContext,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    out: MaybeStatus[],
  ): void {
    for (let i = 0; i < nodes.length; i++)
      if (out[i] === null) out[i] = this.filter(ctx, pod, nodes[i]!);
  }

  filter(_ctx: CycleContext, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    if (fitsRequest(pod, nodeInfo)) return null;
    const missing = insufficientResources(pod, nodeInfo);
    if (missing.length === 0) return null;
    return unschedulable(...missing.map((m) => m.reason));
  }

  scoreNodes(ctx: CycleContext, pod: PodInfo, nodes: readonly NodeInfo[], out: number[]): void {
    for (let i = 0; i < nodes.length; i++) out[i] = this.score(ctx, pod, nodes[i]!);
  }

  /**
   * LeastAllocated over cpu and memory with the non-zero defaults (100m, 200Mi) for containers
   * that request nothing, so empty pods still spread.
   */
  score(_ctx: CycleContext, pod: PodInfo, nodeInfo: NodeInfo): number {
    const n = nodeInfo.vec;
    const p = pod.vec;
    const allocCPU = n[V_ALLOC_CPU]!;
    const allocMemory = n[V_ALLOC_MEMORY]!;
    let total = 0;
    let weights = 0;
    if (allocCPU !== 0) {
      total += leastRequestedScore(n[V_NONZERO_CPU]! + p[P_NONZERO_CPU]!, allocCPU);
      weights += 1;
    }
    if (allocMemory !== 0) {
      total += leastRequestedScore(n[V_NONZERO_MEMORY]! + p[P_NONZERO_MEMORY]!, allocMemory);
      weights += 1;
    }
    return weights === 0 ? 0 : Math.trunc(total / weights);
  }
}
