// InterPodAffinity's PreScore/Score/NormalizeScore: preferred (anti-)affinity of the incoming
// pod, plus existing pods' required affinity (hardPodAffinityWeight 1) and preferred terms that
// match it, summed per topology pair and min-max scaled to 0..100.
import type { StateData } from "../../framework/cycle-state";
import type { Labels } from "../../framework/label-matcher";
import type { NodeInfo } from "../../framework/node-info";
import { MAX_NODE_SCORE, type CycleContext } from "../../framework/plugin";
import { termMatches, type AffinityTerm, type PodInfo } from "../../framework/pod-info";
import { SKIP, type MaybeStatus } from "../../framework/status";
import { TopologyPairCounts } from "../../framework/topology-pairs";

/** InterPodAffinityArgs.HardPodAffinityWeight default. */
export const HARD_POD_AFFINITY_WEIGHT = 1;
const PRE_SCORE_KEY = "PreScoreInterPodAffinity";

class PreScoreState implements StateData {
  /** topology pair → score */
  constructor(readonly topologyScore: TopologyPairCounts) {}
  clone(): StateData {
    return this;
  }
}

function add(
  scores: TopologyPairCounts,
  term: AffinityTerm,
  weight: number,
  pod: PodInfo,
  namespaceLabels: Labels,
  nodeLabels: Labels,
): void {
  if (!termMatches(term, pod, namespaceLabels)) return;
  scores.addForNode(nodeLabels, term.topologyKey, weight);
}

export function interPodAffinityPreScore(ctx: CycleContext, pod: PodInfo): MaybeStatus {
  const hasConstraints =
    pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
  const snapshot = ctx.snapshot;
  if (!hasConstraints && snapshot.podsWithAffinityCount === 0) return SKIP;
  // Without preferred terms of its own, only nodes running pods with affinity can score.
  const nodes = hasConstraints ? snapshot.nodeInfos : snapshot.havePodsWithAffinityList();
  // Pairs whose weights cancel out stay: upstream keeps them, and a 0 adds nothing.
  const scores = new TopologyPairCounts(false);
  const podNs = snapshot.namespaceLabelsOf(pod.namespace);
  for (const node of nodes) {
    const labels = node.labels;
    if (!labels || Object.keys(labels).length === 0) continue;
    for (const existing of hasConstraints ? node.pods : node.podsWithAffinity) {
      const existingNs = snapshot.namespaceLabelsOf(existing.namespace);
      for (const t of pod.preferredAffinityTerms)
        add(scores, t, t.weight, existing, existingNs, labels);
      for (const t of pod.preferredAntiAffinityTerms) {
        add(scores, t, -t.weight, existing, existingNs, labels);
      }
      for (const t of existing.requiredAffinityTerms) {
        add(scores, t, HARD_POD_AFFINITY_WEIGHT, pod, podNs, labels);
      }
      for (const t of existing.preferredAffinityTerms) add(scores, t, t.weight, pod, podNs, labels);
      for (const t of existing.preferredAntiAffinityTerms)
        add(scores, t, -t.weight, pod, podNs, labels);
    }
  }
  // Nothing matched anywhere: every node would score 0, so the plugin sits this cycle out.
  if (scores.size === 0) return SKIP;
  ctx.state.write(PRE_SCORE_KEY, new PreScoreState(scores));
  return null;
}

export function interPodAffinityScore(ctx: CycleContext, node: NodeInfo): number {
  const state = ctx.state.read<PreScoreState>(PRE_SCORE_KEY);
  if (!state || !node.labels) return 0;
  return state.topologyScore.sumForNode(node.labels);
}

export function interPodAffinityNormalize(ctx: CycleContext, scores: number[]): void {
  const state = ctx.state.read<PreScoreState>(PRE_SCORE_KEY);
  if (!state || state.topologyScore.size === 0) return;
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) {
    if (s > max) max = s;
    if (s < min) min = s;
  }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) {
    scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i]! - min) / diff)) : 0;
  }
}
