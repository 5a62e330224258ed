// Counting per topology domain, shared by InterPodAffinity (topologyToMatchedTermCount) and
// PodTopologySpread (TpPairToMatchNum, the scoring pair counts): a "key=value" pair of node
// labels → how many matching pods (or terms) the domain holds.
import type { Labels } from "./label-matcher";

/** The node's value for a topology key, undefined when the node lacks the label. */
export function topologyValue(labels: Labels, key: string): string | undefined {
  if (!labels || !Object.prototype.hasOwnProperty.call(labels, key)) return undefined;
  return labels[key];
}

export function pairKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

export class TopologyPairCounts {
  private readonly counts: Map<string, number>;
  /** topologyKey → [minimum count, number of domains]; cleared on every change. */
  private minCache = new Map<string, readonly [number, number]>();

  constructor(
    /** InterPodAffinity forgets a pair whose count drops to 0; PodTopologySpread keeps domains. */
    private readonly dropZero: boolean,
    counts?: ReadonlyMap<string, number>,
  ) {
    this.counts = new Map(counts);
  }

  /** Pairs with an entry (domains known to PodTopologySpread, non-zero pairs otherwise). */
  get size(): number {
    return this.counts.size;
  }

  get(key: string, value: string): number {
    return this.counts.get(pairKey(key, value)) ?? 0;
  }

  has(key: string, value: string): boolean {
    return this.counts.has(pairKey(key, value));
  }

  /** The count of the node's domain for `key`; 0 when the node lacks the label. */
  forNode(labels: Labels, key: string): number {
    const value = topologyValue(labels, key);
    return value === undefined ? 0 : this.get(key, value);
  }

  /** Adds `delta` to the pair `key=value` (creating it, even at 0 when zeros are kept). */
  add(key: string, value: string, delta: number): void {
    const pair = pairKey(key, value);
    const next = (this.counts.get(pair) ?? 0) + delta;
    if (next === 0 && this.dropZero) this.counts.delete(pair);
    else this.counts.set(pair, next);
    this.minCache.clear();
  }

  /** Adds `delta` to the node's domain for `key`; nothing when the node lacks the label. */
  addForNode(labels: Labels, key: string, delta: number): void {
    const value = topologyValue(labels, key);
    if (value !== undefined) this.add(key, value, delta);
  }

  /** The smallest count over the domains of `key` and how many domains there are. */
  minOver(key: string): readonly [min: number, domains: number] {
    let cached = this.minCache.get(key);
    if (cached === undefined) {
      // math.MaxInt32 when no domain exists, as upstream.
      let min = 2147483647;
      let domains = 0;
      const prefix = `${key}\u0000`;
      for (const [pair, num] of this.counts) {
        if (!pair.startsWith(prefix)) continue;
        domains++;
        if (num < min) min = num;
      }
      cached = [min, domains] as const;
      this.minCache.set(key, cached);
    }
    return cached;
  }

  /** Sum over the node's labels of their domains' counts (each topology key counted once). */
  sumForNode(labels: Labels): number {
    let sum = 0;
    for (const key in labels ?? {}) sum += this.get(key, labels![key]!);
    return sum;
  }

  clone(): TopologyPairCounts {
    return new TopologyPairCounts(this.dropZero, this.counts);
  }
}
