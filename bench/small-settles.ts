// npx tsx bench/small-settles.ts [--trees=/path/a,/path/b] [--sandboxes=60] [--rounds=4] [--warm=1]
//                                [--profile=file] [--steps=create,scale,label]
// The write commands of bench:load's script as one learner types them (create deployment on a
// new sandbox, scale it to 3, label it), each a virtual second after the last, run through the
// terminal's command-line code against the engine alone (no Postgres, no HTTP): what the
// engine's catch-up (advanceTime before the command's first request) and the command's own
// requests with their settles cost, in CPU time. Each tree (a checkout with node_modules
// linked) is bundled as the app runs the engine (esbuild, one bundle per tree) and loaded into
// this one process; for every sandbox the trees take turns (A, B / B, A...), so the machine's
// load falls on all of them alike. The first --warm rounds are not counted (the JIT: a pod's
// start runs once per command, so a process needs a few hundred before it is compiled).
// Prints per tree and step: the median and mean process CPU of the catch-up, of the requests
// (with their settles) and of the whole command (the CLI's own work too), and the median of the
// per-sandbox differences against the first tree.
import { loadavg } from "node:os";
import path from "node:path";
import { benchOption, benchTrees, bundleDir, bundleLikeApp } from "./bundle-like-app";
import { cpuProfiler } from "./cpu-profiler";
import { mapProfileToSources } from "./settle-kit";

const trees = benchTrees();
const sandboxes = Number(benchOption("sandboxes", "60"));
const rounds = Number(benchOption("rounds", "4"));
const warm = Number(benchOption("warm", "1"));
const profileFile = benchOption("profile", "");
const STEPS: Record<string, (n: number) => string> = {
  create: (n) => `kubectl create deployment web-${n} --image=nginx:1.25`,
  scale: (n) => `kubectl scale deployment web-${n} --replicas=3`,
  label: (n) => `kubectl label deployment web-${n} tier=frontend --overwrite`,
};
// --script-rounds=K: each sandbox goes through the steps K times (web-0, web-1...), as a
// bench:load learner does; only the last round's commands are counted (the cluster then
// holds K Deployments of 3 pods).
const scriptRounds = Number(benchOption("script-rounds", "1"));
const steps = benchOption("steps", "create,scale,label").split(",");
const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

type Sim = typeof import("../lib/sim") & typeof import("../lib/sim/cli");

const ENTRY = `
export * from "./lib/sim";
export { runCommandLine, DEFAULT_SESSION } from "./lib/sim/cli";
`;

async function bundleTree(tree: string, dir: string): Promise<{ sim: Sim; file: string }> {
  const outfile = path.join(
    dir,
    `${path.basename(tree)}-${Math.random().toString(36).slice(2)}.mjs`,
  );
  const url = await bundleLikeApp({
    contents: ENTRY,
    tree,
    outfile,
    sourcefile: "small-settles-entry.ts",
    sourcemap: true,
  });
  return { sim: (await import(url)) as Sim, file: outfile };
}

/**
 * CPU ms of the process (getrusage: exact to the call; V8's helper threads included). The main
 * thread's /proc schedstat would leave them out, but it only moves at the scheduler's ticks and
 * switches (milliseconds), too coarse for one command.
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

interface Sample {
  catchUp: number;
  requests: number;
  command: number;
}

/** One learner's sandbox on one tree: its state, and the terminal's env over it (lib/terminal/db-env.ts, in memory). */
function learner(
  sim: Sim,
  engine: ReturnType<Sim["clusterEngineOptions"]>,
  seed: string,
  now: number,
) {
  let state = sim.createClusterSandbox({ seed, now }).state;
  let loopsRanAt = state.time;
  let virtualNow = now;
  let catchUpMs = 0;
  let requestsMs = 0;
  const catchUp = () => {
    if (virtualNow > state.time && virtualNow - loopsRanAt >= 1000) {
      const c0 = cpuMs();
      state = sim.advanceTime(state, virtualNow, engine).state;
      loopsRanAt = state.time;
      catchUpMs += cpuMs() - c0;
    }
  };
  const env = {
    files: async () => ({}),
    isUnavailable: () => false,
    now: () => virtualNow,
    state: async () => {
      catchUp();
      return state;
    },
    request: async (req: Parameters<Sim["handle"]>[1]) => {
      catchUp();
      const c0 = cpuMs();
      const r = sim.handle(
        state,
        { ...req, user: sim.ADMIN_USER, userAgent: "kubectl/v1.28.0" },
        sim.fixedClock(virtualNow),
        engine,
      );
      state = r.state;
      if (r.changes.appended.length > 0) loopsRanAt = state.time;
      requestsMs += cpuMs() - c0;
      return r.response;
    },
    sleep: async () => {
      throw new Error("no waits in these commands");
    },
    etcdStep: async () => {
      throw new Error("no etcd steps in these commands");
    },
  };
  return {
    /** Lets `ms` of virtual time pass without a request (as between a learner's commands). */
    wait(ms: number) {
      virtualNow += ms;
    },
    async run(line: string): Promise<Sample> {
      catchUpMs = 0;
      requestsMs = 0;
      const c0 = cpuMs();
      const out = await sim.runCommandLine(line, env as never, sim.DEFAULT_SESSION);
      const command = cpuMs() - c0;
      if (out.exitCode !== 0) throw new Error(`${line}: ${out.stderr}`);
      return { catchUp: catchUpMs, requests: requestsMs, command };
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;

async function main() {
  const dir = bundleDir("kubelab-small");
  const loaded: { sim: Sim; file: string }[] = [];
  for (const t of trees) loaded.push(await bundleTree(t, dir));
  const engines = loaded.map((l) => l.sim.clusterEngineOptions());
  const samples = trees.map(() => new Map<string, Sample[]>(steps.map((s) => [s, []])));
  const profiler = await cpuProfiler(profileFile);
  let n = 0;
  for (let round = 0; round < rounds; round++) {
    if (round === warm) await profiler?.start();
    for (let i = 0; i < sandboxes; i++, n++) {
      const order = loaded.map((_, k) => k);
      if (n % 2 === 1) order.reverse();
      for (const k of order) {
        const l = learner(loaded[k]!.sim, engines[k]!, `small-${n}`, T0 + n * 3_600_000);
        for (let r = 0; r < scriptRounds; r++) {
          for (const step of steps) {
            l.wait(1050);
            const s = await l.run(STEPS[step]!(r));
            if (round >= warm && r === scriptRounds - 1) samples[k]!.get(step)!.push(s);
          }
        }
      }
    }
  }
  await profiler?.stopAndWrite((p) => mapProfileToSources(p, loaded[0]!.file));
  console.log(
    `${rounds - warm} rounds × ${sandboxes} sandboxes counted (${warm} warm-up), load ${loadavg()[0]!.toFixed(1)}; process CPU ms, median (mean)`,
  );
  for (const step of steps) {
    console.log(`${STEPS[step]!(scriptRounds - 1)}`);
    const base = samples[0]!.get(step)!;
    trees.forEach((t, k) => {
      const xs = samples[k]!.get(step)!;
      const m = (f: (s: Sample) => number) => median(xs.map(f)).toFixed(2);
      const paired = median(xs.map((s, i) => s.command - base[i]!.command));
      const mean = (f: (s: Sample) => number) =>
        (xs.reduce((a, s) => a + f(s), 0) / xs.length).toFixed(2);
      console.log(
        `  ${t}: catch-up ${m((s) => s.catchUp)} (mean ${mean((s) => s.catchUp)}), requests ${m((s) => s.requests)} (${mean((s) => s.requests)}), command ${m((s) => s.command)} (${mean((s) => s.command)})` +
          (k === 0 ? "" : `; paired command diff ${paired >= 0 ? "+" : ""}${paired.toFixed(2)}`),
      );
    });
  }
}

void main();
