// The load report's memory part: resident memory of each app process sampled over
// the run, and over a soak the verdict whether each worker's memory stayed flat
// after the warm-up (issue #11: "memory per instance flat over a 10-minute soak").
import { FLAT_GROWTH, FLAT_SLOPE_PER_MINUTE, flatness, isFlat, warmupSamples } from "./stats";

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;

/** Samples of one process, in bytes, taken every `intervalMs`. */
export interface MemorySeries {
  label: string;
  pid?: number;
  samples: number[];
}

const MEMORY_LINE =
  /^memory \(pid (\d+)\): rss \d+ MiB, heapTotal (\d+), heapUsed (\d+)\b.*?(?:sandbox cache \d+ entries (\d+)\/(\d+) MiB(?: \(shed (\d+) history, (\d+) all(?:, \d+ refused)?\))?)?(?:, after major GC (\d+) \(\d+ major GCs\))?$/;

/** One line of memory-log.cjs, in MiB. */
export interface MemoryLogPoint {
  atMs: number;
  heapTotal: number;
  heapUsed: number;
  /** The sandbox cache's estimate and budget, when the worker has one; copies shed, when logged. */
  cache?: { bytes: number; budget: number; shed?: number };
  /** The lowest heapUsed just after a major GC since the line before (the live set), if one ran. */
  afterMajorGc?: number;
}

/**
 * The workers' memory log (memory-log.cjs lines): when each worker's sandbox cache first
 * filled its budget, and what its heap and cache held over time. Until the cache is full
 * a worker's memory grows by design (each new sandbox is kept, and each copy grows with its
 * history up to the compaction bound), so that is part of its warm-up: the verdict is about
 * what happens once the cache evicts, and the report says when it never filled.
 */
export class CacheFillWatcher {
  private readonly filledAt = new Map<number, number>();
  private readonly log = new Map<number, MemoryLogPoint[]>();

  /** One line of the app's stderr, seen `atMs` after the measurement started. */
  line(text: string, atMs: number): void {
    const m = MEMORY_LINE.exec(text);
    if (!m) return;
    const pid = Number(m[1]);
    const point: MemoryLogPoint = { atMs, heapTotal: Number(m[2]), heapUsed: Number(m[3]) };
    if (m[4] !== undefined) point.cache = { bytes: Number(m[4]), budget: Number(m[5]) };
    if (m[6] !== undefined) point.cache!.shed = Number(m[6]) + Number(m[7]);
    if (m[8] !== undefined) point.afterMajorGc = Number(m[8]);
    let points = this.log.get(pid);
    if (!points) this.log.set(pid, (points = []));
    points.push(point);
    // Full: within the size of one large sandbox (a few MiB) of the budget.
    if (!this.filledAt.has(pid) && point.cache && point.cache.bytes >= point.cache.budget * 0.97)
      this.filledAt.set(pid, atMs);
  }

  /** Milliseconds from the start until `pid`'s cache was full, or undefined (never, or not logged). */
  filled(pid: number | undefined): number | undefined {
    return pid === undefined ? undefined : this.filledAt.get(pid);
  }

  /** What `pid` logged, oldest first (empty when nothing). */
  points(pid: number | undefined): readonly MemoryLogPoint[] {
    return (pid === undefined ? undefined : this.log.get(pid)) ?? [];
  }
}

/**
 * The live heap's trend after `fromMs`: the lowest heapUsed of each minute (V8 collects in a
 * sawtooth; the floor after its major GCs is what is really held), first and last and the
 * fitted slope per minute; and the sandbox cache's estimate likewise. Undefined with fewer
 * than three minutes logged.
 */
export function heapTrend(
  points: readonly MemoryLogPoint[],
  fromMs: number,
):
  | {
      floor: { first: number; last: number; slopePerMinute: number };
      heapTotal: { first: number; last: number };
      /** The live set: the lowest heapUsed after a major GC each minute that had one. */
      live?: {
        first: number;
        last: number;
        mean: number;
        slopePerMinute: number;
        minutes: number;
      };
      cache?: {
        first: number;
        last: number;
        budget: number;
        slopePerMinute: number;
        /** Copies shed at the last line, when logged. */
        shed?: number;
      };
    }
  | undefined {
  const after = points.filter((p) => p.atMs >= fromMs);
  const minutes = new Map<number, MemoryLogPoint[]>();
  for (const p of after) {
    const m = Math.floor((p.atMs - fromMs) / 60_000);
    let l = minutes.get(m);
    if (!l) minutes.set(m, (l = []));
    l.push(p);
  }
  const perMinute = [...minutes.values()];
  if (perMinute.length < 3) return undefined;
  const floors = perMinute.map((l) => Math.min(...l.map((p) => p.heapUsed)));
  const slope = (ys: readonly number[]) =>
    flatness(
      ys.map((y) => y * MIB),
      60_000,
    )!.slopePerMinute / MIB;
  const first = after[0]!;
  const last = after.at(-1)!;
  const trend: NonNullable<ReturnType<typeof heapTrend>> = {
    floor: { first: floors[0]!, last: floors.at(-1)!, slopePerMinute: slope(floors) },
    heapTotal: { first: first.heapTotal, last: last.heapTotal },
  };
  const lives = perMinute
    .map((l) => Math.min(...l.map((p) => p.afterMajorGc ?? Infinity)))
    .filter((v) => v < Infinity);
  if (lives.length >= 3) {
    trend.live = {
      first: lives[0]!,
      last: lives.at(-1)!,
      mean: lives.reduce((a, b) => a + b, 0) / lives.length,
      slopePerMinute: slope(lives),
      minutes: lives.length,
    };
  }
  if (first.cache && last.cache) {
    const cached = perMinute.map((l) => l.at(-1)!.cache?.bytes ?? 0);
    trend.cache = {
      first: first.cache.bytes,
      last: last.cache.bytes,
      budget: last.cache.budget,
      slopePerMinute: slope(cached),
    };
    if (last.cache.shed !== undefined) trend.cache.shed = last.cache.shed;
  }
  return trend;
}

const MIB = 1024 * 1024;

/** What "flat" means, printed under the verdict. */
export const CRITERION = `memory criterion: a worker is flat when, after its warm-up (two minutes, or until its sandbox cache first filled), its RSS's last third is at most ${(FLAT_GROWTH * 100).toFixed(0)} % above its first third and the fitted slopes of its RSS and of its live heap (heapUsed after major GCs, when logged) are at most ${(FLAT_SLOPE_PER_MINUTE * 100).toFixed(0)} % of their level per minute`;

/** Resident memory per process, sampled together: a worker restarted meanwhile gets a series of its own. */
export class MemorySampler {
  private readonly series = new Map<number, MemorySeries>();

  record(processes: readonly { pid: number; rssBytes: number }[], labelOf: (i: number) => string) {
    processes.forEach((p, i) => {
      let s = this.series.get(p.pid);
      if (!s) {
        s = { label: `${labelOf(i)} pid ${p.pid}`, pid: p.pid, samples: [] };
        this.series.set(p.pid, s);
      }
      s.samples.push(p.rssBytes);
    });
  }

  all(): MemorySeries[] {
    return [...this.series.values()];
  }
}

/**
 * One line per series with its samples, then (over a soak) the verdict per worker and
 * overall. `judged` picks the series the verdict is about (the workers, not the launcher).
 * The warm-up left out is two minutes (at most a quarter of the samples), or longer for a
 * worker whose sandbox cache filled later (`cacheFilledMs`): the report says which.
 */
export function memoryReport(
  series: readonly MemorySeries[],
  intervalMs: number,
  soak: boolean,
  judged: (s: MemorySeries) => boolean,
  cacheFilledMs: (s: MemorySeries) => number | undefined = () => undefined,
  logOf: (s: MemorySeries) => readonly MemoryLogPoint[] = () => [],
): string[] {
  const lines = series.map(
    (s) =>
      `memory ${s.label} (RSS every ${intervalMs / 1000} s): ${s.samples.map(mib).join(" → ") || "-"}`,
  );
  if (!soak) {
    lines.push(
      "memory flatness: judged on a soak only (--soak-seconds=600 for the 10-minute soak)",
    );
    return lines;
  }
  let verdicts = 0;
  let flat = 0;
  for (const s of series.filter(judged)) {
    const filled = cacheFilledMs(s);
    const warmup = Math.max(
      warmupSamples(s.samples.length, intervalMs),
      filled === undefined ? 0 : Math.ceil(filled / intervalMs),
    );
    const why =
      filled !== undefined && warmup * intervalMs > 120_000
        ? " (until its sandbox cache filled)"
        : "";
    const f = flatness(s.samples, intervalMs, warmup);
    if (!f) {
      lines.push(`memory flatness ${s.label}: too few samples to judge`);
      continue;
    }
    verdicts++;
    const trend = heapTrend(logOf(s), warmup * intervalMs);
    // The live heap (after major GCs) is judged too when logged: RSS follows V8's lazy heap
    // growth and may level off at a ceiling while what is really held still grows.
    const live = trend?.live;
    const liveOk = !live || live.slopePerMinute <= FLAT_SLOPE_PER_MINUTE * live.mean;
    const ok = isFlat(f) && liveOk;
    if (ok) flat++;
    let verdict = `memory flatness ${s.label}: ${ok ? "FLAT" : "GROWING"} - after ${((warmup * intervalMs) / 1000).toFixed(0)} s of warm-up${why}, ${f.samples} samples around ${mib(f.mean)}: slope ${mib(f.slopePerMinute)}/min (flat ≤ ${mib(FLAT_SLOPE_PER_MINUTE * f.mean)}/min), last third vs first third ${(f.growth * 100).toFixed(1)} % (flat ≤ ${(FLAT_GROWTH * 100).toFixed(0)} %)`;
    if (live)
      verdict += `; live heap ${live.slopePerMinute.toFixed(1)} MiB/min (flat ≤ ${(FLAT_SLOPE_PER_MINUTE * live.mean).toFixed(1)} MiB/min)`;
    lines.push(verdict);
    if (trend) {
      const { floor, heapTotal, cache, live } = trend;
      let text = `memory heap ${s.label} after the warm-up: lowest heapUsed each minute ${floor.first} → ${floor.last} MiB (${floor.slopePerMinute.toFixed(0)} MiB/min)`;
      if (live)
        text += `, live heap (lowest after a major GC, ${live.minutes} minutes with one) ${live.first} → ${live.last} MiB (${live.slopePerMinute.toFixed(1)} MiB/min)`;
      text += `, heapTotal ${heapTotal.first} → ${heapTotal.last} MiB`;
      if (cache) {
        text += `, sandbox cache ${cache.first} → ${cache.last} of ${cache.budget} MiB (${cache.slopePerMinute.toFixed(0)} MiB/min${cache.shed === undefined ? "" : `, ${cache.shed} copies shed at the end`})`;
        // Growing below its budget: the copies kept are still growing (new sandboxes, or each
        // one's history up to the compaction bound), so the level has not been reached yet.
        if (filled === undefined && cache.slopePerMinute > 1)
          text += " - the cache was still filling: its working set had not stopped growing";
      }
      lines.push(text);
    }
  }
  lines.push(
    verdicts === 0
      ? "memory per worker: not judged (no worker sampled long enough)"
      : `memory per worker: ${flat === verdicts ? "flat" : "NOT flat"} over the soak (${flat} of ${verdicts} workers flat)`,
  );
  if (verdicts > 0) lines.push(CRITERION);
  return lines;
}
