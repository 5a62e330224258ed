// bench:load's view of the worker probe (worker-probe.mjs): its lines joined with the
// latencies the learners saw, so the report can say where the exec tail's time went -
// waiting for a busy worker (and what kept it busy), the hand-off to the sandbox's owner,
// the handler's own time, GC pauses - measured inside the workers, so it holds on a
// shared machine where a client-side percentile alone cannot tell queueing from work.
import { percentile } from "./stats";

export const PROBE_PREFIX = "[kubelab-probe] ";

interface ReqRecord {
  id: string;
  kind: string;
  w: number;
  sent: number;
  at: number;
  end: number;
  gc: number;
  waitStall: number;
  waitGc: number;
  /** Stall time, while it waited or ran, in which the worker was descheduled. */
  away: number;
  fwd: 0 | 1;
  /** Its CPU time when it ran alone where it arrived, else null. */
  cpu: number | null;
}
interface FwdRecord {
  id: string;
  w: number;
  at: number;
  end: number;
  gc: number;
  away: number;
  /** Its CPU time on the owner when it ran alone there, else null. */
  cpu: number | null;
}
/** The probe's "stall" record (worker-probe.mjs). */
export interface StallRecord {
  w: number;
  start: number;
  ms: number;
  /** The process's CPU time during the stall (all threads). */
  cpu: number;
  gc: number;
  suspects: string[];
}
interface LoopRecord {
  w: number;
  t: number;
  p50: number;
  p99: number;
  max: number;
  gc: { count: number; ms: number; max: number; major: number };
}

/** Where one request's time went, in ms; the parts add up to its latency. */
export interface Breakdown {
  /** From the learner's send to the worker's `request` event (kernel queue, busy event loop). */
  wait: number;
  /** Of the wait, the time the worker's event loop was stalled ≥ 20 ms. */
  waitStall: number;
  /** From the worker taking it to the owner starting it (0 when served where it arrived). */
  handOff: number;
  /** The handler's own time, where it ran. */
  handler: number;
  /** Of the handler's time, GC pauses. */
  gc: number;
  /** The owner's answer back to the worker holding the connection, and its write. */
  back: number;
  /** From the worker's finished write to the learner's read. */
  client: number;
  /**
   * Of all the above, stalls in which the worker (either, when forwarded) was descheduled:
   * the machine's other processes had the cores. A shared machine's share of the latency.
   */
  away: number;
  forwarded: boolean;
}

/** The part that took the most of a request's time: its cause in the tail's tally. */
export function mainCause(b: Breakdown): string {
  const total = b.wait + b.handOff + b.handler + b.back + b.client;
  if (b.away >= total / 2) return "descheduled (machine)";
  const parts: [string, number][] = [
    [b.waitStall > b.wait / 2 ? "wait: event loop stalled" : "wait: queued", b.wait],
    ["hand-off to the owner", b.handOff + b.back],
    [b.gc > b.handler / 2 ? "handler: GC" : "handler", b.handler],
    ["client", b.client],
  ];
  return parts.reduce((a, c) => (c[1] > a[1] ? c : a))[0];
}

export function breakdownOf(latency: number, r: ReqRecord, f: FwdRecord | undefined): Breakdown {
  const wait = Math.max(0, r.at - r.sent);
  const served = r.end - r.at;
  const handOff = f ? Math.max(0, f.at - r.at) : 0;
  const handler = f ? f.end - f.at : served;
  const back = f ? Math.max(0, r.end - f.end) : 0;
  return {
    wait,
    waitStall: Math.min(wait, r.waitStall),
    handOff,
    handler,
    gc: f ? f.gc : r.gc,
    back,
    client: Math.max(0, latency - (r.end - r.sent)),
    forwarded: !!f || r.fwd === 1,
    away: Math.min(latency, r.away + (f?.away ?? 0)),
  };
}

const f1 = (v: number) => v.toFixed(1);

export class ProbeBook {
  private readonly reqs = new Map<string, ReqRecord>();
  private readonly fwds = new Map<string, FwdRecord>();
  private readonly stalls: StallRecord[] = [];
  private readonly loops: LoopRecord[] = [];

  /** True when the line was the probe's (kept, not to be printed). */
  line(line: string): boolean {
    if (!line.startsWith(PROBE_PREFIX)) return false;
    try {
      const r = JSON.parse(line.slice(PROBE_PREFIX.length)) as
        | ({ k: "req" } & ReqRecord)
        | ({ k: "fwd" } & FwdRecord)
        | ({ k: "stall" } & StallRecord)
        | ({ k: "loop" } & LoopRecord);
      if (r.k === "req") this.reqs.set(r.id, r);
      else if (r.k === "fwd") this.fwds.set(r.id, r);
      else if (r.k === "stall") this.stalls.push(r);
      else if (r.k === "loop") this.loops.push(r);
    } catch {
      // a torn line: ignore
    }
    return true;
  }

  /**
   * The attribution lines: for the exec requests at or above `tailQ` of their latencies
   * (and, beside them, those under the median), the mean of each part; the tail's causes;
   * what was in flight during the event-loop stalls; event-loop delay and GC per worker.
   * `from`/`to`: the phase's epoch ms (stalls and windows outside are left out).
   */
  report(
    sent: readonly { id: string; endpoint: string; ms: number }[],
    from: number,
    to: number,
    tailQ = 0.95,
  ): string[] {
    const lines: string[] = [];
    const execs = sent.filter((s) => s.endpoint.startsWith("POST exec"));
    const joined = execs.flatMap((s) => {
      const r = this.reqs.get(s.id);
      return r ? [{ s, b: breakdownOf(s.ms, r, this.fwds.get(s.id)) }] : [];
    });
    lines.push(
      `\nwhere the exec time went (bench/load/worker-probe.mjs, inside the workers; ${joined.length} of ${execs.length} commands joined), mean ms:`,
    );
    if (joined.length === 0) return lines;
    const sorted = joined.map((j) => j.s.ms).sort((a, b) => a - b);
    const tailFrom = percentile(sorted, tailQ);
    const median = percentile(sorted, 0.5);
    const groups: [string, typeof joined][] = [
      [`below the median (< ${f1(median)} ms)`, joined.filter((j) => j.s.ms < median)],
      [
        `tail (≥ p${Math.round(tailQ * 100)}, ${f1(tailFrom)} ms)`,
        joined.filter((j) => j.s.ms >= tailFrom),
      ],
    ];
    lines.push(
      `| commands | n | latency | wait (of it stalled) | hand-off + back | handler (of it GC) | client | of all, descheduled | forwarded |`,
      `|---|---:|---:|---:|---:|---:|---:|---:|---:|`,
    );
    for (const [name, g] of groups) {
      if (g.length === 0) continue;
      const mean = (f: (b: Breakdown) => number) => g.reduce((a, j) => a + f(j.b), 0) / g.length;
      const lat = g.reduce((a, j) => a + j.s.ms, 0) / g.length;
      lines.push(
        `| ${name} | ${g.length} | ${f1(lat)} | ${f1(mean((b) => b.wait))} (${f1(mean((b) => b.waitStall))}) | ${f1(mean((b) => b.handOff + b.back))} | ${f1(mean((b) => b.handler))} (${f1(mean((b) => b.gc))}) | ${f1(mean((b) => b.client))} | ${f1(mean((b) => b.away))} | ${Math.round((100 * g.filter((j) => j.b.forwarded).length) / g.length)} % |`,
      );
    }
    const tail = groups[1]![1];
    const causes = new Map<string, number>();
    for (const j of tail) causes.set(mainCause(j.b), (causes.get(mainCause(j.b)) ?? 0) + 1);
    lines.push(
      `tail's largest part: ${[...causes]
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => `${c} ${n}`)
        .join(", ")}`,
    );
    const all = this.stalls.filter((s) => s.start >= from && s.start <= to);
    // A stall the worker spent mostly without CPU was the machine's (other processes ran);
    // one it spent on CPU was its own work: GC, or the requests in flight.
    const own = all.filter((s) => s.cpu >= s.ms / 2);
    const away = all.filter((s) => s.cpu < s.ms / 2);
    const sum = (l: StallRecord[], f: (s: StallRecord) => number) =>
      l.reduce((a, s) => a + f(s), 0);
    const longest = (l: StallRecord[]) => l.reduce((a, s) => Math.max(a, s.ms), 0);
    const suspects = new Map<string, number>();
    for (const s of own)
      for (const k of new Set(s.suspects)) suspects.set(k, (suspects.get(k) ?? 0) + s.ms);
    lines.push(
      `event-loop stalls ≥ 20 ms: ${all.length}, ${f1(sum(all, (s) => s.ms))} ms in all; descheduled (process CPU < half the stall: the machine's other processes ran) ${away.length}, ${f1(sum(away, (s) => s.ms))} ms, longest ${f1(longest(away))} ms; on CPU ${own.length}, ${f1(sum(own, (s) => s.ms))} ms (GC inside ${f1(sum(own, (s) => s.gc))} ms), longest ${f1(longest(own))} ms`,
      `in flight during the on-CPU stalls (ms of stall each was present for): ${
        [...suspects]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 6)
          .map(([k, ms]) => `${k} ${ms.toFixed(0)}`)
          .join(", ") || "-"
      }`,
    );
    // Each kind's CPU cost from the requests that ran alone (wall time would count the machine).
    const cpuByKind = new Map<string, number[]>();
    for (const s of sent) {
      const r = this.reqs.get(s.id);
      const cpu = r?.cpu ?? this.fwds.get(s.id)?.cpu;
      if (!r || cpu === null || cpu === undefined) continue;
      const key = s.endpoint.startsWith("POST exec") ? s.endpoint : r.kind;
      let list = cpuByKind.get(key);
      if (!list) cpuByKind.set(key, (list = []));
      list.push(cpu);
    }
    const counts = new Map<string, number>();
    for (const s of sent) {
      const key = s.endpoint.startsWith("POST exec") ? s.endpoint : this.reqs.get(s.id)?.kind;
      if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    lines.push(
      `worker CPU per request, from those that ran alone (median ms × requests = CPU s): ${[
        ...cpuByKind,
      ]
        .map(([k, l]) => {
          const med = percentile(
            [...l].sort((a, b) => a - b),
            0.5,
          );
          return { k, med, n: l.length, total: (med * (counts.get(k) ?? 0)) / 1000 };
        })
        .sort((a, b) => b.total - a.total)
        .map((c) => `${c.k} ${f1(c.med)} (n ${c.n}) × ${counts.get(c.k)} = ${c.total.toFixed(1)} s`)
        .join("; ")}`,
    );
    const workers = [...new Set(this.loops.map((l) => l.w))].sort();
    for (const w of workers) {
      const ls = this.loops.filter((l) => l.w === w && l.t >= from && l.t <= to + 5_000);
      if (ls.length === 0) continue;
      const gc = ls.reduce(
        (a, l) => ({
          count: a.count + l.gc.count,
          ms: a.ms + l.gc.ms,
          max: Math.max(a.max, l.gc.max),
          major: a.major + l.gc.major,
        }),
        { count: 0, ms: 0, max: 0, major: 0 },
      );
      const p99s = ls.map((l) => l.p99).sort((a, b) => a - b);
      lines.push(
        `worker ${w}: event-loop delay per 5 s window p99 median ${f1(percentile(p99s, 0.5))} ms, worst ${f1(p99s[p99s.length - 1]!)} ms, max ${f1(Math.max(...ls.map((l) => l.max)))} ms; GC ${gc.count} pauses (${gc.major} major), ${f1(gc.ms)} ms in all, longest ${f1(gc.max)} ms`,
      );
    }
    return lines;
  }
}
