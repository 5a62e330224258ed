// The load report's memory part: resident memory of each app process sampled over
// the run, and over a soak the verdict whether each worker's memory stayed flat
// after the warm-up (issue #11: "memory per instance flat over a 10-minute soak").
import { flatness, isFlat, warmupSamples } from "./stats";

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;

/** Samples of one process, in bytes, taken every `intervalMs`. */
export interface MemorySeries {
  label: string;
  pid?: number;
  samples: number[];
}

const CACHE_LINE = /^memory \(pid (\d+)\):.*sandbox cache \d+ entries (\d+)\/(\d+) MiB/;

/**
 * When each worker's sandbox cache first filled its budget, read from the lines
 * memory-log.cjs prints. Until then a worker's memory grows by design (each new sandbox
 * is kept, up to the budget), so that is part of its warm-up: the verdict is about what
 * happens once the cache evicts.
 */
export class CacheFillWatcher {
  private readonly filledAt = new Map<number, number>();

  /** One line of the app's stderr, seen `atMs` after the measurement started. */
  line(text: string, atMs: number): void {
    const m = CACHE_LINE.exec(text);
    if (!m) return;
    const pid = Number(m[1]);
    // Full: within the size of one large sandbox (a few MiB) of the budget.
    if (!this.filledAt.has(pid) && Number(m[2]) >= Number(m[3]) * 0.97)
      this.filledAt.set(pid, atMs);
  }

  /** Milliseconds from the start until `pid`'s cache was full, or undefined (never, or not logged). */
  filled(pid: number | undefined): number | undefined {
    return pid === undefined ? undefined : this.filledAt.get(pid);
  }
}

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
    const ok = isFlat(f);
    if (ok) flat++;
    lines.push(
      `memory flatness ${s.label}: ${ok ? "FLAT" : "GROWING"} - after ${((warmup * intervalMs) / 1000).toFixed(0)} s of warm-up${why}, ${f.samples} samples around ${mib(f.mean)}: slope ${mib(f.slopePerMinute)}/min, last third vs first third ${(f.growth * 100).toFixed(1)} %`,
    );
  }
  lines.push(
    verdicts === 0
      ? "memory per worker: not judged (no worker sampled long enough)"
      : `memory per worker: ${flat === verdicts ? "flat" : "NOT flat"} over the soak (${flat} of ${verdicts} workers flat)`,
  );
  return lines;
}
