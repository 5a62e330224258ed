// The load report's memory part: resident memory of each app process sampled over
// the run, and over a soak the verdict whether each worker's memory stayed flat
// after the warm-up (issue #11: "memory per instance flat over a 10-minute soak").
import { flatness, isFlat, warmupSamples } from "./stats";

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;

/** Samples of one process, in bytes, taken every `intervalMs`. */
export interface MemorySeries {
  label: string;
  samples: number[];
}

/** Resident memory per process, sampled together: a worker restarted meanwhile gets a series of its own. */
export class MemorySampler {
  private readonly series = new Map<number, MemorySeries>();

  record(processes: readonly { pid: number; rssBytes: number }[], labelOf: (i: number) => string) {
    processes.forEach((p, i) => {
      let s = this.series.get(p.pid);
      if (!s) this.series.set(p.pid, (s = { label: `${labelOf(i)} pid ${p.pid}`, samples: [] }));
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
 */
export function memoryReport(
  series: readonly MemorySeries[],
  intervalMs: number,
  soak: boolean,
  judged: (s: MemorySeries) => boolean,
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
    const warmup = warmupSamples(s.samples.length, intervalMs);
    const f = flatness(s.samples, intervalMs, warmup);
    if (!f) {
      lines.push(`memory flatness ${s.label}: too few samples to judge`);
      continue;
    }
    verdicts++;
    const ok = isFlat(f);
    if (ok) flat++;
    lines.push(
      `memory flatness ${s.label}: ${ok ? "FLAT" : "GROWING"} - after ${((warmup * intervalMs) / 1000).toFixed(0)} s of warm-up, ${f.samples} samples around ${mib(f.mean)}: slope ${mib(f.slopePerMinute)}/min, last third vs first third ${(f.growth * 100).toFixed(1)} %`,
    );
  }
  lines.push(
    verdicts === 0
      ? "memory per worker: not judged (no worker sampled long enough)"
      : `memory per worker: ${flat === verdicts ? "flat" : "NOT flat"} over the soak (${flat} of ${verdicts} workers flat)`,
  );
  return lines;
}
