// How much memory the sandbox cache (cache.ts) may hold in one worker by default, and the
// setting that overrides it: sized from what this worker may use (its heap limit, its share of
// the machine's or container's memory).
import { getHeapStatistics } from "node:v8";
import { totalmem } from "node:os";

const MIB = 1024 * 1024;

/**
 * The cache's default budget in bytes: a quarter of what one worker may use - the smaller
 * of its V8 heap limit and its share of the machine's memory (`workers` processes, each
 * with a cache of its own). A quarter because a worker's own heap (Next, the engine, the
 * requests in flight) comes on top, V8 keeps garbage beside the live heap until it collects
 * (resident memory ran about twice the live heap under bench:load) and the estimate may be
 * short for sandboxes unlike the measured ones. The fixed 384 MiB of before was what a
 * 2-GiB-per-worker machine affords; on the 24 GiB, 2-worker machine of the load benchmark
 * (heap limit 4 GiB) this gives ~1 GiB, and a class's sandboxes after a 10-minute soak
 * (~5 MiB estimated each when every row's decodes were counted, ~3 MiB since, ~100 per
 * worker) fit, where with 384 MiB 9 % of the commands loaded their sandbox whole. Never
 * below 64 MiB (a handful of used sandboxes).
 */
export function defaultBudgetBytes(
  heapLimitBytes: number = getHeapStatistics().heap_size_limit,
  totalMemBytes: number = memoryOfThisMachine(),
  workers: number = workersOfThisMachine(),
): number {
  const share = Math.min(heapLimitBytes, totalMemBytes / Math.max(1, workers));
  return Math.max(64 * MIB, Math.floor(share / 4));
}

/**
 * The memory the process may use: the machine's, or its container's limit when smaller (a
 * cgroup's memory.max, which `totalmem()` does not see: a worker in a 3 GiB container on a
 * 64 GiB host would otherwise size its cache from 64 GiB and be killed before the budget
 * bites). `constrained`: process.constrainedMemory(), 0 or an absurd value (2^64) without a limit.
 */
export function memoryOfThisMachine(
  total: number = totalmem(),
  constrained: number | undefined = process.constrainedMemory?.(),
): number {
  return constrained && constrained > 0 && constrained < total ? constrained : total;
}

/** The launcher's worker count (scripts/web-workers.ts passes KUBELAB_WORKERS on), else 1. */
function workersOfThisMachine(): number {
  const n = Number(process.env.KUBELAB_WORKERS);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** KUBELAB_SANDBOX_CACHE_MB when set (MiB; 0 keeps only the copy in use), else the default. */
export function budgetFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.KUBELAB_SANDBOX_CACHE_MB?.trim();
  const mb = raw ? Number(raw) : NaN;
  return Number.isFinite(mb) && mb >= 0 ? mb * MIB : defaultBudgetBytes();
}
