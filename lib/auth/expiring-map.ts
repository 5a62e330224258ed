// A bounded map whose entries expire: the session caches (decoded tokens, subjects
// per header pair) keep answers for a short while and must never grow without bound,
// whatever a client sends. When full, expired entries go first; if all are live, the
// oldest inserted (Map order) makes room.
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  /** The value kept under `key` while `now` is before its `until`; an expired entry is dropped. */
  get(key: string, now: number): V | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    if (hit.until > now) return hit.value;
    this.entries.delete(key);
    return undefined;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Keeps `value` until the wall-clock ms `until`. */
  set(key: string, value: V, until: number, now: number): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      for (const [k, e] of this.entries) if (e.until <= now) this.entries.delete(k);
      if (this.entries.size >= this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    this.entries.set(key, { value, until });
  }
}
