// npx tsx bench/apiserver-requests-ab.ts --trees=/path/a,/path/b [--reps=9] [--settles=20]
// bench/apiserver-requests.ts and the 100-replica settle for comparing source trees on a loaded
// machine: each tree (a checkout of this repository, node_modules linked) is bundled as the
// app runs it and loaded into ONE process (module state is per bundle), and every timing
// alternates between the trees (A, B, A, B...), so other processes' load falls on all alike.
// Per tree: the settle's CPU median (settles alternating), then per request kind the mean over
// the recorded requests of the median of `reps` replays (each tree replays its own recording:
// the managed fields' trees are known to the bundle that built them). CPU time throughout.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { bundleLikeApp } from "./bundle-like-app";
import { fileURLToPath } from "node:url";
import { hundredReplicaDeployment } from "./settle-kit";

type Sim = typeof import("../lib/sim");
type State = ReturnType<Sim["createClusterSandbox"]>["state"];
type Loop = NonNullable<ReturnType<Sim["clusterEngineOptions"]>["loops"]>[number];
type LoopApi = Parameters<Loop["run"]>[0];
type ApiRequest = Parameters<Sim["handle"]>[1];

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const cpuMs = (f: () => void) => {
  const c = process.cpuUsage();
  f();
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000;
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const trees = option("trees", root)
  .split(",")
  .map((t) => path.resolve(t));
const reps = Number(option("reps", "9"));
const settles = Number(option("settles", "20"));
const now = Date.UTC(2026, 0, 1);

async function bundleTree(tree: string, dir: string): Promise<Sim> {
  const outfile = path.join(
    dir,
    `${path.basename(tree)}-${Math.random().toString(36).slice(2)}.mjs`,
  );
  const url = await bundleLikeApp({ contents: 'export * from "./lib/sim";', tree, outfile });
  return (await import(url)) as Sim;
}

interface Recorded {
  state: State;
  req: ApiRequest;
  code: number;
}

function kindOf(req: { method: string; path: string }): string {
  const parts = req.path.split("?")[0]!.split("/").filter(Boolean);
  const i = parts.indexOf("namespaces");
  const rest = i >= 0 ? parts.slice(i + 2) : parts.slice(parts[0] === "api" ? 2 : 3);
  return `${req.method} ${rest[0] ?? ""}${rest[2] ? `/${rest[2]}` : ""}`;
}

/** One settle with every loop request recorded on a private copy of its state's log. */
function record(sim: Sim): Map<string, Recorded[]> {
  const recorded = new Map<string, Recorded[]>();
  const engine = sim.clusterEngineOptions();
  const loops = (engine.loops ?? []).map((loop) => {
    const wrapped = Object.create(loop) as Loop;
    wrapped.run = (api: LoopApi) =>
      loop.run({
        ...api,
        request: (req, notes) => {
          const s = api.state();
          const log = s.store.log;
          const rows = log.rows.slice(0, log.length);
          const state = { ...s, store: { ...s.store, log: { rows, length: log.length } } };
          const res = api.request(req, notes);
          const full = { ...req, user: req.user ?? loop.user, inProcess: true } as ApiRequest;
          const list = recorded.get(kindOf(req)) ?? [];
          list.push({ state, req: full, code: res.code });
          recorded.set(kindOf(req), list);
          return res;
        },
      });
    return wrapped;
  });
  settle(sim, { ...engine, loops });
  return recorded;
}

function settle(sim: Sim, opts: ReturnType<Sim["clusterEngineOptions"]>, seed = "preloaded-0") {
  const base = sim.createClusterSandbox({ seed, now });
  const body = hundredReplicaDeployment();
  const req = {
    method: "POST" as const,
    path: "/apis/apps/v1/namespaces/default/deployments",
    user: sim.ADMIN_USER,
    body,
  };
  return sim.handle(base.state, req, sim.fixedClock(now), opts);
}

const cache = path.join(root, "node_modules", ".cache");
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(path.join(cache, "kubelab-api-ab-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
const sims: Sim[] = [];
for (const t of trees) sims.push(await bundleTree(t, dir));
const names = trees.map((t, i) => `${String.fromCharCode(65 + i)} ${path.basename(t)}`);

// Whole settles, alternating (2 warm-ups each).
const settleCpu = sims.map(() => [] as number[]);
for (let i = -2; i < settles; i++) {
  sims.forEach((sim, t) => {
    const opts = sim.clusterEngineOptions();
    const base = sim.createClusterSandbox({ seed: `preloaded-${Math.max(i, 0)}`, now });
    const ms = cpuMs(() =>
      sim.handle(
        base.state,
        {
          method: "POST",
          path: "/apis/apps/v1/namespaces/default/deployments",
          user: sim.ADMIN_USER,
          body: hundredReplicaDeployment(),
        },
        sim.fixedClock(now),
        opts,
      ),
    );
    if (i >= 0) settleCpu[t]!.push(ms);
  });
}
console.log(`load ${loadavg()[0]!.toFixed(1)}; settle CPU median (ms, ${settles} alternating):`);
names.forEach((n, t) => console.log(`  ${median(settleCpu[t]!).toFixed(1).padStart(7)}  ${n}`));

// Per request kind, replays alternating between the trees request by request.
const recordings = sims.map(record);
const clocks = sims.map((sim) => sim.fixedClock(now));
const kinds = [...recordings[0]!.keys()].filter((k) => !k.startsWith("GET"));
console.log(`CPU µs per request (median of ${reps} replays after a warm-up, mean over requests):`);
console.log(`  ${names.map((n) => n.padStart(14)).join("")}   requests  kind`);
for (const kind of kinds) {
  const lists = recordings.map((r) => r.get(kind) ?? []);
  const n = Math.min(...lists.map((l) => l.length));
  const sums = sims.map(() => 0);
  for (let i = 0; i < n; i++) {
    const times = sims.map(() => [] as number[]);
    for (let rep = -1; rep < reps; rep++) {
      sims.forEach((sim, t) => {
        const r = lists[t]![i]!;
        const log = r.state.store.log;
        log.rows.length = log.length;
        let code = 0;
        const ms = cpuMs(() => {
          code = sim.handle(r.state, r.req, clocks[t]!, { loops: [] }).response.code;
        });
        if (code !== r.code)
          throw new Error(`${names[t]} ${kind}: replay ${code}, settle ${r.code}`);
        if (rep >= 0) times[t]!.push(ms);
      });
    }
    times.forEach((ts, t) => (sums[t]! += median(ts)));
  }
  const cells = sums.map((s) => ((s * 1000) / n).toFixed(1).padStart(14)).join("");
  console.log(`  ${cells}   ${String(n).padStart(8)}  ${kind}`);
}
