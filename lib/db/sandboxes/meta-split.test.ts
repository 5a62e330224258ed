import { describe, expect, it } from "vitest";
import { createSandbox, stateMeta } from "@/lib/sim";
import { joinMeta, splitMeta } from "./meta-split";

describe("sandbox metadata columns", () => {
  const meta = stateMeta(createSandbox({ seed: "m", now: Date.UTC(2026, 0, 1) }).state);

  it("splits into hot and cold parts and joins back to the same metadata", () => {
    const { cold, hot } = splitMeta(meta);
    expect(Object.keys(JSON.parse(hot)).sort()).toEqual([
      "compactRevision",
      "nextLeaseId",
      "revision",
      "rng",
      "time",
    ]);
    expect(JSON.parse(cold)).not.toHaveProperty("rng");
    expect(joinMeta(JSON.parse(cold), JSON.parse(hot))).toEqual(meta);
  });

  it("reads rows written before the split (everything in meta, no hot)", () => {
    expect(joinMeta(JSON.parse(JSON.stringify(meta)), null)).toEqual(meta);
  });

  it("keeps the cold part unchanged when only per-request fields move", () => {
    const later = {
      ...meta,
      time: meta.time + 1000,
      revision: meta.revision + 1,
      rng: [1, 2, 3, 4] as const,
    };
    expect(splitMeta(later).cold).toBe(splitMeta(meta).cold);
    expect(splitMeta(later).hot).not.toBe(splitMeta(meta).hot);
  });
});
