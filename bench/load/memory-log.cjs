// Preloaded into the app under load (KUBELAB_MEMORY_LOG_MS=<interval> on bench:load):
// prints process.memoryUsage() to stderr at that interval. RSS alone misleads over a
// short soak - V8 grows its heap lazily and collects in a sawtooth - so the report
// needs heapUsed (its floor after each major GC is the live set) and external memory.
// PerformanceObserver is a global in Node; a major GC's kind is perf_hooks'
// constants.NODE_PERFORMANCE_GC_MAJOR (a preload script cannot import, only require).
const GC_MAJOR = 4;

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
    const cache = c
      ? `, sandbox cache ${c.slots.size} entries ${mib(c.bytes)}/${mib(c.budget)} MiB`
      : "";
    const gc =
      afterMajor < Infinity ? `, after major GC ${mib(afterMajor)} (${majors} major GCs)` : "";
    afterMajor = Infinity;
    process.stderr.write(
      `memory (pid ${process.pid}): rss ${mib(m.rss)} MiB, heapTotal ${mib(m.heapTotal)}, heapUsed ${mib(m.heapUsed)}, external ${mib(m.external)}, arrayBuffers ${mib(m.arrayBuffers)}${cache}${gc}\n`,
    );
  }, interval).unref();
}
