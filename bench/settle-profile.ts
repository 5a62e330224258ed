// npx tsx bench/settle-profile.ts [--runs=N] [--profile=out.cpuprofile]
// The one-settle case of bench/cluster.ts without Postgres: the default cluster's template,
// a 100-replica Deployment whose image every node already holds, created with one request
// whose settle brings it to Available. Prints CPU time (process.cpuUsage: the machine is
// shared, wall time counts the waits for a core) and wall time per run, their medians, the
// requests in the settle and a digest of the resulting state, so a change can be checked
// to keep the bytes (same seed, same requests → same state).
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import * as sim from "../lib/sim";

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
const engine = sim.clusterEngineOptions();
const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web" },
  spec: {
    replicas: 100,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: {
        containers: [
          {
            name: "web",
            image: "registry.k8s.io/pause:3.9",
            resources: { requests: { cpu: "10m" } },
          },
        ],
      },
    },
  },
};

// --profile: a CPU profile of the measured settles only (not the module loading nor the
// sandboxes' creation), for bench/cpu-profile-summary.ts.
const profileFile = option("profile", "");
const session = profileFile ? new Session() : undefined;
const post = (method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) =>
    session!.post(method, params ?? {}, (err, out) => (err ? reject(err) : resolve(out))),
  );
if (session) {
  session.connect();
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: 100 });
}

// The template is built once per process (as the app does); warm it and the JIT first.
sim.createClusterSandbox({ seed: "warmup", now });
const cpu: number[] = [];
const wall: number[] = [];
let digest = "";
let requests = 0;
for (let i = -2; i < runs; i++) {
  const base = sim.createClusterSandbox({ seed: `preloaded-${Math.max(i, 0)}`, now });
  // (the sandboxes' creation from the template is in the profile too; it is small)
  if (session && i === 0) await post("Profiler.start");
  const t = performance.now();
  const c = process.cpuUsage();
  const r = sim.handle(
    base.state,
    {
      method: "POST",
      path: "/apis/apps/v1/namespaces/default/deployments",
      user: sim.ADMIN_USER,
      body: deployment,
    },
    sim.fixedClock(now),
    engine,
  );
  const used = process.cpuUsage(c);
  const ms = performance.now() - t;
  if (i < 0) continue; // warm-up runs
  cpu.push((used.user + used.system) / 1000);
  wall.push(ms);
  requests = r.audit.length;
  if (i === 0) {
    const h = createHash("sha256");
    h.update(sim.serializeState(r.state));
    h.update(JSON.stringify(r.audit));
    h.update(JSON.stringify(r.state.journal.traces));
    digest = h.digest("hex").slice(0, 16);
  }
}
if (session) {
  const { profile } = (await post("Profiler.stop")) as { profile: unknown };
  writeFileSync(profileFile, JSON.stringify(profile));
  session.disconnect();
}
console.log(
  `one settle, 100 replicas (image on the nodes), ${runs} runs, load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`,
);
console.log(
  `  CPU  median ${median(cpu).toFixed(1)} ms  [${cpu.map((x) => x.toFixed(0)).join(" ")}]`,
);
console.log(`  wall median ${median(wall).toFixed(1)} ms`);
console.log(`  requests ${requests}, state+audit+traces digest ${digest}`);
