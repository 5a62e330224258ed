import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { HashMemo } from "./hash-memo";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

describe("HashMemo", () => {
  it("returns what the hash returns, hashing each input once while remembered", () => {
    const calls: string[] = [];
    const memo = new HashMemo((s) => {
      calls.push(s);
      return sha(s);
    }, 10);
    for (const s of ["a", "b", "a", "b", "a"]) expect(memo.get(s)).toBe(sha(s));
    expect(calls).toEqual(["a", "b"]);
  });

  it("stays within its limit, forgetting the oldest input first", () => {
    const calls: string[] = [];
    const memo = new HashMemo((s) => {
      calls.push(s);
      return sha(s);
    }, 3);
    for (const s of ["a", "b", "c", "d"]) memo.get(s);
    expect(memo.size).toBe(3);
    calls.length = 0;
    expect(memo.get("d")).toBe(sha("d"));
    expect(memo.get("b")).toBe(sha("b"));
    expect(calls).toEqual([]);
    expect(memo.get("a")).toBe(sha("a"));
    expect(calls).toEqual(["a"]);
    expect(memo.size).toBe(3);
  });
});
