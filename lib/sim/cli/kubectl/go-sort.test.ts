import { describe, expect, it } from "vitest";
import { goSort } from "./go-sort";

/** A deterministic pseudo-random sequence (LCG) for test inputs. */
function numbers(n: number, seed: number, range: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % range;
  });
}

interface Item {
  key: number;
  id: number;
}

describe("goSort (Go's sort.Sort)", () => {
  it("sorts every size, with and without duplicate keys, as a permutation of the input", () => {
    for (const n of [0, 1, 2, 7, 12, 13, 49, 50, 51, 100, 257]) {
      for (const range of [3, 1000]) {
        const items: Item[] = numbers(n, n + range, range).map((key, id) => ({ key, id }));
        const out = goSort(items, (a, b) => a.key < b.key);
        expect(out.map((x) => x.key)).toEqual(items.map((x) => x.key).sort((a, b) => a - b));
        expect(out.map((x) => x.id).sort((a, b) => a - b)).toEqual(items.map((x) => x.id));
      }
    }
  });

  it("leaves its input untouched", () => {
    const input = [3, 1, 2];
    goSort(input, (a, b) => a < b);
    expect(input).toEqual([3, 1, 2]);
  });

  it("keeps equal elements in input order up to 12 elements (insertion sort)", () => {
    const items: Item[] = numbers(12, 7, 2).map((key, id) => ({ key, id }));
    const out = goSort(items, (a, b) => a.key < b.key);
    const stable = [...items].sort((a, b) => a.key - b.key);
    expect(out).toEqual(stable);
  });

  it("is not stable beyond 12 elements: equal keys come out in pdqsort's order", () => {
    // 13 equal keys, then an already sorted run: the pivot partition moves equal
    // elements around, as Go's implementation does (kubectl events shows it).
    const items: Item[] = [...Array(13).fill(5), ...Array(13).fill(1)].map((key, id) => ({
      key,
      id,
    }));
    const out = goSort(items, (a, b) => a.key < b.key);
    expect(out.map((x) => x.key)).toEqual([...Array(13).fill(1), ...Array(13).fill(5)]);
    const ids = out.map((x) => x.id);
    const stableIds = [...items].sort((a, b) => a.key - b.key).map((x) => x.id);
    expect(ids).not.toEqual(stableIds);
  });
});
