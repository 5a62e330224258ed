// The load report's statistics (bench/load/stats.ts): nearest-rank percentiles and
// the memory flatness figure of a soak.
import { describe, expect, it } from "vitest";
import { flatness, LatencyBook, percentile } from "../../bench/load/stats";

const MiB = 1024 * 1024;

describe("load report statistics", () => {
  it("takes nearest-rank percentiles and counts errors per endpoint", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 0.5), percentile(sorted, 0.95), percentile(sorted, 0.99)]).toEqual([
      50, 95, 99,
    ]);
    const book = new LatencyBook();
    book.record("POST /x", 3, true);
    book.record("POST /x", 9, false);
    expect(book.rows()).toEqual([
      { endpoint: "POST /x", count: 2, errors: 1, p50: 3, p95: 9, p99: 9, max: 9 },
    ]);
    // The worst request apart from the 99th percentile (the paced phase prints both).
    const many = new LatencyBook();
    for (let i = 1000; i >= 1; i--) many.record("GET /y", i, true);
    expect(many.rows()[0]).toMatchObject({ p99: 990, max: 1000 });
  });

  it("calls a flat series flat and a leak a leak", () => {
    // Samples every 5 s: noise around 300 MiB vs +1 MiB per sample (12 MiB/min).
    const flat = Array.from({ length: 24 }, (_, i) => 300 * MiB + ((i * 7) % 5) * MiB);
    const leak = Array.from({ length: 24 }, (_, i) => 300 * MiB + i * MiB);
    const f = flatness(flat, 5000)!;
    const l = flatness(leak, 5000)!;
    expect(Math.abs(f.slopePerMinute)).toBeLessThan(1 * MiB);
    expect(Math.abs(f.growth)).toBeLessThan(0.01);
    expect(l.slopePerMinute).toBeCloseTo(12 * MiB, -3);
    expect(l.growth).toBeCloseTo(16 / 304, 2);
  });

  it("leaves out the warm-up and needs three samples", () => {
    const warm = [100 * MiB, 200 * MiB, 300 * MiB, 300 * MiB, 300 * MiB];
    expect(flatness(warm, 5000, 2)!.growth).toBe(0);
    expect(flatness([1, 2], 5000)).toBeUndefined();
  });
});
