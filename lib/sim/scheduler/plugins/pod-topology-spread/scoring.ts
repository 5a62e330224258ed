// PodTopologySpread's PreScore/Score/NormalizeScore for ScheduleAnyway constraints: nodes in
// domains with fewer matching pods score higher. System default constraints (which need the
// pod's Services/ReplicaSets) are not modelled: pods without constraints skip this scoring.
import { LABEL_HOSTNAME } from "../../api-types";
import type { StateData } from "../../framework/cycle-state";
import type { NodeInfo } from "../../framework/node-info";
import { MAX_NODE_SCORE, type CycleContext } from "../../framework/plugin";
import type { PodInfo } from "../../framework/pod-info";
import { SKIP, type MaybeStatus } from "../../framework/status";
import { requiredNodeAffinity } from "../node-affinity/required-node-affinity";
import {
  compileConstraints,
  countMatchingPods,
  nodeHasAllTopologyKeys,
  nodeIncluded,
  type Constraint,
} from "./constraints";
import { TopologyPairCounts, topologyValue } from "../../framework/topology-pairs";

const PRE_SCORE_KEY = "PreScorePodTopologySpread";

class PreScoreState implements StateData {
  constructor(
    readonly constraints: readonly Constraint[],
    readonly ignoredNodes: ReadonlySet<string>,
    readonly pairCounts: TopologyPairCounts,
    readonly normalizingWeights: readonly number[],
  ) {}
  clone(): StateData {
    return this;
  }
}

export function topologySpreadPreScore(
  ctx: CycleContext,
  pod: PodInfo,
  filteredNodes: readonly NodeInfo[],
): MaybeStatus {
  if (filteredNodes.length === 0) return null;
  const constraints = compileConstraints(pod.pod, "ScheduleAnyway");
  if (constraints.length === 0) return SKIP;
  const ignored = new Set<string>();
  const counts = new TopologyPairCounts(false);
  const topoSize = constraints.map(() => 0);
  for (const node of filteredNodes) {
    if (!nodeHasAllTopologyKeys(node, constraints)) {
      ignored.add(node.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME) return;
      const value = node.labels![c.topologyKey]!;
      if (!counts.has(c.topologyKey, value)) {
        counts.add(c.topologyKey, value, 0);
        topoSize[i]!++;
      }
    });
  }
  const weights = constraints.map((c, i) => {
    const size =
      c.topologyKey === LABEL_HOSTNAME ? filteredNodes.length - ignored.size : topoSize[i]!;
    return Math.log(size + 2);
  });
  const required = requiredNodeAffinity(pod.pod);
  for (const node of ctx.snapshot.nodeInfos) {
    if (!nodeHasAllTopologyKeys(node, constraints)) continue;
    for (const c of constraints) {
      if (!nodeIncluded(c, pod, node, required)) continue;
      const value = node.labels![c.topologyKey]!;
      // Only domains of the filtered nodes count.
      if (!counts.has(c.topologyKey, value)) continue;
      counts.add(c.topologyKey, value, countMatchingPods(node.pods, c.selector, pod.namespace));
    }
  }
  ctx.state.write(PRE_SCORE_KEY, new PreScoreState(constraints, ignored, counts, weights));
  return null;
}

export function topologySpreadScore(ctx: CycleContext, pod: PodInfo, node: NodeInfo): number {
  const state = ctx.state.read<PreScoreState>(PRE_SCORE_KEY);
  if (!state || state.ignoredNodes.has(node.name)) return 0;
  let score = 0;
  state.constraints.forEach((c, i) => {
    if (topologyValue(node.labels, c.topologyKey) === undefined) return;
    const count =
      c.topologyKey === LABEL_HOSTNAME
        ? countMatchingPods(node.pods, c.selector, pod.namespace)
        : state.pairCounts.forNode(node.labels, c.topologyKey);
    score += count * state.normalizingWeights[i]! + (c.maxSkew - 1);
  });
  // Go's math.Round rounds half away from zero; scores are never negative here.
  return Math.round(score);
}

export function topologySpreadNormalize(
  ctx: CycleContext,
  scores: number[],
  nodes: readonly NodeInfo[],
): void {
  const state = ctx.state.read<PreScoreState>(PRE_SCORE_KEY);
  if (!state) return;
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  nodes.forEach((node, i) => {
    if (state.ignoredNodes.has(node.name)) return;
    const s = scores[i]!;
    if (s < min) min = s;
    if (s > max) max = s;
  });
  nodes.forEach((node, i) => {
    if (state.ignoredNodes.has(node.name)) {
      scores[i] = 0;
      return;
    }
    if (max === 0) {
      scores[i] = MAX_NODE_SCORE;
      return;
    }
    scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i]!)) / max);
  });
}
