// The load report's memory verdict (bench/load/memory-report.ts): per worker, after the
// warm-up, flat or growing, with the samples printed.
import { describe, expect, it } from "vitest";
import {
  CacheFillWatcher,
  CRITERION,
  heapTrend,
  MemorySampler,
  memoryReport,
  type MemoryLogPoint,
} from "../../bench/load/memory-report";
import { isFlat, flatness, warmupSamples } from "../../bench/load/stats";

const MiB = 1024 * 1024;
const EVERY_5_S = 5000;
const isWorker = (s: { label: string }) => s.label.startsWith("worker");

/** A 10-minute soak every 5 s: a warm-up climb to `level` MiB, then `perMinute` MiB more each minute and a sawtooth. */
function soak(level: number, perMinute: number): number[] {
  return Array.from({ length: 120 }, (_, i) => {
    const warm = Math.min(1, i / 20);
    const saw = ((i * 7) % 6) * 4;
    return (warm * level + (i * perMinute) / 12 + saw) * MiB;
  });
}

describe("load report memory verdict", () => {
  it("calls a sawtooth that levelled off after the warm-up flat", () => {
    const f = flatness(soak(800, 0), EVERY_5_S, warmupSamples(120, EVERY_5_S))!;
    expect(f.samples).toBe(96); // two minutes left out
    expect(isFlat(f)).toBe(true);
  });

  it("calls a worker holding 4 MiB more per minute of a 300 MiB level growing", () => {
    expect(isFlat(flatness(soak(300, 4), EVERY_5_S, 24)!)).toBe(false);
    // the same leak judged with the warm-up in is no less a leak
    expect(isFlat(flatness(soak(300, 4), EVERY_5_S, 0)!)).toBe(false);
  });

  it("judges each worker, not the launcher, and says so per worker and overall", () => {
    const sampler = new MemorySampler();
    const flat = soak(700, 0);
    const leak = soak(700, 20);
    for (let i = 0; i < 120; i++) {
      sampler.record(
        [
          { pid: 1, rssBytes: (60 + i) * MiB }, // the launcher grows: not judged
          { pid: 2, rssBytes: flat[i]! },
          { pid: 3, rssBytes: leak[i]! },
        ],
        (n) => (n === 0 ? "launcher" : "worker"),
      );
    }
    const lines = memoryReport(sampler.all(), EVERY_5_S, true, isWorker);
    expect(
      lines.filter((l) => l.startsWith("memory launcher pid 1 (RSS every 5 s): 60 MiB → 61 MiB")),
    ).toHaveLength(1);
    expect(lines.find((l) => l.startsWith("memory flatness worker pid 2"))).toMatch(
      /: FLAT - after 120 s of warm-up, 96 samples/,
    );
    expect(lines.find((l) => l.startsWith("memory flatness worker pid 3"))).toMatch(/: GROWING/);
    expect(lines.some((l) => l.includes("launcher") && l.includes("flatness"))).toBe(false);
    expect(lines.at(-2)).toBe("memory per worker: NOT flat over the soak (1 of 2 workers flat)");
    expect(lines.at(-1)).toBe(CRITERION);
    expect(lines.find((l) => l.startsWith("memory flatness worker pid 2"))).toMatch(
      /slope -?\d+ MiB\/min \(flat ≤ 7 MiB\/min\), last third vs first third -?\d+\.\d % \(flat ≤ 10 %\)$/,
    );
    const healthy = memoryReport(
      sampler.all().filter((s) => s.label !== "worker pid 3"),
      EVERY_5_S,
      true,
      isWorker,
    );
    expect(healthy.at(-2)).toBe("memory per worker: flat over the soak (1 of 1 workers flat)");
  });

  it("gives a restarted worker a series of its own and judges only soaks", () => {
    const sampler = new MemorySampler();
    sampler.record(
      [
        { pid: 10, rssBytes: MiB },
        { pid: 11, rssBytes: 2 * MiB },
      ],
      (n) => (n ? "worker" : "launcher"),
    );
    sampler.record(
      [
        { pid: 10, rssBytes: MiB },
        { pid: 12, rssBytes: 3 * MiB },
      ],
      (n) => (n ? "worker" : "launcher"),
    );
    expect(sampler.all().map((s) => [s.label, s.samples.length])).toEqual([
      ["launcher pid 10", 2],
      ["worker pid 11", 1],
      ["worker pid 12", 1],
    ]);
    const lines = memoryReport(sampler.all(), EVERY_5_S, false, isWorker);
    expect(lines.at(-1)).toMatch(/judged on a soak only/);
    expect(memoryReport(sampler.all(), EVERY_5_S, true, isWorker).at(-1)).toBe(
      "memory per worker: not judged (no worker sampled long enough)",
    );
  });
});

describe("load report: a sandbox cache filling is warm-up", () => {
  // A worker whose cache fills for six minutes (memory climbs to its budget), then evicts: flat.
  const filling = Array.from(
    { length: 120 },
    (_, i) => (200 + Math.min(i, 72) * 5 + (i % 3) * 4) * MiB,
  );
  const log = (pid: number, used: number) =>
    `memory (pid ${pid}): rss 900 MiB, heapTotal 600, heapUsed 500, external 20, arrayBuffers 5, sandbox cache 230 entries ${used}/384 MiB`;

  it("reads when each worker's cache first reached its budget from the memory log", () => {
    const w = new CacheFillWatcher();
    w.line(log(7, 200), 60_000);
    w.line(
      "memory (pid 7): rss 1 MiB, heapTotal 1, heapUsed 1, external 1, arrayBuffers 1",
      90_000,
    );
    expect(w.filled(7)).toBeUndefined();
    w.line(log(7, 380), 360_000);
    w.line(log(7, 384), 400_000);
    w.line(log(7, 300), 420_000);
    expect(w.filled(7)).toBe(360_000);
    expect(w.filled(8)).toBeUndefined();
    expect(w.filled(undefined)).toBeUndefined();
  });

  it("judges memory after the fill, and says the warm-up lasted until then", () => {
    const sampler = new MemorySampler();
    for (const rss of filling) sampler.record([{ pid: 2, rssBytes: rss }], () => "worker");
    const without = memoryReport(sampler.all(), EVERY_5_S, true, isWorker);
    expect(without.find((l) => l.includes("flatness worker pid 2"))).toMatch(/: GROWING/);
    const withFill = memoryReport(sampler.all(), EVERY_5_S, true, isWorker, (s) =>
      s.pid === 2 ? 365_000 : undefined,
    );
    expect(withFill.find((l) => l.includes("flatness worker pid 2"))).toMatch(
      /: FLAT - after 365 s of warm-up \(until its sandbox cache filled\), 47 samples/,
    );
  });
});

describe("load report: the live heap and the cache after the warm-up", () => {
  const line = (pid: number, used: number, total: number, cached: number) =>
    `memory (pid ${pid}): rss 900 MiB, heapTotal ${total}, heapUsed ${used}, external 20, arrayBuffers 5, sandbox cache 200 entries ${cached}/1036 MiB`;

  it("reads each minute's lowest heapUsed and the cache, and says when the cache was still filling", () => {
    const w = new CacheFillWatcher();
    // Ten minutes every 10 s: heapUsed saw-tooths 100 MiB above a floor that grows 20 MiB a
    // minute, the cache grows 15 MiB a minute and never reaches its budget.
    for (let i = 0; i < 60; i++) {
      const minute = i / 6;
      w.line(
        line(5, 300 + 20 * Math.floor(minute) + (i % 6) * 20, 900, Math.round(200 + 15 * minute)),
        i * 10_000,
      );
    }
    const trend = heapTrend(w.points(5), 120_000)!;
    expect(trend.floor).toMatchObject({ first: 340, last: 480 });
    expect(trend.floor.slopePerMinute).toBeCloseTo(20, 5);
    expect(trend.cache!.slopePerMinute).toBeCloseTo(15, 0);
    expect(w.filled(5)).toBeUndefined();

    const sampler = new MemorySampler();
    for (let i = 0; i < 120; i++)
      sampler.record([{ pid: 5, rssBytes: (700 + i) * MiB }], () => "worker");
    const lines = memoryReport(
      sampler.all(),
      EVERY_5_S,
      true,
      isWorker,
      () => undefined,
      (s) => w.points(s.pid),
    );
    expect(lines.find((l) => l.startsWith("memory heap worker pid 5"))).toMatch(
      /lowest heapUsed each minute 340 → 480 MiB \(20 MiB\/min\), heapTotal 900 → 900 MiB, sandbox cache 230 → 348 of 1036 MiB \(15 MiB\/min\) - the cache was still filling/,
    );
  });

  it("reads the live set from the heap after major GCs, apart from the samples' floor", () => {
    const w = new CacheFillWatcher();
    // The samples' floor grows 20 MiB a minute (garbage the old generation keeps between major
    // GCs), while a major GC every other minute finds the same 250 MiB live.
    for (let i = 0; i < 60; i++) {
      const minute = Math.floor(i / 6);
      const gc =
        i % 6 === 3 && minute % 2 === 0
          ? `, after major GC ${250 + (minute % 4)} (${minute} major GCs)`
          : "";
      w.line(line(8, 300 + 20 * minute + (i % 6) * 20, 900, 200) + gc, i * 10_000);
    }
    const trend = heapTrend(w.points(8), 120_000)!;
    expect(trend.floor.slopePerMinute).toBeCloseTo(20, 5);
    expect(trend.live).toMatchObject({ first: 252, last: 250, minutes: 4 });
    expect(Math.abs(trend.live!.slopePerMinute)).toBeLessThan(1);
    const sampler = new MemorySampler();
    for (let i = 0; i < 120; i++) sampler.record([{ pid: 8, rssBytes: 700 * MiB }], () => "worker");
    const lines = memoryReport(
      sampler.all(),
      EVERY_5_S,
      true,
      isWorker,
      () => undefined,
      (s) => w.points(s.pid),
    );
    expect(lines.find((l) => l.startsWith("memory heap worker pid 8"))).toMatch(
      /live heap \(lowest after a major GC, 4 minutes with one\) 252 → 250 MiB \(-?0\.\d MiB\/min\)/,
    );
  });

  it("calls a worker whose RSS levelled off but whose live heap still grows not flat", () => {
    const w = new CacheFillWatcher();
    // RSS at a ceiling of 700 MiB, while a major GC every minute finds 10 MiB more live
    // (2 % of a 500 MiB level a minute; flat allows 1 %).
    for (let i = 0; i < 60; i++) {
      const minute = Math.floor(i / 6);
      const gc = i % 6 === 3 ? `, after major GC ${500 + 10 * minute} (${minute} major GCs)` : "";
      w.line(line(9, 600 + (i % 6) * 10, 900, 200) + gc, i * 10_000);
    }
    const sampler = new MemorySampler();
    for (let i = 0; i < 120; i++) sampler.record([{ pid: 9, rssBytes: 700 * MiB }], () => "worker");
    const judge = (points: (s: { pid?: number }) => readonly MemoryLogPoint[]) =>
      memoryReport(sampler.all(), EVERY_5_S, true, isWorker, () => undefined, points);
    const growing = judge((s) => w.points(s.pid));
    expect(growing.find((l) => l.startsWith("memory flatness worker pid 9"))).toMatch(
      /: GROWING - .*; live heap 10\.0 MiB\/min \(flat ≤ 5\.\d MiB\/min\)$/,
    );
    expect(growing.at(-2)).toBe("memory per worker: NOT flat over the soak (0 of 1 workers flat)");
    // The same RSS without a memory log is judged on RSS alone.
    expect(judge(() => []).at(-2)).toBe(
      "memory per worker: flat over the soak (1 of 1 workers flat)",
    );
  });

  it("reads the copies the cache has shed (with or without those it refused), and a line without them as before", () => {
    const w = new CacheFillWatcher();
    for (let i = 0; i < 30; i++) {
      const shed =
        i < 28
          ? ""
          : i === 28
            ? " (shed 3 history, 40 all)"
            : " (shed 3 history, 40 all, 7 refused)";
      w.line(
        `memory (pid 4): rss 900 MiB, heapTotal 800, heapUsed 500, external 20, arrayBuffers 5, sandbox cache 200 entries 320/320 MiB${shed}, after major GC 450 (9 major GCs)`,
        i * 10_000,
      );
    }
    const points = w.points(4);
    expect(points[0]).toMatchObject({ cache: { bytes: 320, budget: 320 }, afterMajorGc: 450 });
    expect(points[0]!.cache!.shed).toBeUndefined();
    expect(points.at(-2)!.cache!.shed).toBe(43);
    expect(points.at(-1)).toMatchObject({
      cache: { bytes: 320, budget: 320, shed: 43 },
      afterMajorGc: 450,
    });
    expect(w.filled(4)).toBe(0);
    expect(heapTrend(points, 0)!.cache).toMatchObject({ last: 320, shed: 43 });
  });

  it("needs three minutes of log after the warm-up", () => {
    const w = new CacheFillWatcher();
    for (let i = 0; i < 12; i++) w.line(line(6, 300, 400, 100), i * 10_000);
    expect(heapTrend(w.points(6), 0)).toBeUndefined();
    expect(heapTrend(w.points(7), 0)).toBeUndefined();
  });
});
