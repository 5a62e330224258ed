// A CPU profile of part of a bench run, taken in process through the inspector (so module
// loading and set-up stay out of it), written as a .cpuprofile for bench/cpu-profile-summary.ts.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";

/** The part of V8's profile format the benches rewrite: each node's call frame. */
export interface CpuProfile {
  nodes: { callFrame: { url: string; lineNumber: number; columnNumber: number } }[];
}

export interface CpuProfiler {
  start(): Promise<void>;
  /** Stops, lets `map` rewrite frames (e.g. a bundle's back to its sources) and writes the file. */
  stopAndWrite(map?: (profile: CpuProfile) => void): Promise<void>;
}

/** A profiler sampling every 100 µs, or undefined when no file was asked for. */
export async function cpuProfiler(file: string): Promise<CpuProfiler | undefined> {
  if (!file) return undefined;
  const session = new Session();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (err, out) => (err ? reject(err) : resolve(out))),
    );
  session.connect();
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: 100 });
  return {
    start: async () => void (await post("Profiler.start")),
    stopAndWrite: async (map) => {
      const { profile } = (await post("Profiler.stop")) as { profile: CpuProfile };
      map?.(profile);
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
