// Preloaded into the app under load (KUBELAB_MEMORY_LOG_MS=<interval> on bench:load):
// prints process.memoryUsage() to stderr at that interval. RSS alone misleads over a
// short soak - V8 grows its heap lazily and collects in a sawtooth - so the report
// needs heapUsed (its floor after each major GC is the live set) and external memory.
const interval = Number(process.env.KUBELAB_MEMORY_LOG_MS);
if (Number.isFinite(interval) && interval > 0) {
  const mib = (b) => Math.round(b / 1048576);
  setInterval(() => {
    const m = process.memoryUsage();
    // The sandbox cache lives on globalThis (lib/db/sandboxes/cache.ts): what it holds of its budget.
    const c = globalThis.kubelabSandboxCacheV2;
    const cache = c
      ? `, sandbox cache ${c.slots.size} entries ${mib(c.bytes)}/${mib(c.budget)} MiB`
      : "";
    process.stderr.write(
      `memory (pid ${process.pid}): rss ${mib(m.rss)} MiB, heapTotal ${mib(m.heapTotal)}, heapUsed ${mib(m.heapUsed)}, external ${mib(m.external)}, arrayBuffers ${mib(m.arrayBuffers)}${cache}\n`,
    );
  }, interval).unref();
}
