// Latency samples per endpoint and their percentiles, for the load report.

export class LatencyBook {
  private readonly samples = new Map<string, number[]>();
  private readonly errors = new Map<string, number>();

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
