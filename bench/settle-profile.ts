// npx tsx bench/settle-profile.ts [--runs=N] [--profile=out.cpuprofile] [--bundle] [--gc[=marks]]
//                                  [--calibrate]
// The one-settle case of bench/cluster.ts without Postgres: the default cluster's template,
// a 100-replica Deployment whose image every node already holds, created with one request
// whose settle brings it to Available. Prints CPU time (process.cpuUsage: the machine is
// shared, wall time counts the waits for a core) and wall time per run, their medians, the
// requests in the settle and a digest of the resulting state, so a change can be checked
// to keep the bytes (same seed, same requests → same state). --bundle measures the engine as
// one plain esbuild bundle (production-like) instead of tsx's per-file transform
// (bench/settle-kit.ts); the output names the mode, and a profile is mapped back to lib/sim.
// --gc also prints, per measured settle, V8's garbage collections in it (count and pause time
// of scavenges / mark-compacts) and the young generation's size before it: the spread between
// processes (#4) is read against them. --calibrate times a fixed pure-JS workload before and
// after the settles (one in registers, one chasing pointers through 32 MiB): the machine's
// speed for this process, to compare processes against.
import { createHash } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { calibrationMs, gcRecorder, memoryCalibrationMs } from "./settle-diagnostics";
import { cpuProfiler } from "./cpu-profiler";
import {
  describeMode,
  engineMode,
  hundredReplicaDeployment,
  loadEngine,
  mapProfileToSources,
  postDeployment,
} from "./settle-kit";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const runs = Number(option("runs", "10"));
const now = Date.UTC(2026, 0, 1);
const { sim, mode, bundleFile } = await loadEngine(engineMode());
const engine = sim.clusterEngineOptions();
const deployment = hundredReplicaDeployment();

// --profile: a CPU profile of the measured settles only (not the module loading nor the
// sandboxes' creation), for bench/cpu-profile-summary.ts.
const profileFile = option("profile", "");
const profiler = await cpuProfiler(profileFile);
const gcArg = process.argv.find((a) => a === "--gc" || a === "--gc=marks");
const gc = gcArg ? gcRecorder(gcArg === "--gc=marks") : undefined;

const calibrate = process.argv.includes("--calibrate");
calibrationMs(); // its own warm-up (the first run is interpreted)
const calibrationBefore = calibrate ? calibrationMs() : 0;
if (calibrate) memoryCalibrationMs(); // builds its array
const memoryBefore = calibrate ? memoryCalibrationMs() : 0;

// The template is built once per process (as the app does); warm it and the JIT first.
sim.createClusterSandbox({ seed: "warmup", now });
const cpu: number[] = [];
const wall: number[] = [];
let requests = 0;
let first: ReturnType<typeof sim.handle> | undefined;
for (let i = -2; i < runs; i++) {
  const base = sim.createClusterSandbox({ seed: `preloaded-${Math.max(i, 0)}`, now });
  // (the sandboxes' creation from the template is in the profile too; it is small)
  if (profiler && i === 0) await profiler.start();
  await gc?.before();
  const t = performance.now();
  const c = process.cpuUsage();
  const r = postDeployment(sim, base.state, deployment, now, engine);
  const used = process.cpuUsage(c);
  const ms = performance.now() - t;
  await gc?.after(i < 0);
  if (i < 0) continue; // warm-up runs
  cpu.push((used.user + used.system) / 1000);
  wall.push(ms);
  requests = r.audit.length;
  if (i === 0) first = r;
}
await profiler?.stopAndWrite((profile) => {
  if (bundleFile) mapProfileToSources(profile, bundleFile);
});
// The digest is taken outside the timed settles and the profile.
const h = createHash("sha256");
h.update(sim.serializeState(first!.state));
h.update(JSON.stringify(first!.audit));
h.update(JSON.stringify(first!.state.journal.traces));
const digest = h.digest("hex").slice(0, 16);
console.log(describeMode(mode));
console.log(
  `one settle, 100 replicas (image on the nodes), ${runs} runs, load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`,
);
console.log(
  `  CPU  median ${median(cpu).toFixed(1)} ms, min ${Math.min(...cpu).toFixed(1)} ms  [${cpu.map((x) => x.toFixed(0)).join(" ")}]`,
);
console.log(
  `  wall median ${median(wall).toFixed(1)} ms  [${wall.map((x) => x.toFixed(0)).join(" ")}]`,
);
console.log(`  requests ${requests}, state+audit+traces digest ${digest}`);
if (gc) console.log(gc.report());
if (calibrate) {
  console.log(
    `  calibration CPU ms before ${calibrationBefore.toFixed(1)}, after ${calibrationMs().toFixed(1)}`,
  );
  console.log(
    `  memory calibration CPU ms before ${memoryBefore.toFixed(1)}, after ${memoryCalibrationMs().toFixed(1)}`,
  );
}
