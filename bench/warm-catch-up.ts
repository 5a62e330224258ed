// npx tsx bench/warm-catch-up.ts [--bundle] [--sandboxes=40] [--rounds=30] [--warm=10]
//                                [--gaps=1000,3000] [--probe=1] [--profile=file]
// The catch-up before a read (lib/db/sandboxes/catch-up.ts) in a WARM process, in the shape
// bench:load's learners leave their sandboxes: default cluster, a Deployment of 3 running pods
// and a ConfigMap. The sandboxes take turns (as a worker serves many learners), each round lets
// every gap of virtual time pass in each sandbox and times the catch-up (advanceTime): process
// CPU (getrusage; V8's helper threads included) per catch-up, the requests it made, and per loop
// its runs and its CPU including the requests it sent. The first --warm rounds are not counted.
// The per-loop probe reads the process's CPU twice per loop run (~10 us each, in the catch-up's
// figure too): --probe=0 leaves it out for the catch-up's own figure.
import { loadavg } from "node:os";
import { cpuProfiler } from "./cpu-profiler";
import { describeMode, engineMode, loadEngine, mapProfileToSources } from "./settle-kit";
import type { ControlLoop } from "../lib/sim/engine";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const sandboxes = Number(option("sandboxes", "40"));
const rounds = Number(option("rounds", "30"));
const warm = Number(option("warm", "10"));
const gaps = option("gaps", "1000,3000").split(",").map(Number);
const profileFile = option("profile", "");
const probe = option("probe", "1") !== "0";

const { sim, mode, bundleFile } = await loadEngine(engineMode());
const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const engine = sim.clusterEngineOptions();
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
// Per loop: runs and CPU µs (its requests included) in counted catch-ups.
let counting = false;
let probing = false;
const loopStats = new Map<string, { runs: number; us: number }>();
const probed = (loop: ControlLoop): ControlLoop => ({
  ...loop,
  run(api) {
    if (!probing) return loop.run(api);
    const c0 = cpuUs();
    loop.run(api);
    const s = loopStats.get(loop.name) ?? { runs: 0, us: 0 };
    s.runs++;
    s.us += cpuUs() - c0;
    loopStats.set(loop.name, s);
  },
});
const opts = { ...engine, loops: engine.loops!.map(probed) };

function post(state: import("../lib/sim").SandboxState, path: string, body: unknown) {
  return sim.handle(
    state,
    { method: "POST", path, body, user: sim.ADMIN_USER },
    sim.fixedClock(state.time),
    opts,
  ).state;
}

const states = Array.from({ length: sandboxes }, (_, i) => {
  let { state } = sim.createClusterSandbox({ seed: `warm-${i}`, now: T0 + i * 3_600_000 });
  state = post(state, "/apis/apps/v1/namespaces/default/deployments", {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "nginx", image: "nginx:1.25" }] },
      },
    },
  });
  for (let s = 0; s < 30; s++) state = sim.advanceTime(state, state.time + 1000, opts).state;
  state = post(state, "/api/v1/namespaces/default/configmaps", {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "notes" },
    data: { k: "v" },
  });
  return state;
});

const profiler = await cpuProfiler(profileFile);
const samples = new Map<number, { us: number; requests: number; writes: number }[]>(
  gaps.map((g) => [g, []]),
);
for (let round = 0; round < rounds; round++) {
  counting = round >= warm;
  probing = counting && probe;
  if (round === warm) await profiler?.start();
  for (const gap of gaps) {
    for (let i = 0; i < sandboxes; i++) {
      const state = states[i]!;
      const c0 = cpuUs();
      const r = sim.advanceTime(state, state.time + gap, opts);
      const us = cpuUs() - c0;
      states[i] = r.state;
      if (counting) {
        samples
          .get(gap)!
          .push({ us, requests: r.traces.length, writes: r.changes.appended.length });
      }
    }
  }
}
await profiler?.stopAndWrite((p) => {
  if (bundleFile) mapProfileToSources(p, bundleFile);
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(describeMode(mode));
console.log(
  `${rounds - warm} rounds × ${sandboxes} sandboxes counted (${warm} warm-up), load ${loadavg()[0]!.toFixed(1)}`,
);
let total = 0;
for (const [gap, xs] of samples) {
  total += xs.length;
  const us = xs.map((s) => s.us);
  console.log(
    `gap ${gap} ms: catch-up ${median(us).toFixed(0)} µs median, ${mean(us).toFixed(0)} mean; requests ${mean(xs.map((s) => s.requests)).toFixed(2)}, writes ${mean(xs.map((s) => s.writes)).toFixed(2)} per catch-up`,
  );
}
console.log("per catch-up (all gaps): loop runs, µs incl. its requests");
for (const [name, s] of [...loopStats].sort((a, b) => b[1].us - a[1].us)) {
  console.log(
    `  ${name.padEnd(32)} runs ${(s.runs / total).toFixed(2)}  ${(s.us / total).toFixed(0)} µs  (${(s.us / s.runs).toFixed(0)} µs/run)`,
  );
}
