// npx tsx bench/apiserver-request-costs.ts [--bundle] [--runs=20] [--profile=out.cpuprofile]
//   [--kind="update pods/status"] [--top=30]  (--kind: that kind's self time by function)
// What one API request of the 100-replica settle costs, per kind of request (Pod create, Event
// create, pods/status PUT, binding, RS/Deployment status...): the settles run under the CPU
// profiler (bench/settle-profile.ts's case), every sample inside a loop's handleRequest is put
// to the request kind its caller names (the component function and the client method above it),
// and each kind's sampled time is divided by how many such requests the settles sent (from
// their audit). Sampled, so ±5-10 %: compare two builds run alternately, several processes each.
import { performance } from "node:perf_hooks";
import { cpuProfiler, type CpuProfile } from "./cpu-profiler";
import {
  engineMode,
  hundredReplicaDeployment,
  loadEngine,
  mapProfileToSources,
} from "./settle-kit";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const runs = Number(option("runs", "20"));
const now = Date.UTC(2026, 0, 1);
const { sim, bundleFile } = await loadEngine(engineMode());
const engine = sim.clusterEngineOptions();
const deployment = hundredReplicaDeployment();
const profileFile = option("profile", "/tmp/apiserver-request-costs.cpuprofile");
const profiler = (await cpuProfiler(profileFile))!;

// Audit kinds, named as the profile's callers name them below.
function auditKind(a: {
  verb: string;
  objectRef?: { resource?: string; subresource?: string };
}): string {
  const res = `${a.objectRef?.resource ?? ""}${a.objectRef?.subresource ? `/${a.objectRef.subresource}` : ""}`;
  return `${a.verb} ${res}`;
}

sim.createClusterSandbox({ seed: "warmup", now });
const counts = new Map<string, number>();
let started = false;
const t0 = performance.now();
for (let i = -3; i < runs; i++) {
  const base = sim.createClusterSandbox({ seed: `preloaded-${Math.max(i, 0)}`, now });
  if (i === 0 && !started) {
    await profiler.start();
    started = true;
  }
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
  if (i < 0) continue;
  // The first audit event is the Deployment create itself (not a loop's request).
  for (const a of r.audit.slice(1)) {
    const k = auditKind(a as Parameters<typeof auditKind>[0]);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
}
let profile: Profile | undefined;
await profiler.stopAndWrite((p: CpuProfile) => {
  if (bundleFile) mapProfileToSources(p, bundleFile);
  profile = p as unknown as Profile;
});
const elapsed = performance.now() - t0;

// The request kind of a profile path: the client method nearest the root above handleRequest
// and the component function that called it.
const file = (n: Node) => n.callFrame.url.split("/").pop() ?? "";
const name = (n: Node) => n.callFrame.functionName.replace(/\d+$/, "");
const KIND_OF: Record<string, string> = {
  "recordEvent create": "create events",
  "recordEvent update": "update events",
  "recordEvent mergePatch": "patch events",
  "syncReplicaSet create": "create pods",
  "syncReplicaSet updateStatus": "update replicasets/status",
  "syncDeployment create": "create replicasets",
  "syncDeployment updateStatus": "update deployments/status",
  "syncPod updateStatus": "update pods/status",
  "bindPod raw": "create pods/binding",
  "updateDeploymentStatus updateStatus": "update deployments/status",
  "updateStatus updateStatus": "update replicasets/status",
  "newReplicaSet create": "create replicasets",
};

const p = profile!;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const kindOfNode = new Map<number, string | null>();
function kindOf(id: number): string | null {
  const hit = kindOfNode.get(id);
  if (hit !== undefined) return hit;
  const path: Node[] = [];
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    path.push(byId.get(cur)!);
  }
  // path: leaf → root. The outermost handleRequest called by a loop's request closure.
  let kind: string | null = null;
  const h = path.findLastIndex((n) => name(n) === "handleRequest");
  if (h >= 0 && file(path[h + 1]!) === "engine.ts" && name(path[h + 1]!) !== "handle") {
    let c = h + 1;
    while (c < path.length && file(path[c]!) !== "client.ts") c++;
    while (c + 1 < path.length && file(path[c + 1]!) === "client.ts") c++;
    if (c + 1 < path.length) {
      const key = `${name(path[c + 1]!)} ${name(path[c]!)}`;
      kind = KIND_OF[key] ?? `other (${key})`;
    }
  }
  kindOfNode.set(id, kind);
  return kind;
}
const sampled = new Map<string, number>();
const focus = option("kind", "");
const selfInFocus = new Map<string, number>();
let total = 0;
for (let i = 0; i < p.samples.length; i++) {
  const dt = p.timeDeltas[i] ?? 0;
  total += dt;
  const k = kindOf(p.samples[i]!);
  if (k) sampled.set(k, (sampled.get(k) ?? 0) + dt);
  if (k && k === focus) {
    const n = byId.get(p.samples[i]!)!;
    const label = `${n.callFrame.functionName || "(anonymous)"} ${file(n)}:${n.callFrame.lineNumber + 1}`;
    selfInFocus.set(label, (selfInFocus.get(label) ?? 0) + dt);
  }
}
console.log(
  `${runs} settles in ${(elapsed / 1000).toFixed(1)} s, ${(total / 1000).toFixed(0)} ms sampled; per request (µs, sampled inside handleRequest):`,
);
const rows = [...sampled].sort((a, b) => b[1] - a[1]);
let inRequests = 0;
for (const [k, us] of rows) {
  inRequests += us;
  const n = counts.get(k);
  const per = n ? (us / n).toFixed(1).padStart(7) : "      ?";
  const share = ((100 * us) / total).toFixed(1).padStart(5);
  console.log(`  ${per} µs  × ${String(n ?? "?").padStart(5)}  ${share}% of the settle  ${k}`);
}
console.log(`  loops' requests: ${((100 * inRequests) / total).toFixed(1)}% of the sampled time`);
if (focus) {
  const n = counts.get(focus) ?? 1;
  console.log(`\nself time per "${focus}" request (µs):`);
  const top = Number(option("top", "30"));
  for (const [label, us] of [...selfInFocus].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${(us / n).toFixed(1).padStart(7)}  ${label}`);
  }
}
