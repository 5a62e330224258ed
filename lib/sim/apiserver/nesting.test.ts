import { describe, expect, it } from "vitest";
import { assertNesting, MAX_NESTING, nestingDepth } from "./nesting";

function deep(n: number): unknown {
  let v: unknown = "leaf";
  for (let i = 0; i < n; i++) v = i % 2 ? { a: v } : [v];
  return v;
}

describe("nesting", () => {
  it("counts objects and arrays, not scalars", () => {
    expect(nestingDepth("x")).toBe(0);
    expect(nestingDepth({ a: 1 })).toBe(1);
    expect(nestingDepth({ a: [{ b: {} }] })).toBe(4);
    expect(nestingDepth(deep(50))).toBe(50);
  });

  it("handles 100,000 levels without recursion and stops early", () => {
    expect(nestingDepth(deep(100_000))).toBe(MAX_NESTING + 1);
  });

  it("refuses documents past the limit with a BadRequest", () => {
    expect(() => assertNesting(deep(MAX_NESTING))).not.toThrow();
    expect(() => assertNesting(deep(MAX_NESTING + 1))).toThrow(/nested more than 200 levels/);
  });
});
