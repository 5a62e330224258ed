// topologyToMatchedTermCount: "key=value" topology pair → number of matching pods/terms,
// on the counting shared with PodTopologySpread (framework/topology-pairs.ts).
import type { Labels } from "../../framework/label-matcher";
import { termMatches, type AffinityTerm, type PodInfo } from "../../framework/pod-info";
import { TopologyPairCounts } from "../../framework/topology-pairs";

export class TopologyCounts {
  constructor(readonly pairs = new TopologyPairCounts(true)) {}

  get size(): number {
    return this.pairs.size;
  }

  get(key: string, value: string): number {
    return this.pairs.get(key, value);
  }

  /** Adds `delta` to the node's pair for `topologyKey`, dropping pairs that reach zero. */
  update(nodeLabels: Labels, topologyKey: string, delta: number): void {
    this.pairs.addForNode(nodeLabels, topologyKey, delta);
  }

  /** updateWithAffinityTerms: counts the pod once per term only if it matches ALL terms. */
  updateWithAffinityTerms(
    terms: readonly AffinityTerm[],
    pod: PodInfo,
    namespaceLabels: Labels,
    nodeLabels: Labels,
    delta: number,
  ): void {
    if (!podMatchesAllAffinityTerms(terms, pod, namespaceLabels)) return;
    for (const term of terms) this.update(nodeLabels, term.topologyKey, delta);
  }

  /** updateWithAntiAffinityTerms: counts the pod for each anti-affinity term it matches. */
  updateWithAntiAffinityTerms(
    terms: readonly AffinityTerm[],
    pod: PodInfo,
    namespaceLabels: Labels,
    nodeLabels: Labels,
    delta: number,
  ): void {
    for (const term of terms) {
      if (termMatches(term, pod, namespaceLabels)) this.update(nodeLabels, term.topologyKey, delta);
    }
  }

  /** Whether any of the node's labels is a pair with a count (existing pods' anti-affinity). */
  anyForNode(nodeLabels: Labels): boolean {
    for (const key in nodeLabels ?? {}) if (this.pairs.get(key, nodeLabels![key]!) > 0) return true;
    return false;
  }

  clone(): TopologyCounts {
    return new TopologyCounts(this.pairs.clone());
  }
}

export function podMatchesAllAffinityTerms(
  terms: readonly AffinityTerm[],
  pod: PodInfo,
  namespaceLabels: Labels,
): boolean {
  if (terms.length === 0) return false;
  return terms.every((term) => termMatches(term, pod, namespaceLabels));
}
