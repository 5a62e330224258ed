// NodeResourcesBalancedAllocation (weight 1): favours nodes whose cpu and memory would be used
// in similar proportions after placing the pod (1 - standard deviation of the fractions).
import {
  V_ALLOC_CPU,
  V_ALLOC_MEMORY,
  V_REQ_CPU,
  V_REQ_MEMORY,
  type NodeInfo,
} from "../../framework/node-info";
import { MAX_NODE_SCORE, type CycleContext, type ScorePlugin } from "../../framework/plugin";
import { P_CPU, P_MEMORY, type PodInfo } from "../../framework/pod-info";

export const NODE_RESOURCES_BALANCED_ALLOCATION = "NodeResourcesBalancedAllocation";

/** balancedResourceScorer over (requested, allocatable) pairs. */
export function balancedResourceScore(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const fraction = Math.min(requested[i]! / allocatable[i]!, 1);
    total += fraction;
    fractions.push(fraction);
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export class NodeResourcesBalancedAllocation implements ScorePlugin {
  readonly name = NODE_RESOURCES_BALANCED_ALLOCATION;

  scoreNodes(ctx: CycleContext, pod: PodInfo, nodes: readonly NodeInfo[], out: number[]): void {
    for (let i = 0; i < nodes.length; i++) out[i] = this.score(ctx, pod, nodes[i]!);
  }

  /** Uses the actual requests (useRequested), not the scoring defaults LeastAllocated uses. */
  score(_ctx: CycleContext, pod: PodInfo, nodeInfo: NodeInfo): number {
    const n = nodeInfo.vec;
    const p = pod.vec;
    const allocCPU = n[V_ALLOC_CPU]!;
    const allocMemory = n[V_ALLOC_MEMORY]!;
    // The common cpu+memory case without arrays: std = |f1 − f2| / 2.
    if (allocCPU !== 0 && allocMemory !== 0) {
      const cpu = Math.min((n[V_REQ_CPU]! + p[P_CPU]!) / allocCPU, 1);
      const memory = Math.min((n[V_REQ_MEMORY]! + p[P_MEMORY]!) / allocMemory, 1);
      return Math.trunc((1 - Math.abs((cpu - memory) / 2)) * MAX_NODE_SCORE);
    }
    return balancedResourceScore(
      [n[V_REQ_CPU]! + p[P_CPU]!, n[V_REQ_MEMORY]! + p[P_MEMORY]!],
      [allocCPU, allocMemory],
    );
  }
}
