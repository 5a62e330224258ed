// Where a command's time goes on the app side, for the benches: the loops catching up
// with virtual time, the API requests (with their settle), and the store's own work
// (building the write's parameters, packing the log, the cached copy's update). Off
// unless KUBELAB_DB_PARTS=1 (read once per process): the hot path then pays one
// boolean test per part. The process's CPU time (getrusage), not the wall clock: on a
// loaded machine the wall time of synchronous code counts other processes' turns too.
// GC work (the pauses and V8's helper threads) counts in the part it interrupted.

export interface PartTimes {
  /** advanceTime before a request (time passed since the loops last ran). */
  catchUp: number;
  /** The API requests themselves, each with its settle (the loops reacting). */
  request: number;
  /** The write's parameters: log pack, store values, cold/hot meta (buildRun + writeRequest). */
  persist: number;
  /** Of `persist`: the log entries' JSON and deflate. */
  logPack: number;
  /** Commands measured (finished runSandboxCommand calls). */
  commands: number;
}

export type Part = Exclude<keyof PartTimes, "commands">;

const on = process.env.KUBELAB_DB_PARTS === "1";
const globalParts = globalThis as unknown as { kubelabDbParts?: PartTimes };

export function partTimes(): PartTimes {
  globalParts.kubelabDbParts ??= { catchUp: 0, request: 0, persist: 0, logPack: 0, commands: 0 };
  return globalParts.kubelabDbParts;
}

export function partsOn(): boolean {
  return on;
}

/** Runs `fn`, adding its duration to `part` when parts are measured. */
export function timed<T>(part: Part, fn: () => T): T {
  if (!on) return fn();
  const t0 = process.cpuUsage();
  try {
    return fn();
  } finally {
    const used = process.cpuUsage(t0);
    partTimes()[part] += (used.user + used.system) / 1000;
  }
}

export function countCommand(): void {
  if (on) partTimes().commands++;
}
