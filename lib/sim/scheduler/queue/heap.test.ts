import { describe, expect, it } from "vitest";
import { Rng } from "../../random";
import { KeyedHeap } from "./heap";

interface Item {
  key: string;
  value: number;
}

const heap = () =>
  new KeyedHeap<Item>(
    (i) => i.key,
    (a, b) => a.value < b.value,
  );

describe("KeyedHeap", () => {
  it("pops in order, with updates and deletions in place", () => {
    const h = heap();
    const rng = Rng.fromSeed("heap");
    const values = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      const key = `k${rng.int(60)}`;
      const value = rng.int(1000);
      if (rng.int(5) === 0 && h.has(key)) {
        h.delete(key);
        values.delete(key);
      } else {
        h.push({ key, value });
        values.set(key, value);
      }
    }
    expect(h.size).toBe(values.size);
    const popped: number[] = [];
    for (let item = h.pop(); item; item = h.pop()) {
      expect(values.get(item.key)).toBe(item.value);
      popped.push(item.value);
    }
    expect(popped).toEqual([...values.values()].sort((a, b) => a - b));
  });

  it("replaces an item with the same key instead of duplicating it", () => {
    const h = heap();
    h.push({ key: "a", value: 5 });
    h.push({ key: "b", value: 3 });
    h.push({ key: "a", value: 1 });
    expect(h.size).toBe(2);
    expect(h.peek()).toEqual({ key: "a", value: 1 });
    expect(h.get("b")).toEqual({ key: "b", value: 3 });
  });
});
