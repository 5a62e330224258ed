import { describe, expect, it } from "vitest";
import { TokenBuckets } from "./token-bucket";

describe("TokenBuckets", () => {
  it("allows a burst, then holds the key to the rate", () => {
    const b = new TokenBuckets({ ratePerSecond: 2, burst: 3 });
    expect([b.take("s", 0), b.take("s", 0), b.take("s", 0)]).toEqual([0, 0, 0]);
    expect(b.take("s", 0)).toBe(1);
    // Half a second at 2/s refills one token.
    expect(b.take("s", 500)).toBe(0);
    expect(b.take("s", 500)).toBeGreaterThan(0);
  });

  it("keeps keys apart", () => {
    const b = new TokenBuckets({ ratePerSecond: 1, burst: 1 });
    expect(b.take("a", 0)).toBe(0);
    expect(b.take("a", 0)).toBe(1);
    expect(b.take("b", 0)).toBe(0);
  });

  it("tells how long to wait", () => {
    const b = new TokenBuckets({ ratePerSecond: 0.25, burst: 1 });
    b.take("k", 0);
    expect(b.take("k", 0)).toBe(4);
  });

  it("never refills past the burst and forgets the least recently used keys", () => {
    const b = new TokenBuckets({ ratePerSecond: 10, burst: 2, maxKeys: 2 });
    b.take("a", 0);
    expect([b.take("a", 60_000), b.take("a", 60_000), b.take("a", 60_000)]).toEqual([0, 0, 1]);
    b.take("b", 0);
    b.take("c", 0);
    expect(b.size()).toBe(2);
  });
});
