import { describe, expect, it } from "vitest";
import { jsonbText } from "./jsonb-text";

describe("jsonbText", () => {
  it("writes plain values exactly as JSON.stringify", () => {
    const v = { a: "이름", b: [1, "x", null], c: { d: '\n\t"' } };
    expect(jsonbText(v)).toBe(JSON.stringify(v));
  });

  it("replaces NUL and lone surrogates, which jsonb refuses, and keeps surrogate pairs", () => {
    const text = jsonbText({ name: "a\u0000b", lone: "x\ud800y", pair: "😀" });
    expect(text).not.toMatch(/\\u0000|\\ud800/);
    expect(JSON.parse(text)).toEqual({ name: "a\ufffdb", lone: "x\ufffdy", pair: "😀" });
  });
});
