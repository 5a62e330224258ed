// Latency samples per endpoint and their percentiles, for the load report.

export class LatencyBook {
  private readonly samples = new Map<string, number[]>();
  private readonly errors = new Map<string, number>();
  private readonly resends = new Map<string, number>();

  record(endpoint: string, ms: number, ok: boolean): void {
    let list = this.samples.get(endpoint);
    if (!list) this.samples.set(endpoint, (list = []));
    list.push(ms);
    if (!ok) this.errors.set(endpoint, (this.errors.get(endpoint) ?? 0) + 1);
  }

  count(endpoint?: string): number {
    if (endpoint) return this.samples.get(endpoint)?.length ?? 0;
    return [...this.samples.values()].reduce((n, l) => n + l.length, 0);
  }

  /** A request resent on a new connection, as a browser does (bench/load/browser-resend.ts). */
  resent(endpoint: string): void {
    this.resends.set(endpoint, (this.resends.get(endpoint) ?? 0) + 1);
  }

  /** The report's line about resends: how many, on which endpoints. */
  resendLine(): string {
    const total = [...this.resends.values()].reduce((n, e) => n + e, 0);
    const where = [...this.resends.entries()].map(([e, n]) => `${e} ${n}`).join(", ");
    return `resent on a new connection after the server closed a kept-alive one (as a browser does): ${total}${where ? ` (${where})` : ""}`;
  }

  errorCount(): number {
    return [...this.errors.values()].reduce((n, e) => n + e, 0);
  }

  rows(): {
    endpoint: string;
    count: number;
    errors: number;
    p50: number;
    p95: number;
    p99: number;
    max: number;
  }[] {
    return [...this.samples.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([endpoint, list]) => {
        const sorted = [...list].sort((a, b) => a - b);
        return {
          endpoint,
          count: sorted.length,
          errors: this.errors.get(endpoint) ?? 0,
          p50: percentile(sorted, 0.5),
          p95: percentile(sorted, 0.95),
          p99: percentile(sorted, 0.99),
          max: sorted[sorted.length - 1] ?? 0,
        };
      });
  }
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Flatness {
  /** Least-squares slope of the samples, in bytes per minute. */
  slopePerMinute: number;
  /** Mean of the last third relative to the mean of the first third (0.05 = 5 % growth). */
  growth: number;
  /** Mean of the samples judged (after the warm-up), in bytes. */
  mean: number;
  /** Samples judged. */
  samples: number;
}

/**
 * A soak's memory is flat when, after the warm-up, the last third is at most 10 % above
 * the first and the fitted slope is under 1 % of the level per minute (a process that
 * keeps it up for an hour grows by less than half again). A leak of 4 MiB per learner
 * on a 300 MiB worker breaks both within minutes; V8's sawtooth breaks neither.
 */
export const FLAT_GROWTH = 0.1;
export const FLAT_SLOPE_PER_MINUTE = 0.01;

export function isFlat(f: Flatness): boolean {
  return f.growth <= FLAT_GROWTH && f.slopePerMinute <= FLAT_SLOPE_PER_MINUTE * f.mean;
}

/**
 * How flat a memory series is over a soak: the fitted slope and the growth of the
 * last third over the first third. The first `warmup` samples (JIT, caches filling)
 * are left out. Undefined with fewer than three samples to judge.
 */
export function flatness(
  samples: readonly number[],
  intervalMs: number,
  warmup = 0,
): Flatness | undefined {
  const s = samples.slice(warmup);
  if (s.length < 3) return undefined;
  const n = s.length;
  const meanX = (n - 1) / 2;
  const meanY = s.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  s.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  const third = Math.max(1, Math.floor(n / 3));
  const mean = (l: readonly number[]) => l.reduce((a, b) => a + b, 0) / l.length;
  const first = mean(s.slice(0, third));
  const last = mean(s.slice(n - third));
  return {
    slopePerMinute: (num / den) * (60_000 / intervalMs),
    growth: first === 0 ? 0 : last / first - 1,
    mean: meanY,
    samples: n,
  };
}

/** Samples of a soak left out as its warm-up: two minutes (caches fill during the first sessions), at most a quarter. */
export function warmupSamples(count: number, intervalMs: number): number {
  return Math.min(Math.ceil(120_000 / intervalMs), Math.floor(count / 4));
}
