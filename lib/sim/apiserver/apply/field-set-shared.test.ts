import { describe, expect, it } from "vitest";
import { Rng } from "../../random";
import { type FieldPath, type FieldSet, fromPaths, sharedFieldsV1, toFieldsV1 } from "./field-set";

// The key sets were shared by before the trie: members and levels in insertion order, each
// element length-prefixed. Two sets must share a tree exactly when these keys are equal.
function contentKey(s: FieldSet): string {
  let out = "";
  for (const m of s.members) out += `${m.length}:${m}`;
  for (const [k, child] of s.children) out += `{${k.length}:${k}${contentKey(child)}}`;
  return out;
}

// Elements that could make a careless key meet: braces, digits and colons in names.
const ELEMENTS = ["f:a", "f:b", "f:{", "f:}", "f:1:a", 'k:{"name":"web"}', "f:status", "f:a}"];
function randomPaths(rng: Rng): FieldPath[] {
  const out: FieldPath[] = [];
  const n = 1 + rng.int(6);
  for (let i = 0; i < n; i++) {
    const depth = 1 + rng.int(3);
    out.push(Array.from({ length: depth }, () => ELEMENTS[rng.int(ELEMENTS.length)]!));
  }
  return out;
}

describe("sharedFieldsV1", () => {
  it("shares one tree between two sets exactly when their content keys are equal", () => {
    const rng = Rng.fromSeed("shared FieldsV1");
    const lists = Array.from({ length: 300 }, () => randomPaths(rng));
    // Every list again in another order: the same set built otherwise keys otherwise.
    for (let i = 0; i < 100; i++) lists.push([...lists[i]!].reverse());
    let shared = 0;
    for (let i = 0; i < lists.length; i++) {
      for (let j = i; j < Math.min(lists.length, i + 40); j++) {
        // Fresh sets: a set's own tree is remembered by identity.
        const a = fromPaths(lists[i]!);
        const b = fromPaths(lists[j]!);
        const same = sharedFieldsV1(a) === sharedFieldsV1(b);
        expect(same, JSON.stringify([lists[i], lists[j]])).toBe(contentKey(a) === contentKey(b));
        expect(sharedFieldsV1(a)).toEqual(toFieldsV1(fromPaths(lists[i]!)));
        if (same && i !== j) shared++;
      }
    }
    expect(shared).toBeGreaterThan(0);
  });

  it("tells a member from a level of the same name, and levels from their neighbours", () => {
    const member = fromPaths([["f:a"], ["f:b"]]);
    const level = fromPaths([["f:a", "f:b"]]);
    expect(sharedFieldsV1(member)).not.toBe(sharedFieldsV1(level));
    const closed = fromPaths([["f:a", "f:x"], ["f:b"]]);
    const nested = fromPaths([["f:a", "f:x", "f:b"]]);
    expect(sharedFieldsV1(closed)).not.toBe(sharedFieldsV1(nested));
    expect(sharedFieldsV1(fromPaths([["f:a", "f:x"], ["f:b"]]))).toBe(sharedFieldsV1(closed));
    // Two levels side by side against one inside the other: only where a level ends differs.
    const siblings = fromPaths([
      ["f:a", "f:x"],
      ["f:c", "f:y"],
    ]);
    const inside = fromPaths([
      ["f:a", "f:x"],
      ["f:a", "f:c", "f:y"],
    ]);
    expect(sharedFieldsV1(siblings)).not.toBe(sharedFieldsV1(inside));
  });
});
