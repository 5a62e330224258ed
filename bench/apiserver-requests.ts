// npx tsx bench/apiserver-requests.ts [--bundle] [--reps=15] [--kind="POST events"] [--profile=f]
// What one API request of each kind costs on its own, in µs: the 100-replica settle of
// bench/settle-profile.ts is run once with every control loop's requests recorded (the state
// each was sent on, the request, the loop's identity), then each recorded request is replayed
// on its state through the engine without loops (handleRequest plus the engine's small wrapper):
// once to fill what is kept per state (RBAC snapshot, list caches), then `reps` times, timed.
// The replays answer as the settle did (checked: same code). A request's own cost, GC included;
// what a settle spends refilling per-state caches between requests is not in it.
import { cpuProfiler } from "./cpu-profiler";
import {
  describeMode,
  engineMode,
  hundredReplicaDeployment,
  loadEngine,
  mapProfileToSources,
} from "./settle-kit";

type Sim = Awaited<ReturnType<typeof loadEngine>>["sim"];
type State = ReturnType<Sim["createClusterSandbox"]>["state"];
type Options = ReturnType<Sim["clusterEngineOptions"]>;
type Loop = NonNullable<Options["loops"]>[number];
type LoopApi = Parameters<Loop["run"]>[0];
type LoopRequest = Parameters<LoopApi["request"]>[0];

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const reps = Number(option("reps", "15"));
const now = Date.UTC(2026, 0, 1);
const { sim, mode, bundleFile } = await loadEngine(engineMode());
// --profile=file.cpuprofile: the replays only (bench/cpu-profile-summary.ts reads it).
const profiler = await cpuProfiler(option("profile", ""));
const clock = sim.fixedClock(now);

interface Recorded {
  state: State;
  req: LoopRequest & { user: Loop["user"]; inProcess: true };
  code: number;
}
const recorded = new Map<string, Recorded[]>();
const engine = sim.clusterEngineOptions();
const noLoops = { plugins: engine.plugins, loops: [] };

// A request's kind: method, resource path without names, the subresource.
function kindOf(req: LoopRequest): string {
  const parts = req.path.split("?")[0]!.split("/").filter(Boolean);
  const i = parts.indexOf("namespaces");
  const rest = i >= 0 ? parts.slice(i + 2) : parts.slice(parts[0] === "api" ? 2 : 3);
  const resource = rest[0] ?? "";
  const sub = rest[2] ? `/${rest[2]}` : "";
  return `${req.method} ${resource}${sub}`;
}

// The cluster's loops, each wrapped so that its requests are recorded with the state they saw.
const loops = (engine.loops ?? []).map((loop) => {
  const wrapped = Object.create(loop) as Loop;
  wrapped.run = (api: LoopApi) =>
    loop.run({
      ...api,
      request: (req, notes) => {
        const state = ownLog(api.state());
        const res = api.request(req, notes);
        const full = { ...req, user: req.user ?? loop.user, inProcess: true as const };
        const list = recorded.get(kindOf(req)) ?? [];
        list.push({ state, req: full, code: res.code });
        recorded.set(kindOf(req), list);
        return res;
      },
    });
  return wrapped;
});

// A state's revision log is an array shared with the states after it, appended in place by the
// state owning its tail (store/writer.ts commit); any other copies the whole log. A recorded
// state's tail was taken by the settle's next request, so each gets a private copy of its rows,
// whose tail its replays give back (`replay` below) so each pass appends in place as the settle did.
function ownLog(state: State): State {
  const log = state.store.log;
  const rows = log.rows.slice(0, log.length);
  return { ...state, store: { ...state.store, log: { rows, length: log.length } } };
}
function replay(r: Recorded) {
  const log = r.state.store.log;
  log.rows.length = log.length;
  return sim.handle(r.state, r.req, clock, noLoops);
}

sim.createClusterSandbox({ seed: "warmup", now });
const base = sim.createClusterSandbox({ seed: "preloaded-0", now });
sim.handle(
  base.state,
  {
    method: "POST",
    path: "/apis/apps/v1/namespaces/default/deployments",
    user: sim.ADMIN_USER,
    body: hundredReplicaDeployment(),
  },
  clock,
  { ...engine, loops },
);

console.log(describeMode(mode));
console.log(
  `CPU µs per request (each recorded request replayed ${reps}× after one warm-up; median):`,
);
const rows: [string, number, number][] = [];
// --kind="POST events": that kind only (with --profile, a profile of its replays).
const only = option("kind", "");
await profiler?.start();
for (const [kind, list] of recorded) {
  if (kind.startsWith("GET") || (only && kind !== only)) continue;
  // Per recorded request: one untimed replay (the caches kept per state fill), then `reps`
  // timed ones; the request's figure is their median, the kind's the mean over its requests.
  let sum = 0;
  for (const r of list) {
    const out = replay(r);
    if (out.response.code !== r.code) {
      throw new Error(`${kind}: replay answered ${out.response.code}, the settle ${r.code}`);
    }
    const times: number[] = [];
    for (let i = 0; i < reps; i++) {
      // CPU time: on a shared machine wall time counts the waits for a core.
      const c = process.cpuUsage();
      replay(r);
      const used = process.cpuUsage(c);
      times.push((used.user + used.system) / 1000);
    }
    sum += median(times);
  }
  rows.push([kind, (sum * 1000) / list.length, list.length]);
}
await profiler?.stopAndWrite((p) => {
  if (bundleFile) mapProfileToSources(p, bundleFile);
});
for (const [kind, us, n] of rows.sort((a, b) => b[1] * b[2] - a[1] * a[2])) {
  console.log(`  ${us.toFixed(1).padStart(7)} µs  × ${String(n).padStart(4)}  ${kind}`);
}
