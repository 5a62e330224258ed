// npx tsx bench/load/stall-profile.ts --probe=<probe dump> --prof-dir=<dir> [--min-ms=200]
//                                     [--top=12] [--all-only] [--from=<ISO time>]
// What ran during the app workers' long event-loop stalls. bench:load's paced phase run with
// KUBELAB_PROBE_DUMP=<file> (the worker probe's lines: stalls, long GCs, clock pairs) and
// KUBELAB_CPU_PROF_DIR=<dir> (a .cpuprofile per worker, written when it exits) leaves both;
// this maps each profile onto the epoch through the probe's "clock" pairs (the profile's
// sample times are the process's monotonic clock) and, for every stall the worker spent on
// CPU (≥ --min-ms, process CPU ≥ half its length), prints the samples inside it: the top
// functions by self and by inclusive time, the garbage collector's share, the long GCs (kind,
// flags) the probe saw in it; then the same over all those stalls together. --from leaves out
// the stalls before it (e.g. the paced phase's start: the servers' start loads modules).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { label, stackLabels, treeOf, type CpuProfile } from "../cpu-profile-tree";
import type { StallRecord } from "./probe-book";

type Stall = StallRecord;
interface Gc {
  w: number;
  start: number;
  ms: number;
  kind?: number;
  flags?: number;
}

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

// perf_hooks.constants: NODE_PERFORMANCE_GC_* kinds and flags.
const GC_KINDS: Record<number, string> = {
  1: "scavenge",
  4: "mark-compact",
  8: "incremental marking",
  16: "weak callbacks",
};
const GC_FLAGS: [number, string][] = [
  [2, "constructRetained"],
  [4, "forced"],
  [8, "synchronousPhantom"],
  [16, "allAvailableGarbage"],
  [32, "allExternalMemory"],
  [64, "scheduleIdle"],
];
function gcName(g: Gc): string {
  const flags = GC_FLAGS.filter(([bit]) => ((g.flags ?? 0) & bit) !== 0).map(([, n]) => n);
  return `${GC_KINDS[g.kind ?? 0] ?? `kind ${g.kind}`}${flags.length ? ` (${flags.join(", ")})` : ""} ${g.ms.toFixed(0)} ms`;
}

/** One worker's profile with its samples' epoch ms. */
interface WorkerProfile {
  profile: CpuProfile;
  byId: ReturnType<typeof treeOf>["byId"];
  parent: ReturnType<typeof treeOf>["parent"];
  /** Epoch ms of each sample (the end of its time delta). */
  at: Float64Array;
}

function loadProfiles(dir: string, clocks: Map<number, { w: number; offsets: number[] }>) {
  const byWorker = new Map<number, WorkerProfile>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    // node's name: CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile
    const pid = Number(file.split(".")[3]);
    const clock = clocks.get(pid);
    if (!clock) continue;
    const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    // epoch ms = mono µs / 1000 + offset; the median pair's offset (a pair read across a
    // preemption is off by the preemption).
    const offsets = [...clock.offsets].sort((a, b) => a - b);
    const offset = offsets[offsets.length >> 1]!;
    const at = new Float64Array(profile.samples.length);
    let t = profile.startTime;
    profile.timeDeltas.forEach((d, i) => {
      t += d;
      at[i] = t / 1000 + offset;
    });
    byWorker.set(clock.w, { profile, ...treeOf(profile), at });
  }
  return byWorker;
}

/** Self and inclusive µs per function label of the samples in [from, to]. */
function attribute(
  p: WorkerProfile,
  from: number,
  to: number,
  self: Map<string, number>,
  incl: Map<string, number>,
) {
  let total = 0;
  for (let i = 0; i < p.at.length; i++) {
    const t = p.at[i]!;
    if (t < from) continue;
    if (t > to) break;
    // A sample stands for the time since the previous one.
    const us = p.profile.timeDeltas[i] ?? 0;
    const id = p.profile.samples[i]!;
    total += us;
    const name = label(p.byId.get(id)!);
    self.set(name, (self.get(name) ?? 0) + us);
    for (const l of stackLabels(id, p.byId, p.parent)) incl.set(l, (incl.get(l) ?? 0) + us);
  }
  return total;
}

function top(map: Map<string, number>, total: number, n: number, skip: (k: string) => boolean) {
  return [...map]
    .filter(([k]) => !skip(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(
      ([k, us]) =>
        `    ${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / total).toFixed(0).padStart(3)}%  ${k}`,
    );
}

function main(): void {
  const probeFile = option("probe", "");
  const dir = option("prof-dir", "");
  if (!probeFile || !dir) throw new Error("usage: stall-profile --probe=<dump> --prof-dir=<dir>");
  const minMs = Number(option("min-ms", "200"));
  const n = Number(option("top", "12"));
  const allOnly = process.argv.includes("--all-only");
  const from = option("from", "") ? Date.parse(option("from", "")) : 0;
  const stalls: Stall[] = [];
  const gcs: Gc[] = [];
  const clocks = new Map<number, { w: number; offsets: number[] }>();
  for (const line of readFileSync(probeFile, "utf8").split("\n")) {
    const i = line.indexOf("{");
    if (i < 0) continue;
    let r: { k: string; w: number; pid?: number; mono?: number; epoch?: number };
    try {
      r = JSON.parse(line.slice(i));
    } catch {
      continue;
    }
    if (r.k === "stall") stalls.push(r as unknown as Stall);
    else if (r.k === "gc") gcs.push(r as unknown as Gc);
    else if (r.k === "clock") {
      let c = clocks.get(r.pid!);
      if (!c) clocks.set(r.pid!, (c = { w: r.w, offsets: [] }));
      c.offsets.push(r.epoch! - r.mono! / 1000);
    }
  }
  const profiles = loadProfiles(dir, clocks);
  if (profiles.size === 0) throw new Error(`no profile in ${dir} matches a worker of ${probeFile}`);
  const long = stalls.filter(
    (s) => s.start >= from && s.ms >= minMs && s.cpu >= s.ms / 2 && profiles.has(s.w),
  );
  console.log(
    `${long.length} on-CPU stalls ≥ ${minMs} ms (of ${stalls.length} stall records), ${long.reduce((a, s) => a + s.ms, 0).toFixed(0)} ms in all; workers profiled: ${[...profiles.keys()].join(", ")}`,
  );
  const allSelf = new Map<string, number>();
  const allIncl = new Map<string, number>();
  let allTotal = 0;
  const plumbing = (k: string) => k.startsWith("(root)") || k.startsWith("(program)");
  for (const s of long.sort((a, b) => a.start - b.start)) {
    const p = profiles.get(s.w)!;
    const self = new Map<string, number>();
    const incl = new Map<string, number>();
    const total = attribute(p, s.start, s.start + s.ms, self, incl);
    for (const [k, v] of self) allSelf.set(k, (allSelf.get(k) ?? 0) + v);
    for (const [k, v] of incl) allIncl.set(k, (allIncl.get(k) ?? 0) + v);
    allTotal += total;
    if (allOnly) continue;
    const gcUs = [...self]
      .filter(([k]) => k.startsWith("(garbage collector)"))
      .reduce((a, [, v]) => a + v, 0);
    const long = gcs.filter(
      (g) => g.w === s.w && g.start < s.start + s.ms && g.start + g.ms > s.start,
    );
    console.log(
      `\nworker ${s.w} ${new Date(s.start).toISOString().slice(11, 23)}: stall ${s.ms.toFixed(0)} ms, CPU ${s.cpu.toFixed(0)} ms, sampled ${(total / 1000).toFixed(0)} ms, (garbage collector) ${(gcUs / 1000).toFixed(0)} ms; probe GC ${s.gc.toFixed(0)} ms${long.length ? ` [${long.map(gcName).join("; ")}]` : ""}`,
      `\n  in flight: ${[...new Set(s.suspects)].join(", ") || "-"}`,
      `\n  self:\n${top(self, total, n, () => false).join("\n")}`,
      `\n  inclusive:\n${top(incl, total, n, plumbing).join("\n")}`,
    );
  }
  if (allTotal === 0) return;
  console.log(
    `\nall ${long.length} stalls together: ${(allTotal / 1000).toFixed(0)} ms sampled`,
    `\n  self:\n${top(allSelf, allTotal, n * 2, () => false).join("\n")}`,
    `\n  inclusive:\n${top(allIncl, allTotal, n * 2, plumbing).join("\n")}`,
  );
  const inLong = gcs.filter((g) =>
    long.some((s) => s.w === g.w && g.start < s.start + s.ms && g.start + g.ms > s.start),
  );
  const byKind = new Map<string, { n: number; ms: number; max: number }>();
  for (const g of gcs.filter((g) => g.start >= from)) {
    const k = gcName({ ...g, ms: 0 }).replace(/ 0 ms$/, "");
    const e = byKind.get(k) ?? { n: 0, ms: 0, max: 0 };
    byKind.set(k, { n: e.n + 1, ms: e.ms + g.ms, max: Math.max(e.max, g.ms) });
  }
  console.log(
    `\nGC pauses ≥ 20 ms (from --from, all workers): ${[...byKind].map(([k, v]) => `${k} ${v.n}× ${v.ms.toFixed(0)} ms (longest ${v.max.toFixed(0)})`).join("; ") || "-"}; inside the stalls above: ${inLong.length}, ${inLong.reduce((a, g) => a + g.ms, 0).toFixed(0)} ms`,
  );
}

main();
