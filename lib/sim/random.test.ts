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
});
