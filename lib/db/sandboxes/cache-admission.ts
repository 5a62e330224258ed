// Which sandbox copies the cache (cache.ts) keeps when they do not all fit in its budget:
// TinyLFU-style admission on top of the cache's LRU order (issue #11). Plain LRU under a
// class's round-robin access was a cliff: with a budget below the working set, the copy
// dropped was always the one used next, so every command loaded its sandbox whole (100 %
// whole loads at 0.59-0.81 of the working set, app CPU per command 12-20 times). Here a copy
// offered to a full cache (loaded whole after a miss, or just created) is kept only if its
// sandbox is used clearly more often than the copies it would push out, and the copies
// pushed out are the least often used: a class whose copies do not all fit keeps a stable
// part of them cached (hit rate about the budget's share of the working set) instead of none,
// and a one-off pass over many sandboxes (an instructor opening each learner's, a burst of
// new lab sandboxes) does not flush the copies in use.
//
// No npm cache fit: the byte weights change as a copy is used and shed (cache.ts sheds
// decodes before dropping a copy), copies in use must stay, and the cache needs its own LRU
// order for the idle sweep; lru-cache is LRU only, the LFU/SIEVE packages are entry-counted.

/**
 * A counter saturates here (TinyLFU's 4-bit counters): a sandbox used all day is not worth
 * more than one used steadily for the last minutes, so a new class overtakes a class that
 * has gone home within a few halvings, not hours.
 */
export const MAX_USES = 15;

/**
 * How often each sandbox was used lately (a command or a request run on it), halved every
 * `sample()` uses so the counts follow what the learners do now. Exact counts in a Map
 * rather than a count-min sketch: a worker sees a few hundred to a few thousand sandboxes,
 * and halving drops the ids that reach 0, so the map holds at most about `sample()` ids.
 */
export class UseFrequency {
  private readonly counts = new Map<string, number>();
  private uses = 0;

  constructor(private readonly sample: () => number) {}

  record(id: string): void {
    const n = this.counts.get(id) ?? 0;
    if (n < MAX_USES) this.counts.set(id, n + 1);
    if (++this.uses >= this.sample()) this.halve();
  }

  of(id: string): number {
    return this.counts.get(id) ?? 0;
  }

  /** Ids counted (for tests: the map stays bounded). */
  get size(): number {
    return this.counts.size;
  }

  private halve(): void {
    for (const [id, n] of this.counts) {
      if (n < 2) this.counts.delete(id);
      else this.counts.set(id, n >> 1);
    }
    this.uses = 0;
  }
}

/**
 * Whether a copy used `candidate` times lately may push out copies used at most `victims`
 * times. It must beat them by more than one use: under round-robin access the candidate has
 * just been counted for this round while the copies not yet reached this round have not, so
 * "more than" alone would let every missed copy in, each pushing out the next one to be
 * used: LRU's cliff again.
 */
export function admits(candidate: number, victims: number): boolean {
  return candidate > victims + 1;
}

/**
 * The ids in the order they should go: least used first, and among equals the least
 * recently used (`lruOrder` is least recent first); `eligible` leaves out the copies that
 * must stay.
 */
export function evictionOrder(
  lruOrder: Iterable<string>,
  frequency: (id: string) => number,
  eligible: (id: string) => boolean,
): string[] {
  const ids: { id: string; uses: number; at: number }[] = [];
  let at = 0;
  for (const id of lruOrder) if (eligible(id)) ids.push({ id, uses: frequency(id), at: at++ });
  ids.sort((a, b) => a.uses - b.uses || a.at - b.at);
  return ids.map((e) => e.id);
}
