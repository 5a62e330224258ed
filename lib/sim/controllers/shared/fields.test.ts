import { describe, expect, it } from "vitest";
import { jsonEqual } from "./fields";

describe("jsonEqual", () => {
  it("ignores key order and keys holding undefined", () => {
    expect(jsonEqual({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, x: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, x: undefined })).toBe(true);
  });

  it("tells apart a missing key, an extra key and a different value", () => {
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(jsonEqual({ a: 1, b: 2 }, { a: 1, c: 2 })).toBe(false);
    expect(jsonEqual({ a: { b: "x" } }, { a: { b: "y" } })).toBe(false);
    expect(jsonEqual({ a: undefined }, { a: null })).toBe(false);
  });

  it("compares arrays by position and never equates an array with an object", () => {
    expect(jsonEqual([1, [2, 3]], [1, [2, 3]])).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual([1], [1, 1])).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual({ 0: 1 }, [1])).toBe(false);
  });

  it("compares primitives strictly", () => {
    expect(jsonEqual(1, "1")).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual({}, null)).toBe(false);
    expect(jsonEqual(null, null)).toBe(true);
    expect(jsonEqual(true, true)).toBe(true);
  });
});
