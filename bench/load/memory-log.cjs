// Preloaded into the app under load (KUBELAB_MEMORY_LOG_MS=<interval> on bench:load):
// prints process.memoryUsage() to stderr at that interval. RSS alone misleads over a
// short soak - V8 grows its heap lazily and collects in a sawtooth - so the report
// needs heapUsed (its floor after each major GC is the live set) and external memory.
// PerformanceObserver is a global in Node; a major GC's kind is perf_hooks'
// constants.NODE_PERFORMANCE_GC_MAJOR (a preload script cannot import, only require).
const GC_MAJOR = 4;

// KUBELAB_HEAP_SAMPLE_MS=<interval> with KUBELAB_HEAP_SAMPLE_DIR=<dir>: V8's sampling heap
// profiler runs from the start and its profile (the sampled allocations still alive, with
// the stack that allocated each) is written every interval as heap-<pid>-<n>.heapprofile.
// Two of them diffed (bench/load/heap-profile-diff.ts) say what grew between them and which
// code allocated it - the cache's rows and decodes, or something else - at a fraction of a
// heap snapshot's cost (a snapshot of a 700 MiB worker stops it for tens of seconds).
const sampleMs = Number(process.env.KUBELAB_HEAP_SAMPLE_MS);
const sampleDir = process.env.KUBELAB_HEAP_SAMPLE_DIR;
if (Number.isFinite(sampleMs) && sampleMs > 0 && sampleDir) {
  // (a preload script that cannot import: built-in modules through getBuiltinModule)
  const { Session } = process.getBuiltinModule("node:inspector");
  const { writeFileSync, mkdirSync } = process.getBuiltinModule("node:fs");
  const { join } = process.getBuiltinModule("node:path");
  mkdirSync(sampleDir, { recursive: true });
  const session = new Session();
  session.connect();
  // 64 KiB between samples on average: a few thousand samples over a worker's heap.
  session.post("HeapProfiler.startSampling", { samplingInterval: 65536 });
  let n = 0;
  setInterval(() => {
    session.post("HeapProfiler.getSamplingProfile", (error, result) => {
      if (error) return;
      const file = join(
        sampleDir,
        `heap-${process.pid}-${String(n++).padStart(3, "0")}.heapprofile`,
      );
      writeFileSync(file, JSON.stringify(result.profile));
    });
  }, sampleMs).unref();
}

const interval = Number(process.env.KUBELAB_MEMORY_LOG_MS);
if (Number.isFinite(interval) && interval > 0) {
  const mib = (b) => Math.round(b / 1048576);
  // heapUsed just after each major GC (mark-compact), the lowest since the last line: the
  // live set itself. The lowest of the periodic samples is not - between two major GCs the
  // old generation also holds what died since the last one, and more of it as V8 lets its
  // heap grow - so a rising "floor" of samples may be garbage, not a working set.
  let afterMajor = Infinity;
  let majors = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.detail?.kind !== GC_MAJOR) continue;
      majors++;
      afterMajor = Math.min(afterMajor, process.memoryUsage().heapUsed);
    }
  }).observe({ entryTypes: ["gc"] });
  setInterval(() => {
    const m = process.memoryUsage();
    // The sandbox cache lives on globalThis (lib/db/sandboxes/cache.ts): what it holds of its budget.
    const c = globalThis.kubelabSandboxCacheV2;
    let cache = "";
    if (c) {
      // Copies the budget has shed (their history's decodes, or all of them) since last used:
      // a full cache under a working set larger than its budget keeps shedding, and each
      // command on a shed copy decodes what it reads again (cache.ts cacheUsage's count).
      let live = 0;
      let none = 0;
      for (const { entry, decodes } of c.slots.values()) {
        const fresh = entry.version === 0 && entry.loopsRanAt === undefined;
        if (decodes === "live") live++;
        else if (decodes === "none" && !fresh) none++;
      }
      // Copies the full cache did not keep (cache-admission.ts): their next command loads them.
      const refused = typeof c.refused === "number" ? `, ${c.refused} refused` : "";
      cache = `, sandbox cache ${c.slots.size} entries ${mib(c.bytes)}/${mib(c.budget)} MiB (shed ${live} history, ${none} all${refused})`;
    }
    const gc =
      afterMajor < Infinity ? `, after major GC ${mib(afterMajor)} (${majors} major GCs)` : "";
    afterMajor = Infinity;
    process.stderr.write(
      `memory (pid ${process.pid}): rss ${mib(m.rss)} MiB, heapTotal ${mib(m.heapTotal)}, heapUsed ${mib(m.heapUsed)}, external ${mib(m.external)}, arrayBuffers ${mib(m.arrayBuffers)}${cache}${gc}\n`,
    );
  }, interval).unref();
}
