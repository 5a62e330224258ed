import { describe, expect, it } from "vitest";
import { cloneJson, copyForAdding, jsonEqual } from "./json-value";

describe("cloneJson", () => {
  it("copies deeply, so changing the copy leaves the original alone", () => {
    const original = { a: { b: [1, { c: "x" }] }, n: null, t: true };
    const copy = cloneJson(original);
    expect(copy).toEqual(original);
    (copy.a.b[1] as { c: string }).c = "y";
    (copy.a.b as unknown[]).push(2);
    expect(original).toEqual({ a: { b: [1, { c: "x" }] }, n: null, t: true });
  });

  it("drops keys holding undefined, as a JSON round trip does", () => {
    const copy = cloneJson({ a: 1, b: undefined, c: { d: undefined } });
    expect(Object.keys(copy)).toEqual(["a", "c"]);
    expect(Object.keys(copy.c)).toEqual([]);
  });
});

describe("jsonEqual", () => {
  it("ignores map key order but not list order", () => {
    expect(jsonEqual({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  });

  it("treats a key holding undefined as absent", () => {
    expect(jsonEqual({ a: 1, rv: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, rv: undefined })).toBe(true);
    expect(jsonEqual({ a: 1, b: null }, { a: 1 })).toBe(false);
  });

  it("tells apart values of different types and sizes", () => {
    expect(jsonEqual({ a: [] }, { a: {} })).toBe(false);
    expect(jsonEqual({ a: "1" }, { a: 1 })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual([{ a: 1 }], [{ a: 1 }, { a: 1 }])).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});

describe("copyForAdding", () => {
  it("is the spread copy: same keys in the same order (integer-like first), undefined kept, shallow", () => {
    const inner = { x: 1 };
    const src = { b: 1, a: inner, "2": "two", u: undefined, "1": "one" };
    const copy = copyForAdding(src);
    expect(copy).not.toBe(src);
    expect(Object.keys(copy)).toEqual(Object.keys({ ...src }));
    expect(copy.a).toBe(inner);
    expect("u" in copy).toBe(true);
    (copy as Record<string, unknown>).added = true;
    expect(JSON.stringify(copy)).toBe(JSON.stringify({ ...src, added: true }));
    expect("added" in src).toBe(false);
  });
});
