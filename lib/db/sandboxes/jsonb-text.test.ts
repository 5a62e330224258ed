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

  it("finds them deep in large values too, and leaves text that only looks like an escape", () => {
    const deep = {
      items: Array.from({ length: 50 }, (_, i) => ({ i, n: i === 42 ? "\udc00" : "ok" })),
    };
    expect(jsonbText(deep)).not.toMatch(/\\udc00/);
    expect((JSON.parse(jsonbText(deep)) as typeof deep).items[42]!.n).toBe("\ufffd");
    const literal = { path: "C:\\u0000dir" }; // a backslash, then the letters
    expect(JSON.parse(jsonbText(literal))).toEqual(literal);
  });
});
