import { describe, expect, it } from "vitest";
import { ExpiringMap } from "./expiring-map";

describe("ExpiringMap", () => {
  it("answers until the entry's time and drops it after", () => {
    const m = new ExpiringMap<string>(10);
    m.set("a", "x", 100, 0);
    expect(m.get("a", 99)).toBe("x");
    expect(m.get("a", 100)).toBeUndefined();
    expect(m.size).toBe(0);
  });

  it("when full, drops expired entries first, then the oldest inserted", () => {
    const m = new ExpiringMap<number>(3);
    m.set("old", 1, 1_000, 0);
    m.set("expired", 2, 10, 0);
    m.set("live", 3, 1_000, 0);
    m.set("new", 4, 1_000, 50);
    expect([m.get("old", 50), m.get("expired", 5), m.get("live", 50), m.get("new", 50)]).toEqual([
      1,
      undefined,
      3,
      4,
    ]);
    m.set("newest", 5, 1_000, 60);
    expect(m.get("old", 60)).toBeUndefined();
    expect(m.size).toBe(3);
  });

  it("replacing a key of a full map evicts nothing", () => {
    const m = new ExpiringMap<number>(2);
    m.set("a", 1, 1_000, 0);
    m.set("b", 2, 1_000, 0);
    m.set("a", 3, 1_000, 0);
    expect([m.get("a", 1), m.get("b", 1)]).toEqual([3, 2]);
  });
});
