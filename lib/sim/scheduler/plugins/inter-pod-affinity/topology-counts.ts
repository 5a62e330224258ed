// topologyToMatchedTermCount: "key=value" topology pair → number of matching pods/terms.
import type { Labels } from "../../framework/label-matcher";
import { termMatches, type AffinityTerm, type PodInfo } from "../../framework/pod-info";

export class TopologyCounts {
  readonly counts = new Map<string, number>();

  static pairKey(key: string, value: string): string {
    return `${key}\u0000${value}`;
  }

  get size(): number {
    return this.counts.size;
  }

  get(key: string, value: string): number {
    return this.counts.get(TopologyCounts.pairKey(key, value)) ?? 0;
  }

  /** Adds `delta` to the node's pair for `topologyKey`, dropping pairs that reach zero. */
  update(nodeLabels: Labels, topologyKey: string, delta: number): void {
    if (!nodeLabels || !Object.prototype.hasOwnProperty.call(nodeLabels, topologyKey)) return;
    const pair = TopologyCounts.pairKey(topologyKey, nodeLabels[topologyKey]!);
    const next = (this.counts.get(pair) ?? 0) + delta;
    if (next === 0) this.counts.delete(pair);
    else this.counts.set(pair, next);
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

  clone(): TopologyCounts {
    const copy = new TopologyCounts();
    for (const [k, v] of this.counts) copy.counts.set(k, v);
    return copy;
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
