import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { opaqueKey, scrambled, shuffled } from "./shuffle";

const ids = Array.from({ length: 15 }, (_, i) => `q${i + 1}`);
const id = (s: string) => s;

describe("shuffled", () => {
  it("is the same for the same seed and scope, and a permutation", () => {
    const a = shuffled(ids, id, "seed-1", "questions");
    expect(shuffled(ids, id, "seed-1", "questions")).toEqual(a);
    expect([...a].sort()).toEqual([...ids].sort());
  });

  it("differs between attempts (seeds) and between scopes", () => {
    const a = shuffled(ids, id, "seed-1", "questions");
    expect(shuffled(ids, id, "seed-2", "questions")).not.toEqual(a);
    expect(shuffled(ids, id, "seed-1", "other")).not.toEqual(a);
    expect(a).not.toEqual(ids);
  });
});

describe("scrambled", () => {
  it("never returns the original order", () => {
    const items = ["a", "b", "c"];
    for (let s = 0; s < 200; s++) {
      const out = scrambled(items, id, `s${s}`, "q");
      expect(out).not.toEqual(items);
      expect([...out].sort()).toEqual(items);
    }
  });
});

describe("opaqueKey", () => {
  it("is stable per attempt, differs across attempts, and does not contain the id", () => {
    const k = opaqueKey("seed-1", "q1", "correct-option");
    expect(opaqueKey("seed-1", "q1", "correct-option")).toBe(k);
    expect(opaqueKey("seed-2", "q1", "correct-option")).not.toBe(k);
    expect(k).toMatch(/^[A-Za-z0-9_-]{10}$/);
    expect(k).not.toContain("correct");
  });

  it("is the attempt's sha256 key, the same when asked again (remembered)", () => {
    const direct = createHash("sha256")
      .update("key\0seed-1\0q1\0opt-a")
      .digest("base64url")
      .slice(0, 10);
    expect(opaqueKey("seed-1", "q1", "opt-a")).toBe(direct);
    expect(opaqueKey("seed-1", "q1", "opt-a")).toBe(direct);
    expect(opaqueKey("seed-2", "q1", "opt-a")).not.toBe(direct);
  });
});

describe("shuffled order", () => {
  it("sorts by each item's sha256 rank (the order in-progress attempts were shown)", () => {
    const rankOf = (i: string) =>
      createHash("sha256").update(`seed-9\0questions\0${i}`).digest("hex");
    const expected = [...ids].sort((a, b) => (rankOf(a) < rankOf(b) ? -1 : 1));
    expect(shuffled(ids, id, "seed-9", "questions")).toEqual(expected);
    expect(shuffled(ids, id, "seed-9", "questions")).toEqual(expected);
  });
});
