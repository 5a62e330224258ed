// The counters' report line is what bench:load parses back from each worker's stderr.
import { describe, expect, it } from "vitest";
import { count, dbCounters, parseCountersLine } from "./counters";

describe("sandbox store counters", () => {
  it("counts into the process's totals", () => {
    const before = dbCounters().refreshes;
    count("refreshes");
    count("refreshes", 2);
    expect(dbCounters().refreshes).toBe(before + 3);
  });

  it("parses a report line back, with counters it lacks as 0", () => {
    const parsed = parseCountersLine('db counters (pid 42): {"runs":7,"fullLoads":2}');
    expect(parsed?.pid).toBe(42);
    expect(parsed?.counters.runs).toBe(7);
    expect(parsed?.counters.fullLoads).toBe(2);
    expect(parsed?.counters.refreshes).toBe(0);
  });

  it("ignores other lines and broken JSON", () => {
    expect(parseCountersLine("memory (pid 42): rss 1 MiB")).toBeNull();
    expect(parseCountersLine("db counters (pid 42): {runs")).toBeNull();
  });
});
