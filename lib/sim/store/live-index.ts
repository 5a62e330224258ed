// The store's live keys in key order, as etcd's in-memory B-tree index keeps them. A B+ tree
// with copy-on-write cloning: a writer clones the index in O(1) and only the nodes it touches
// are copied, so a write costs O(log n) instead of copying every key, and a prefix range
// (every list, every RBAC lookup) visits only the keys inside it.
import BTreeExport from "sorted-btree";
import type { KvRow } from "./types";

// The package is CommonJS with `exports.default`: Node's ESM loader hands over the exports
// object, bundlers the class itself.
const BTree: typeof BTreeExport =
  (BTreeExport as unknown as { default?: typeof BTreeExport }).default ?? BTreeExport;
type BTree<K, V> = BTreeExport<K, V>;

/** Code-unit order, as JavaScript compares strings (and as etcd compares byte keys for ASCII). */
const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class LiveIndex implements ReadonlyMap<string, KvRow> {
  protected constructor(private readonly tree: BTree<string, KvRow>) {}

  static empty(): LiveIndex {
    return new LiveIndex(new BTree<string, KvRow>(undefined, compareKeys));
  }

  /** The newest non-deleted row per key of rows given in ascending revision order. */
  static fromRows(rows: Iterable<KvRow>): LiveIndex {
    const tree = new BTree<string, KvRow>(undefined, compareKeys);
    for (const r of rows) {
      if (r.deleted) tree.delete(r.key);
      else tree.set(r.key, r);
    }
    return new LiveIndex(tree);
  }

  /** A mutable copy sharing every node until one is written. */
  edit(): MutableLiveIndex {
    return new MutableLiveIndex(this.tree.clone());
  }

  get size(): number {
    return this.tree.size;
  }

  get(key: string): KvRow | undefined {
    return this.tree.get(key);
  }

  has(key: string): boolean {
    // sorted-btree's has() is a one-key forRange; a stored row is never undefined, so get() is
    // the same answer by a point lookup.
    return this.tree.get(key) !== undefined;
  }

  /** Rows with start ≤ key < end (end "\0": every key ≥ start), in key order. */
  range(start: string, end: string): KvRow[] {
    const out: KvRow[] = [];
    if (end === "\0") {
      for (const [, row] of this.tree.entries(start)) out.push(row);
      return out;
    }
    if (end <= start) return out;
    this.tree.forRange(start, end, false, (_k, row) => {
      out.push(row);
    });
    return out;
  }

  /** Rows with start ≤ key < end, counted without building a list. */
  count(start: string, end: string): number {
    if (end === "\0") {
      let n = 0;
      for (const _ of this.tree.keys(start)) n++;
      return n;
    }
    if (end <= start) return 0;
    return this.tree.forRange(start, end, false);
  }

  keys(): MapIterator<string> {
    return this.tree.keys() as MapIterator<string>;
  }

  values(): MapIterator<KvRow> {
    return this.tree.values() as MapIterator<KvRow>;
  }

  entries(): MapIterator<[string, KvRow]> {
    return this.tree.entries() as MapIterator<[string, KvRow]>;
  }

  [Symbol.iterator](): MapIterator<[string, KvRow]> {
    return this.entries();
  }

  forEach(fn: (value: KvRow, key: string, map: ReadonlyMap<string, KvRow>) => void): void {
    for (const [k, v] of this.tree.entries()) fn(v, k, this);
  }

  protected get raw(): BTree<string, KvRow> {
    return this.tree;
  }
}

/** The writer's copy: set/delete, then frozen into the committed state as a LiveIndex. */
export class MutableLiveIndex extends LiveIndex {
  constructor(tree: BTree<string, KvRow>) {
    super(tree);
  }

  set(key: string, row: KvRow): void {
    this.raw.set(key, row);
  }

  delete(key: string): void {
    this.raw.delete(key);
  }
}
