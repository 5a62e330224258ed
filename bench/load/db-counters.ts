// bench:load's view of the workers' sandbox-store counters (lib/db/sandboxes/counters.ts):
// each worker prints its totals as a line on stderr every KUBELAB_DB_COUNTERS_MS; the
// report is the difference between the lines around the measured phase, summed.
import {
  COUNTERS_LINE_PREFIX,
  parseCountersLine,
  type DbCounters,
} from "@/lib/db/sandboxes/counters";

type Totals = DbCounters;

function minus(a: Totals, b: Totals | undefined): Totals {
  const out = { ...a };
  if (b) for (const k of Object.keys(out) as (keyof Totals)[]) out[k] -= b[k];
  return out;
}

export class DbCountersBook {
  private readonly latest = new Map<number, Totals>();
  private start = new Map<number, Totals>();

  /** True when the line was a counters report (kept, not to be printed). */
  line(line: string): boolean {
    if (!line.startsWith(COUNTERS_LINE_PREFIX)) return false;
    const parsed = parseCountersLine(line);
    if (parsed) this.latest.set(parsed.pid, parsed.counters);
    return true;
  }

  markStart(): void {
    this.start = new Map(this.latest);
  }

  /** Per worker and summed, over the measured phase; empty when no worker reported. */
  report(phase = "measured phase"): string[] {
    if (this.latest.size === 0) return [];
    const per = [...this.latest].map(([pid, t]) => ({ pid, d: minus(t, this.start.get(pid)) }));
    const sum = { ...per[0]!.d };
    for (const { d } of per.slice(1))
      for (const k of Object.keys(sum) as (keyof Totals)[]) sum[k] += d[k];
    const lines = [`\nsandbox store (lib/db/sandboxes/counters.ts), ${phase}:`];
    for (const { pid, d } of [...per, { pid: 0, d: sum }]) {
      const runs = d.runs || 1;
      const pct = (n: number) => `${((100 * n) / runs).toFixed(1)}%`;
      lines.push(
        `${pid ? `worker ${pid}` : "all workers"}: ${d.runs} runs - cached ${pct(d.cached)}, stale ${pct(d.stale)}, missing ${pct(d.missing)}; ` +
          `full loads ${d.fullLoads}, refreshes ${d.refreshes}, retries ${d.retries}, locked ${d.locked}; ` +
          `${d.statements} statements (${(d.statements / runs).toFixed(2)} per run); lab opens ${d.labOpens}, created ${d.labCreated}`,
      );
    }
    return lines;
  }
}
