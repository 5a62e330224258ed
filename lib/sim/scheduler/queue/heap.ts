// A binary heap keyed by "namespace/name" (like kube-scheduler's internal/heap), so pods can be
// updated or deleted in place in O(log n). Each entry carries its own position, so sifting
// touches no map; the key map is only used to find an entry.

interface Entry<T> {
  key: string;
  item: T;
  pos: number;
}

export class KeyedHeap<T> {
  private entries: Entry<T>[] = [];
  private byKey = new Map<string, Entry<T>>();

  constructor(
    private readonly keyOf: (item: T) => string,
    /** true when a should come out before b */
    private readonly less: (a: T, b: T) => boolean,
  ) {}

  get size(): number {
    return this.entries.length;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get(key: string): T | undefined {
    return this.byKey.get(key)?.item;
  }

  peek(): T | undefined {
    return this.entries[0]?.item;
  }

  /** Adds or replaces the item with the same key. */
  push(item: T): void {
    const key = this.keyOf(item);
    const existing = this.byKey.get(key);
    if (existing) {
      existing.item = item;
      this.fix(existing.pos);
      return;
    }
    const entry: Entry<T> = { key, item, pos: this.entries.length };
    this.entries.push(entry);
    this.byKey.set(key, entry);
    this.up(entry.pos);
  }

  pop(): T | undefined {
    if (this.entries.length === 0) return undefined;
    return this.removeAt(0);
  }

  delete(key: string): T | undefined {
    const entry = this.byKey.get(key);
    return entry ? this.removeAt(entry.pos) : undefined;
  }

  list(): T[] {
    return this.entries.map((e) => e.item);
  }

  private removeAt(i: number): T {
    const entry = this.entries[i]!;
    const last = this.entries.pop()!;
    this.byKey.delete(entry.key);
    if (i < this.entries.length) {
      this.entries[i] = last;
      last.pos = i;
      this.fix(i);
    }
    return entry.item;
  }

  private fix(i: number): void {
    if (!this.down(i)) this.up(i);
  }

  private swap(i: number, j: number): void {
    const a = this.entries[i]!;
    const b = this.entries[j]!;
    this.entries[i] = b;
    this.entries[j] = a;
    b.pos = i;
    a.pos = j;
  }

  private lessAt(i: number, j: number): boolean {
    return this.less(this.entries[i]!.item, this.entries[j]!.item);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.lessAt(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i0: number): boolean {
    let i = i0;
    const n = this.entries.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let j = l;
      const r = l + 1;
      if (r < n && this.lessAt(r, l)) j = r;
      if (!this.lessAt(j, i)) break;
      this.swap(i, j);
      i = j;
    }
    return i > i0;
  }
}
