import { describe, expect, it } from "vitest";
import { Rng } from "./random";

describe("seeded random", () => {
  it("repeats the same sequence for the same seed and differs for another", () => {
    const a = Rng.fromSeed("sandbox-1");
    const b = Rng.fromSeed("sandbox-1");
    const c = Rng.fromSeed("sandbox-2");
    const seqA = [a.uint32(), a.uint32(), a.uint32()];
    expect([b.uint32(), b.uint32(), b.uint32()]).toEqual(seqA);
    expect([c.uint32(), c.uint32(), c.uint32()]).not.toEqual(seqA);
  });

  it("resumes from a saved state", () => {
    const a = Rng.fromSeed("x");
    a.uint32();
    const saved = a.state();
    const next = a.uuid();
    expect(new Rng(saved).uuid()).toBe(next);
  });

  it("makes v4 uuids and generateName suffixes from apimachinery's alphabet", () => {
    const r = Rng.fromSeed("names");
    for (let i = 0; i < 50; i++) {
      expect(r.uuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(r.suffix()).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    }
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) counts[r.int(10)]++;
    for (const n of counts) expect(n).toBeGreaterThan(800);
  });

  it("formats a uuid from four words as RFC 4122 bytes: version 4, variant 10", () => {
    // Reference: the 16 bytes big-endian from four uint32 draws, version and variant set,
    // printed in 8-4-4-4-12 groups.
    const words = Rng.fromSeed("uuid-layout");
    const ids = Rng.fromSeed("uuid-layout");
    for (let i = 0; i < 500; i++) {
      const bytes: number[] = [];
      for (let w = 0; w < 4; w++) {
        const x = words.uint32();
        bytes.push(x >>> 24, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff);
      }
      bytes[6] = (bytes[6]! & 0x0f) | 0x40;
      bytes[8] = (bytes[8]! & 0x3f) | 0x80;
      const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
      const expected = [0, 8, 12, 16, 20].map((at, k, all) => hex.slice(at, all[k + 1])).join("-");
      expect(ids.uuid()).toBe(expected);
    }
  });
});
