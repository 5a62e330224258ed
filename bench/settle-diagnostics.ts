// V8's garbage collections during each measured settle of bench/settle-profile.ts (--gc):
// how many scavenges (young generation) and mark-compacts (old generation) ran in it, their
// pause time, and the young generation's capacity before it. The young generation starts at
// 1 MiB per semi-space and V8 grows it (up to --max-semi-space-size) when many objects survive
// a scavenge, so two processes running the same settle may hold different sizes.
import { PerformanceObserver, constants, type PerformanceEntry } from "node:perf_hooks";
import { getHeapSpaceStatistics, getHeapStatistics } from "node:v8";
import { readFileSync, readdirSync } from "node:fs";

interface SettleGc {
  scavenges: number;
  scavengeMs: number;
  markCompacts: number;
  markCompactMs: number;
  /** The new space's capacity (both semi-spaces' used part) before the settle, KiB. */
  newSpaceKiB: number;
  /** Heap used before the settle, MiB. */
  heapMiB: number;
  /** CPU time of the main (JavaScript) thread in the settle, ms. */
  mainMs: number;
  /** CPU time of every other thread (V8's GC helpers, concurrent compiler, ...), ms. */
  otherMs: number;
  /** System (kernel) CPU time of the process in the settle, ms: page faults, madvise... */
  sysMs: number;
  /** Minor page faults in the settle (pages the heap touched for the first time since mapped). */
  faults: number;
}

/** Nanoseconds each thread of this process has run (Linux schedstat), by thread id. */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync("/proc/self/task")) {
    try {
      out.set(tid, Number(readFileSync(`/proc/self/task/${tid}/schedstat`, "utf8").split(" ")[0]));
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

/**
 * CPU ms the main (JavaScript) thread has run so far (Linux schedstat): unlike
 * process.cpuUsage(), without V8's helper threads (GC, compiler), which vary a lot per settle.
 */
export function mainThreadCpuMs(): number {
  const ns = Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ")[0]);
  return ns / 1e6;
}

export interface GcRecorder {
  before(): Promise<void>;
  after(warmup: boolean): Promise<void>;
  report(): string;
}

function gcKind(entry: PerformanceEntry): number {
  return (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0;
}

/** Lets the observer's buffered entries arrive (they are delivered on a later turn). */
const drain = async () => {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setTimeout(resolve, 1));
};

/**
 * `marks`: each settle's start and end printed as `#settle <n> start|end`, so the lines V8 prints
 * with `node --trace-gc-nvp` (unbuffered: `stdbuf -o0`) can be assigned to settles.
 */
export function gcRecorder(marks = false): GcRecorder {
  let n = 0;
  let pending: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => pending.push(...list.getEntries()));
  observer.observe({ entryTypes: ["gc"] });
  const settles: SettleGc[] = [];
  let current: SettleGc | undefined;
  let threadsBefore = new Map<string, number>();
  let usageBefore = process.resourceUsage();
  return {
    async before() {
      await drain();
      pending = [];
      const newSpace = getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
      current = {
        scavenges: 0,
        scavengeMs: 0,
        markCompacts: 0,
        markCompactMs: 0,
        newSpaceKiB: Math.round((newSpace?.space_size ?? 0) / 1024),
        heapMiB: Math.round(getHeapStatistics().used_heap_size / 2 ** 20),
        mainMs: 0,
        otherMs: 0,
        sysMs: 0,
        faults: 0,
      };
      threadsBefore = threadCpu();
      usageBefore = process.resourceUsage();
      if (marks) console.log(`#settle ${n} start`);
    },
    async after(warmup) {
      if (marks) console.log(`#settle ${n++} end${warmup ? " warmup" : ""}`);
      const s = current!;
      const usage = process.resourceUsage();
      s.sysMs = (usage.systemCPUTime - usageBefore.systemCPUTime) / 1000;
      s.faults = usage.minorPageFault - usageBefore.minorPageFault;
      for (const [tid, ns] of threadCpu()) {
        const ms = (ns - (threadsBefore.get(tid) ?? 0)) / 1e6;
        if (tid === String(process.pid)) s.mainMs += ms;
        else s.otherMs += ms;
      }
      await drain();
      for (const e of pending) {
        const kind = gcKind(e);
        if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
          s.scavenges++;
          s.scavengeMs += e.duration;
        } else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
          s.markCompacts++;
          s.markCompactMs += e.duration;
        }
      }
      pending = [];
      if (!warmup) settles.push(s);
    },
    report() {
      observer.disconnect();
      const sum = (f: (s: SettleGc) => number) => settles.reduce((a, s) => a + f(s), 0);
      const n = settles.length || 1;
      return [
        `  gc per settle: ${(sum((s) => s.scavenges) / n).toFixed(1)} scavenges (${(sum((s) => s.scavengeMs) / n).toFixed(1)} ms), ` +
          `${(sum((s) => s.markCompacts) / n).toFixed(2)} mark-compacts (${(sum((s) => s.markCompactMs) / n).toFixed(1)} ms)`,
        `  main thread ms [${settles.map((s) => s.mainMs.toFixed(0)).join(" ")}]`,
        `  other threads ms [${settles.map((s) => s.otherMs.toFixed(0)).join(" ")}]`,
        `  system ms [${settles.map((s) => s.sysMs.toFixed(0)).join(" ")}]`,
        `  minor page faults [${settles.map((s) => s.faults).join(" ")}]`,
        `  new space KiB before each settle [${settles.map((s) => s.newSpaceKiB).join(" ")}]`,
        `  heap MiB before each settle [${settles.map((s) => s.heapMiB).join(" ")}]`,
        `  scavenges [${settles.map((s) => s.scavenges).join(" ")}]`,
        `  mark-compacts [${settles.map((s) => s.markCompacts).join(" ")}]`,
      ].join("\n");
    },
  };
}

/**
 * CPU ms of a fixed pure-JavaScript workload (integer mixing, no allocation, no GC): how fast
 * this process's core runs right now. Printed before and after the settles (--calibrate), it
 * tells a process slowed by the machine (a busy sibling hyperthread, the host's frequency)
 * from one slowed by its own heap or JIT state.
 */
export function calibrationMs(): number {
  // The median of 5 slices (a slice may lose its core for a while on a loaded machine).
  const slices: number[] = [];
  let h = 0x811c9dc5;
  for (let s = 0; s < 5; s++) {
    const c = process.cpuUsage();
    for (let i = 0; i < 6_000_000; i++) h = Math.imul(h ^ i, 0x01000193) >>> 0;
    const used = process.cpuUsage(c);
    slices.push((used.user + used.system) / 1000);
  }
  if (h === 42) console.log(""); // keeps the loop's result alive
  return 5 * slices.sort((a, b) => a - b)[2]!;
}

/** A random cycle through 8 M slots (32 MiB, beyond the L3 share): one cache miss per step. */
let chase: Int32Array | undefined;

/**
 * CPU ms of 500 k dependent loads over a 32 MiB array: how fast this process reaches memory right
 * now. A settle touches tens of MiB (the store, decoded objects, the young generation), so a
 * machine whose memory bandwidth or last-level cache is shared with busier neighbours slows it
 * while calibrationMs, which stays in registers, does not move.
 */
export function memoryCalibrationMs(): number {
  if (!chase) {
    const n = 1 << 23;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    let x = 12345;
    for (let i = n - 1; i > 0; i--) {
      x = Math.imul(x, 1103515245) + 12345;
      const j = (x >>> 1) % (i + 1);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    chase = new Int32Array(n);
    for (let i = 0; i < n; i++) chase[order[i]!] = order[(i + 1) % n]!;
  }
  const slices: number[] = [];
  let p = 0;
  for (let s = 0; s < 5; s++) {
    const c = process.cpuUsage();
    for (let i = 0; i < 100_000; i++) p = chase[p]!;
    const used = process.cpuUsage(c);
    slices.push((used.user + used.system) / 1000);
  }
  if (p === -1) console.log("");
  return 5 * slices.sort((a, b) => a - b)[2]!;
}
