import { describe, expect, it } from "vitest";
import { defaultBootstrap } from "@/lib/sim";
import { decodeValue, encodeValue } from "./value-codec";

describe("stored value codec", () => {
  it("round-trips any text, including Korean and empty values", () => {
    for (const text of ["", "{}", '{"data":{"인사":"안녕하세요"}}', "x".repeat(100_000)]) {
      expect(decodeValue(encodeValue(text))).toBe(text);
    }
  });

  it("shrinks the bootstrap objects several-fold (a fresh sandbox must stay small)", () => {
    const values = defaultBootstrap().map((o) => JSON.stringify(o));
    const raw = values.reduce((n, v) => n + Buffer.byteLength(v), 0);
    const packed = values.reduce((n, v) => n + encodeValue(v).length, 0);
    expect(packed * 3).toBeLessThan(raw);
  });
});
