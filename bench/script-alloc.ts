// npx tsx bench/script-alloc.ts --trees=/path/a,/path/b [--sandboxes=40] [--rounds=2] [--prep=5]
//                               [--warm=1] [--heap-profile[=kind]] [--top=40] [--sampling=1024]
// What bench:load's closed loop allocates and spends per command, in one process: each tree (a
// checkout, node_modules linked) is bundled as the app runs it (bench/bundle-like-app.ts) and
// loaded side by side against one PostgreSQL. Every tree gets --sandboxes sandboxes, each first
// typing the closed loop's --prep lab-session commands (bench/load/learner.ts SCRIPT, round 0),
// then --rounds rounds of the whole script (from round 1: new object names), sandbox after
// sandbox, the trees alternating command by command (A B, then B A): the load of other processes
// falls on both alike. A sandbox's commands are then ~sandboxes × command time apart, as a closed
// loop learner's are (catch-ups of about that much virtual time before most commands).
// Per command: process CPU (process.cpuUsage), the store's part timers (lib/db/sandboxes/parts.ts:
// catch-up, requests with their settles, persist), and bytes allocated on V8's heap (v8.GCProfiler:
// the growth of the used heap plus what each GC in the command freed). Prints per tree the mean
// and median of both, the paired differences with the first tree, and a row per script step;
// --warm=N leaves each tree's first N rounds out (V8 compiles them).
// --heap-profile: V8's sampling heap profiler over each measured command of the first tree
// (--profile-steps=2,4: of those script steps only), counting objects later collected by
// scavenges and full GCs (every allocation); sites mapped back to the sources; prints bytes per
// command by allocating function (a builtin named with its JS caller) and inclusively by
// function. --heap-profile=alive counts only what is still alive when the command ends.
// --cpu-profile: the same for time (V8's CPU profiler at 100 µs, one profile per command).
// Each sample counts as an equal share of the profiled commands' process CPU, not as its time
// delta: on a loaded machine the process waits for a core between samples, and the sample taken
// on resuming carried that whole wait (at load 10, two thirds of the wall in the windows came in
// deltas of 0.5-36 ms, put on whichever function the wait interrupted; one run showed a 10 %
// "self" in a function another run did not list; syscalls such as the pg socket's writev, where
// the kernel switches, gathered most). Idle samples (waiting on Postgres) get none of the CPU.
// The header says how much wall such gaps held.
import { loadavg } from "node:os";
import { Session } from "node:inspector";
import path from "node:path";
import v8 from "node:v8";
import { benchOption, benchTrees, bundleDir, bundleLikeApp } from "./bundle-like-app";
import { SCRIPT } from "./load/learner";
import { label, treeOf, type CpuProfile } from "./cpu-profile-tree";
import { mapProfileToSources } from "./settle-kit";
import { withBenchDatabase } from "./with-database";

const trees = benchTrees();
const sandboxes = Number(benchOption("sandboxes", "40"));
const rounds = Number(benchOption("rounds", "2"));
const prep = Number(benchOption("prep", "5"));
const warm = Number(benchOption("warm", "1"));
const top = Number(benchOption("top", "40"));
const sampling = Number(benchOption("sampling", "1024"));
const heapArg = process.argv.find((a) => a.startsWith("--heap-profile"));
const heapKind = heapArg ? (heapArg.includes("=alive") ? "alive" : "all") : undefined;
const cpuProfile = process.argv.includes("--cpu-profile");
// The store's part timers (lib/db/sandboxes/parts.ts), read around each command.
process.env.KUBELAB_DB_PARTS = "1";
type Parts = { catchUp: number; request: number; persist: number; logPack: number };
const PART_NAMES = ["catchUp", "request", "persist", "logPack"] as const;
const partsNow = (): Parts => {
  const p = (globalThis as { kubelabDbParts?: Parts }).kubelabDbParts;
  return p ? { ...p } : { catchUp: 0, request: 0, persist: 0, logPack: 0 };
};
// --profile-steps=2,4: the heap profile of those script steps only (0-based, SCRIPT's order).
const profileSteps = benchOption("profile-steps", "");
const profiledSteps = (step: number) =>
  !profileSteps || profileSteps.split(",").map(Number).includes(step);

interface Tree {
  runTerminalCommand(
    id: string,
    line: string,
  ): Promise<{ stdout: string; stderr: string; exitCode: number }>;
  userSandbox(userId: string): Promise<string>;
  createUser(i: number): Promise<string>;
  closePool(): Promise<void>;
}

const ENTRY = `
export { runTerminalCommand, userSandbox } from "./lib/terminal";
export { closePool } from "./lib/db/sandboxes/pool";
import { db } from "./lib/db/client";
export async function createUser(i) {
  const u = await db().user.create({ data: { email: \`alloc-\${Date.now()}-\${i}-\${Math.random()}@bench.test\`, name: "alloc" + i } });
  return u.id;
}
`;

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children?: HeapNode[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);
const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;

/** Bytes allocated on V8's heap while `run` ran: the used heap's growth plus what GCs freed. */
async function measured<T>(
  run: () => Promise<T>,
): Promise<{ value: T; bytes: number; cpu: number }> {
  const profiler = new v8.GCProfiler();
  profiler.start();
  const used0 = v8.getHeapStatistics().used_heap_size;
  const c0 = process.cpuUsage();
  const value = await run();
  const c = process.cpuUsage(c0);
  const used1 = v8.getHeapStatistics().used_heap_size;
  const data = profiler.stop() as {
    statistics: {
      beforeGC: { heapStatistics: { usedHeapSize: number } };
      afterGC: { heapStatistics: { usedHeapSize: number } };
    }[];
  };
  let freed = 0;
  for (const s of data.statistics) {
    freed += s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize;
  }
  return { value, bytes: used1 - used0 + freed, cpu: (c.user + c.system) / 1000 };
}

async function main() {
  const dir = bundleDir("kubelab-script-alloc");
  await withBenchDatabase(`kubelab_bench_alloc_${process.pid}`, async () => {
    const loaded: Tree[] = [];
    const files: string[] = [];
    for (const t of trees) {
      const outfile = path.join(
        dir,
        `${path.basename(t)}-${Math.random().toString(36).slice(2)}.mjs`,
      );
      const url = await bundleLikeApp({
        contents: ENTRY,
        tree: t,
        outfile,
        sourcefile: "alloc-entry.ts",
        sourcemap: true,
      });
      loaded.push((await import(url)) as Tree);
      files.push(outfile);
    }
    // Sandboxes and their lab-session commands (round 0), tree after tree, not measured.
    const ids: string[][] = [];
    for (const tree of loaded) {
      const mine: string[] = [];
      for (let s = 0; s < sandboxes; s++) {
        const id = await tree.userSandbox(await tree.createUser(s));
        for (let c = 0; c < prep; c++) {
          await tree.runTerminalCommand(id, SCRIPT[c % SCRIPT.length]!.command(0));
        }
        mine.push(id);
      }
      ids.push(mine);
    }
    const session = heapKind || cpuProfile ? new Session() : undefined;
    session?.connect();
    const post = <T>(method: string, params?: object) =>
      new Promise<T>((resolve, reject) =>
        session!.post(method, params ?? {}, (err, out) => (err ? reject(err) : resolve(out as T))),
      );
    const cpu = trees.map(() => [] as number[]);
    const bytes = trees.map(() => [] as number[]);
    const byStep = trees.map(() =>
      SCRIPT.map(() => ({ cpu: [] as number[], bytes: [] as number[], parts: [] as Parts[] })),
    );
    const parts = trees.map(() => [] as Parts[]);
    const heap = new HeapSites(files[0]!);
    const cpuSites = new CpuSites(files[0]!);
    if (cpuProfile) {
      await post("Profiler.enable");
      await post("Profiler.setSamplingInterval", { interval: 100 });
    }
    let failures = 0;
    let sampledCommands = 0;
    let sampledCpu = 0;
    let turn = 0;
    // The CPU profile runs over the whole measured part (a profile started per command costs
    // more than the command); samples count only within the profiled commands' windows.
    const windows: [bigint, bigint][] = [];
    for (let round = 0; round < rounds; round++) {
      if (round === warm && cpuProfile) await post("Profiler.start");
      for (let step = 0; step < SCRIPT.length; step++) {
        const line = SCRIPT[step]!.command(round + 1);
        for (let s = 0; s < sandboxes; s++) {
          const order = loaded.map((_, k) => k);
          if (turn++ % 2 === 1) order.reverse();
          for (const k of order) {
            const sampled = session && round >= warm && k === 0 && profiledSteps(step);
            if (sampled && heapKind) {
              await post("HeapProfiler.startSampling", {
                samplingInterval: sampling,
                includeObjectsCollectedByMajorGC: heapKind === "all",
                includeObjectsCollectedByMinorGC: heapKind === "all",
              });
            }
            const t0 = process.hrtime.bigint();
            const p0 = partsNow();
            const r = await measured(() => loaded[k]!.runTerminalCommand(ids[k]![s]!, line));
            const p1 = partsNow();
            const used = {} as Parts;
            for (const n of PART_NAMES) used[n] = p1[n] - p0[n];
            if (sampled && cpuProfile) windows.push([t0, process.hrtime.bigint()]);
            if (sampled && heapKind) {
              const { profile } = await post<{ profile: { head: HeapNode } }>(
                "HeapProfiler.stopSampling",
              );
              heap.add(profile.head);
            }
            if (sampled) sampledCommands++;
            if (sampled) sampledCpu += r.cpu;
            const expected = SCRIPT[step]!.fails ? 1 : 0;
            if (r.value.exitCode !== expected) {
              failures++;
              if (failures <= 3) console.error(`${line}: ${r.value.stderr.slice(0, 200)}`);
            }
            if (round < warm) continue;
            cpu[k]!.push(r.cpu);
            bytes[k]!.push(r.bytes);
            byStep[k]![step]!.cpu.push(r.cpu);
            byStep[k]![step]!.bytes.push(r.bytes);
            byStep[k]![step]!.parts.push(used);
            parts[k]!.push(used);
          }
        }
      }
    }
    const measuredRounds = rounds - warm;
    console.log(
      `${trees.length} tree(s) × ${sandboxes} sandboxes × ${measuredRounds} round(s) of ${SCRIPT.length} commands measured (${warm} warm-up, ${prep} lab-session commands first); load ${loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")}; unexpected exit codes: ${failures}`,
    );
    trees.forEach((t, k) => {
      const pairedCpu = mean(cpu[k]!.map((x, i) => x - cpu[0]![i]!));
      const pairedBytes = mean(bytes[k]!.map((x, i) => x - bytes[0]![i]!));
      console.log(
        `${t}: CPU mean ${mean(cpu[k]!).toFixed(3)} ms, median ${median(cpu[k]!).toFixed(3)} ms; ` +
          `allocated mean ${kib(mean(bytes[k]!))}, median ${kib(median(bytes[k]!))} per command; ` +
          `parts (mean ms): ${PART_NAMES.map((n) => `${n} ${mean(parts[k]!.map((p) => p[n])).toFixed(3)}`).join(", ")}` +
          (k === 0
            ? ""
            : `; vs first tree, mean of pairs: CPU ${pairedCpu >= 0 ? "+" : ""}${pairedCpu.toFixed(3)} ms, allocated ${pairedBytes >= 0 ? "+" : ""}${kib(pairedBytes)}`),
      );
    });
    console.log(
      `\n| step | ${trees.map((_, k) => `CPU ${k} | catch-up ${k} | requests ${k} | persist ${k} | KiB ${k}`).join(" | ")} |`,
    );
    console.log(`|---|${trees.map(() => "---:|---:|---:|---:|---:").join("|")}|`);
    SCRIPT.forEach((st, i) => {
      const cells = trees.map((_, k) => {
        const b = byStep[k]![i]!;
        const part = (n: keyof Parts) => mean(b.parts.map((p) => p[n])).toFixed(2);
        return `${mean(b.cpu).toFixed(2)} | ${part("catchUp")} | ${part("request")} | ${part("persist")} | ${(mean(b.bytes) / 1024).toFixed(1)}`;
      });
      console.log(`| ${st.command(1)} | ${cells.join(" | ")} |`);
    });
    if (cpuProfile) {
      cpuSites.add((await post<{ profile: CpuProfile }>("Profiler.stop")).profile, windows);
    }
    if (session) {
      session.disconnect();
      if (heapKind) heap.print(sampledCommands);
      if (cpuProfile) cpuSites.print(sampledCommands, sampledCpu);
    }
    await loaded[0]!.closePool();
  });
}

/** Sampled heap profiles of single commands, summed by site (self) and by function (inclusive). */
class HeapSites {
  private readonly self = new Map<string, number>();
  private readonly inclusive = new Map<string, number>();
  private total = 0;
  constructor(private readonly bundleFile: string) {}

  add(head: HeapNode) {
    const nodes: HeapNode[] = [];
    const collect = (n: HeapNode) => {
      nodes.push(n);
      for (const c of n.children ?? []) collect(c);
    };
    collect(head);
    mapProfileToSources({ nodes }, this.bundleFile);
    const name = (n: HeapNode) =>
      `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/^.*?\/(lib|node_modules|bench)\//, "$1/")}:${n.callFrame.lineNumber + 1}`;
    const walk = (n: HeapNode, caller: string, onStack: Set<string>): number => {
      const here = name(n);
      // A builtin (`join`, `push`...) is named with its JS caller.
      const key = n.callFrame.url ? here : `${here} < ${caller}`;
      if (n.selfSize) this.self.set(key, (this.self.get(key) ?? 0) + n.selfSize);
      this.total += n.selfSize;
      const fresh = !onStack.has(here);
      if (fresh) onStack.add(here);
      let sum = n.selfSize;
      for (const c of n.children ?? []) sum += walk(c, n.callFrame.url ? here : caller, onStack);
      if (fresh) {
        onStack.delete(here);
        this.inclusive.set(here, (this.inclusive.get(here) ?? 0) + sum);
      }
      return sum;
    };
    walk(head, "", new Set());
  }

  print(commands: number) {
    const per = (b: number) => `${(b / Math.max(1, commands) / 1024).toFixed(2).padStart(8)} KiB`;
    console.log(
      `\n## sampled heap profile (${heapKind}) of the first tree's commands${profileSteps ? ` (steps ${profileSteps})` : ""}: ${per(this.total)} per command over ${commands} commands`,
    );
    console.log("\n### self, by allocating site");
    for (const [k, v] of [...this.self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${per(v)}  ${k}`);
    }
    console.log("\n### inclusive, by function");
    for (const [k, v] of [...this.inclusive].sort((a, b) => b[1] - a[1]).slice(0, top * 2)) {
      console.log(`${per(v)}  ${k}`);
    }
  }
}

/** A sample delta this long (5 intervals) is a wait for a core, not the profiler's pace. */
const GAP_US = 500;

/** CPU profiles of single commands, summed by function: self and inclusive time. */
class CpuSites {
  private readonly self = new Map<string, number>();
  private readonly inclusive = new Map<string, number>();
  private total = 0;
  private wall = 0;
  private gapWall = 0;
  private gaps = 0;
  private idle = 0;
  constructor(private readonly bundleFile: string) {}

  /** `windows`: process.hrtime.bigint() pairs (ns) of the commands to count (the profile's µs). */
  add(profile: CpuProfile, windows: [bigint, bigint][]) {
    // V8's frames carry columns; cpu-profile-tree's type leaves them out.
    mapProfileToSources(
      profile as unknown as Parameters<typeof mapProfileToSources>[0],
      this.bundleFile,
    );
    const { byId, parent } = treeOf(profile);
    let at = profile.startTime;
    let w = 0;
    profile.samples.forEach((id, i) => {
      const dt = profile.timeDeltas[i] ?? 0;
      at += dt;
      const ns = BigInt(Math.round(at * 1000));
      while (w < windows.length && windows[w]![1] < ns) w++;
      if (w >= windows.length || windows[w]![0] > ns) return;
      this.wall += dt;
      if (dt > GAP_US) {
        this.gaps++;
        this.gapWall += dt;
      }
      const node = byId.get(id);
      if (!node) return;
      const own = label(node);
      // The process waiting (on Postgres) spends no CPU: idle samples get no share of it.
      if (own.startsWith("(idle)")) {
        this.idle++;
        return;
      }
      this.total++;
      this.self.set(own, (this.self.get(own) ?? 0) + 1);
      const seen = new Set<string>();
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
        const l = label(byId.get(n)!);
        if (seen.has(l)) continue;
        seen.add(l);
        this.inclusive.set(l, (this.inclusive.get(l) ?? 0) + 1);
      }
    });
  }

  /** `cpuMs`: the profiled commands' process CPU, shared out by sample count. */
  print(commands: number, cpuMs: number) {
    const per = (samples: number) => {
      const share = samples / Math.max(1, this.total);
      return `${((share * cpuMs) / Math.max(1, commands)).toFixed(3).padStart(7)} ms ${(100 * share).toFixed(1).padStart(5)} %`;
    };
    console.log(
      `\n## CPU profile of the first tree's commands${profileSteps ? ` (steps ${profileSteps})` : ""}: ${per(this.total)} per command over ${commands} commands (process CPU by sample count: ${this.total} samples; of their ${(this.wall / 1000).toFixed(0)} ms wall, ${((100 * this.gapWall) / Math.max(1, this.wall)).toFixed(0)} % in ${this.gaps} deltas over ${GAP_US / 1000} ms, counted as one sample each; ${this.idle} idle samples left out)`,
    );
    console.log("\n### self, by function");
    for (const [k, v] of [...this.self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${per(v)}  ${k}`);
    }
    console.log("\n### inclusive, by function");
    for (const [k, v] of [...this.inclusive].sort((a, b) => b[1] - a[1]).slice(0, top * 2)) {
      console.log(`${per(v)}  ${k}`);
    }
  }
}

void main();
