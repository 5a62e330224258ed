// npx tsx bench/catch-up.ts [--deployments=3] [--replicas=3] [--seconds=300]
// The cost of letting a cluster's control loops catch up with virtual time, with
// no request in between: a default cluster plus a few Deployments, settled, then
// advanceTime by 1 s repeatedly (what a learner's commands trigger at most once per
// virtual second, lib/db/sandboxes/catch-up.ts). Prints µs of CPU per virtual second.
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { fixedClock } from "../lib/sim/clock";
import { createClusterSandbox } from "../lib/sim/cluster/default-cluster";
import { clusterEngineOptions } from "../lib/sim/cluster/loops";
import { ADMIN_USER, advanceTime, handle } from "../lib/sim/engine";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const deployments = Number(option("deployments", "3"));
const replicas = Number(option("replicas", "3"));
const seconds = Number(option("seconds", "300"));

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const opts = clusterEngineOptions();
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

const cpu0 = process.cpuUsage();
const t0 = performance.now();
let writes = 0;
for (let i = 0; i < seconds; i++) {
  const r = advanceTime(state, state.time + 1000, opts);
  writes += r.changes.appended.length;
  state = r.state;
}
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const perSecondUs = (cpu.user + cpu.system) / seconds;
console.log(
  `## catch-up: default cluster + ${deployments} deployments × ${replicas} replicas, ${seconds} virtual seconds`,
);
console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(
  `CPU ${perSecondUs.toFixed(0)} µs per virtual second (wall ${((wall * 1000) / seconds).toFixed(0)} µs), ${writes} store writes (${(writes / seconds).toFixed(2)}/s)`,
);
