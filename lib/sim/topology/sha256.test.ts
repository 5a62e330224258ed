import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { configMapChecksum, sha256Hex } from "./sha256";

describe("sha256", () => {
  it("matches Node's implementation, across block boundaries and multi-byte text", () => {
    for (const text of [
      "",
      "abc",
      "a".repeat(55),
      "a".repeat(56),
      "a".repeat(64),
      "a".repeat(1000),
      "쿠버네티스",
    ]) {
      expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    }
  });

  it("hashes ConfigMap values in key order", () => {
    const expected = `sha256:${createHash("sha256").update("AB").digest("hex")}`;
    expect(configMapChecksum({ b: "B", a: "A" })).toBe(expected);
  });
});
