// npx tsx bench/catch-up.ts [--deployments=3] [--replicas=3] [--seconds=300] [--runs=1]
//                           [--profile=out.cpuprofile] [--bundle]
// The cost of letting a cluster's control loops catch up with virtual time, with
// no request in between: a default cluster plus a few Deployments, settled, then
// advanceTime by 1 s repeatedly (what a learner's commands trigger at most once per
// virtual second, lib/db/sandboxes/catch-up.ts). Prints µs of CPU per virtual second (the
// median of --runs passes over the same seconds: the machine is shared), the store writes, and
// how often each control loop ran. --profile: a CPU profile of the measured passes only.
// --bundle: the engine as one esbuild bundle (production-like, bench/settle-kit.ts), the profile
// mapped back to lib/sim.
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { cpuProfiler } from "./cpu-profiler";
import { describeMode, engineMode, loadEngine, mapProfileToSources } from "./settle-kit";
import type { ControlLoop } from "../lib/sim/engine";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const deployments = Number(option("deployments", "3"));
const replicas = Number(option("replicas", "3"));
const seconds = Number(option("seconds", "300"));
const runs = Number(option("runs", "1"));
const profileFile = option("profile", "");

const { sim, mode, bundleFile } = await loadEngine(engineMode());
const { ADMIN_USER, advanceTime, createClusterSandbox, fixedClock, handle } = sim;
const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const engine = sim.clusterEngineOptions();
// Each loop counts its runs (the wrappers are made once: the engine's quiet notes key on them).
const loopRuns = new Map<string, number>();
const counted = (loop: ControlLoop): ControlLoop => ({
  ...loop,
  run(api) {
    loopRuns.set(loop.name, (loopRuns.get(loop.name) ?? 0) + 1);
    loop.run(api);
  },
});
const opts = { ...engine, loops: engine.loops!.map(counted) };
let { state } = createClusterSandbox({ seed: "catch-up-bench", now: T0 });
for (let d = 0; d < deployments; d++) {
  state = handle(
    state,
    {
      method: "POST",
      path: "/apis/apps/v1/namespaces/default/deployments",
      body: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: `web-${d}` },
        spec: {
          replicas,
          selector: { matchLabels: { app: `web-${d}` } },
          template: {
            metadata: { labels: { app: `web-${d}` } },
            spec: { containers: [{ name: "web", image: "nginx:1.25" }] },
          },
        },
      },
      user: ADMIN_USER,
    },
    fixedClock(state.time),
    opts,
  ).state;
}
// Let the pods start and every loop reach its steady state.
for (let i = 0; i < 60; i++) state = advanceTime(state, state.time + 1000, opts).state;

const profiler = await cpuProfiler(profileFile);
await profiler?.start();

const start = state;
const cpuPerSecond: number[] = [];
const wallPerSecond: number[] = [];
let writes = 0;
for (let run = 0; run < runs; run++) {
  state = start;
  loopRuns.clear();
  writes = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < seconds; i++) {
    const r = advanceTime(state, state.time + 1000, opts);
    writes += r.changes.appended.length;
    state = r.state;
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  cpuPerSecond.push((cpu.user + cpu.system) / seconds);
  wallPerSecond.push((wall * 1000) / seconds);
}
await profiler?.stopAndWrite((profile) => {
  if (bundleFile) mapProfileToSources(profile, bundleFile);
});
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
console.log(describeMode(mode));
console.log(
  `## catch-up: default cluster + ${deployments} deployments × ${replicas} replicas, ${seconds} virtual seconds`,
);
console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(
  `CPU ${median(cpuPerSecond).toFixed(0)} µs per virtual second (median of ${runs}: ${cpuPerSecond.map((x) => x.toFixed(0)).join(" ")}; wall ${median(wallPerSecond).toFixed(0)} µs), ${writes} store writes (${(writes / seconds).toFixed(2)}/s)`,
);
console.log(
  `loop runs per ${seconds} s: ${[...loopRuns].map(([name, n]) => `${name} ${n}`).join(", ")}`,
);
