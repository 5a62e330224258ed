// How a process's sandbox commands reach Postgres, counted for bench:load: whether
// the cached copy was used, refreshed or fully reloaded, the optimistic retries and
// locked runs, and the statements sent. Off unless KUBELAB_DB_COUNTERS_MS is set
// (then printed to stderr at that interval as one JSON line per process), so the
// hot path pays one property increment per event.

export interface DbCounters {
  /** Commands and single steps run through the sandbox store. */
  runs: number;
  /** Runs whose cached copy was current (version as the caller read it, or unknown). */
  cached: number;
  /** Cached copy of another version than the caller read: dropped or refreshed. */
  stale: number;
  /** No cached copy in this process. */
  missing: number;
  /** Whole loads: every row, the head and the journal. */
  fullLoads: number;
  /** Refreshes of a stale copy: only the rows and journal entries added since. */
  refreshes: number;
  /** Optimistic attempts after the first (another writer won the compare-and-swap). */
  retries: number;
  /** Runs that fell back to the sandbox row's lock. */
  locked: number;
  /** Statements sent on the sandbox pool (BEGIN/COMMIT included). */
  statements: number;
  /** Lab sandboxes opened: found, created, or found after losing the creation race. */
  labOpens: number;
  labCreated: number;
}

const globalCounters = globalThis as unknown as { kubelabDbCounters?: DbCounters };

function fresh(): DbCounters {
  return {
    runs: 0,
    cached: 0,
    stale: 0,
    missing: 0,
    fullLoads: 0,
    refreshes: 0,
    retries: 0,
    locked: 0,
    statements: 0,
    labOpens: 0,
    labCreated: 0,
  };
}

export function dbCounters(): DbCounters {
  globalCounters.kubelabDbCounters ??= fresh();
  return globalCounters.kubelabDbCounters;
}

export function count(what: keyof DbCounters, n = 1): void {
  dbCounters()[what] += n;
}

/** Interval of the stderr report, or 0 when counting is not reported. */
export function countersReportMs(): number {
  const ms = Number(process.env.KUBELAB_DB_COUNTERS_MS ?? 0);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

export const COUNTERS_LINE_PREFIX = "db counters";

/** The report line parsed back (bench/load reads the workers' last lines). */
export function parseCountersLine(line: string): { pid: number; counters: DbCounters } | null {
  const m = /^db counters \(pid (\d+)\): (\{.*\})$/.exec(line);
  if (!m) return null;
  try {
    return { pid: Number(m[1]), counters: { ...fresh(), ...(JSON.parse(m[2]!) as DbCounters) } };
  } catch {
    return null;
  }
}

const globalTimer = globalThis as unknown as { kubelabDbCountersTimer?: NodeJS.Timeout };

/** Starts the periodic report once per process when KUBELAB_DB_COUNTERS_MS is set. */
export function startCountersReport(): void {
  const ms = countersReportMs();
  if (!ms || globalTimer.kubelabDbCountersTimer) return;
  globalTimer.kubelabDbCountersTimer = setInterval(() => {
    process.stderr.write(
      `${COUNTERS_LINE_PREFIX} (pid ${process.pid}): ${JSON.stringify(dbCounters())}\n`,
    );
  }, ms);
  globalTimer.kubelabDbCountersTimer.unref();
}
