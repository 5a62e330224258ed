// npx tsx bench/one-command-ab.ts --trees=/path/a,/path/b [--runs=20] [--rounds=3] [--warm=0]
//                                 [--before="…;…"] [--command="…"] [--advance=ms] [--sleep=ms]
//                                 [--profile=file] [--immediate]
// bench/one-command.ts for comparing source trees on a loaded machine: each tree (a checkout
// of this repository, node_modules linked) is bundled with esbuild as the app runs it
// (production-like, one bundle per tree) and loaded into ONE process; the timed commands of
// the trees alternate (A, B, A, B...), so the load of other processes falls on all of them
// alike. Each round opens `runs` fresh sandboxes per tree (with the `--before` commands),
// lets a virtual second pass, then times one command in each. Prints per tree the CPU
// median of every round, the median of all runs, the median of the paired differences with
// the first tree (run i of each tree ran back to back), and the store's part timers
// (lib/db/sandboxes/parts.ts; trees without them print none) as the median of the runs and,
// in brackets, their mean, and the median bytes of the timed command's SandboxLog row (its log
// pack, read after the timing). The means carry the GC pauses that fell in a part (a scavenge of a
// command's garbage, now and then a mark-compact): e.g. the log pack of create deployment,
// label or create configmap 0.34-0.45 ms median, 0.35-0.79 mean (session 12, load 12-15).
// "GC" is V8's pause time per timed command (perf_hooks "gc" entries: wall-clock pauses of
// the main thread, a mean over the counted runs). A pause is reported a tick after it ends,
// so one may count with the next command, of the other tree, and a few mark-compacts make it
// lumpy (one code measured 11.4 and 3.4 ms in one run, load 13): read the trees' sum.
// --warm=N: the first N rounds run but are left out of the medians and parts (their round
// medians are printed in brackets). A write's consequences (a pod's start in the next
// command's catch-up) run once per timed command, so the first round of a process runs them
// before V8 has compiled them: the label-after-scale command measured 14.7 / 8.8 / 7.5 / 7.0 ms
// over four rounds of 20 (idle machine, session 9), catch-up 9 ms in the first round, ~3.5 after.
// --sleep: the real (= virtual) time between the sandboxes' preparation and the timed commands
// (default 1050 ms: one catch-up interval; 2050 lets the leaders' 2 s Lease renewals fall due).
// --immediate: each sandbox is prepared right before its timed command (no --sleep), so the
// command runs within its catch-up interval, as most commands of a closed loop do (a read
// then costs its request, its audit/trace pack and its statement, no catch-up).
// --profile writes a CPU profile of the timed commands (all trees; with one tree, its own),
// frames mapped back to the first tree's sources (bench/cpu-profile-summary.ts reads it).
// Trees must agree on the database schema and on the text of named statements (they share
// the connection pool on globalThis).
import { loadavg } from "node:os";
import { PerformanceObserver } from "node:perf_hooks";
import path from "node:path";
import { benchOption, benchTrees, bundleDir, bundleLikeApp } from "./bundle-like-app";
import { cpuProfiler } from "./cpu-profiler";
import { mapProfileToSources } from "./settle-kit";
import { withBenchDatabase } from "./with-database";

const trees = benchTrees();
const runs = Number(benchOption("runs", "20"));
const rounds = Number(benchOption("rounds", "3"));
const warm = Number(benchOption("warm", "0"));
const command = benchOption("command", "kubectl create deployment web --image=nginx:1.25");
const before = benchOption("before", "")
  .split(";")
  .map((c) => c.trim())
  .filter(Boolean);
const advanceMs = Number(benchOption("advance", "0"));
const sleepMs = Number(benchOption("sleep", "1050"));
const profileFile = benchOption("profile", "");
const immediate = process.argv.includes("--immediate");
process.env.KUBELAB_DB_PARTS = "1";

interface Tree {
  runTerminalCommand(id: string, line: string): Promise<{ stdout: string; stderr: string }>;
  userSandbox(userId: string): Promise<string>;
  advanceSandboxTime(id: string, ms: number): Promise<number>;
  createUser(i: number): Promise<string>;
  newestLogBytes(id: string): Promise<number>;
  closePool(): Promise<void>;
}

const ENTRY = `
export { runTerminalCommand, userSandbox } from "./lib/terminal";
export { advanceSandboxTime } from "./lib/db/sandboxes";
export { closePool } from "./lib/db/sandboxes/pool";
import { pool } from "./lib/db/sandboxes/pool";
import { db } from "./lib/db/client";
export async function newestLogBytes(id) {
  const { rows } = await pool().query('SELECT octet_length("packed") AS n FROM "SandboxLog" WHERE "sandboxId" = $1 ORDER BY "seq" DESC LIMIT 1', [id]);
  return Number(rows[0]?.n ?? 0);
}
export async function createUser(i) {
  const u = await db().user.create({ data: { email: \`ab-\${Date.now()}-\${i}-\${Math.random()}@bench.test\`, name: "ab" + i } });
  return u.id;
}
`;

async function bundleTree(root: string, dir: string): Promise<{ tree: Tree; file: string }> {
  const outfile = path.join(
    dir,
    `${path.basename(root)}-${Math.random().toString(36).slice(2)}.mjs`,
  );
  const url = await bundleLikeApp({
    contents: ENTRY,
    tree: root,
    outfile,
    sourcefile: "ab-entry.ts",
    sourcemap: true,
  });
  return { tree: (await import(url)) as Tree, file: outfile };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Parts = { catchUp: number; request: number; persist: number; logPack: number };
const partsNow = (): Parts => {
  const p = (globalThis as { kubelabDbParts?: Parts }).kubelabDbParts;
  return p ? { ...p } : { catchUp: 0, request: 0, persist: 0, logPack: 0 };
};

async function main() {
  const dir = bundleDir("kubelab-ab");
  await withBenchDatabase(`kubelab_bench_ab_${process.pid}`, async () => {
    const loaded: Tree[] = [];
    const files: string[] = [];
    for (const t of trees) {
      const b = await bundleTree(t, dir);
      loaded.push(b.tree);
      files.push(b.file);
    }
    const profiler = await cpuProfiler(profileFile);
    const cpu = trees.map(() => [] as number[]);
    const roundMedians = trees.map(() => [] as number[]);
    const parts = trees.map((): Parts[] => []);
    // Bytes of the timed command's SandboxLog row (its log pack), read after the timing.
    const logBytes = trees.map(() => [] as number[]);
    // V8's pauses, added to the tree whose command ran last (entries arrive a tick late: a
    // pause in one command may be counted with the next, of either tree; the sums agree).
    const gcMs = trees.map(() => 0);
    let gcTree = -1;
    const gc = new PerformanceObserver((list) => {
      if (gcTree < 0) return;
      for (const e of list.getEntries()) gcMs[gcTree] = (gcMs[gcTree] ?? 0) + e.duration;
    });
    gc.observe({ entryTypes: ["gc"] });
    let output = "";
    for (let round = 0; round < rounds; round++) {
      const prepare = async (tree: Tree, i: number) => {
        const id = await tree.userSandbox(await tree.createUser(i));
        for (const c of before) await tree.runTerminalCommand(id, c);
        if (advanceMs > 0) await tree.advanceSandboxTime(id, advanceMs);
        return id;
      };
      // Sandboxes of every tree first (2 warm-up runs each), then one timed command per
      // sandbox; with --immediate each is prepared right before its command.
      const ids = immediate
        ? []
        : await Promise.all(
            loaded.map(async (tree) => {
              const out: string[] = [];
              for (let i = 0; i < runs + 2; i++) out.push(await prepare(tree, i));
              return out;
            }),
          );
      if (!immediate) await sleep(sleepMs);
      if (round === 0) await profiler?.start();
      const thisRound = trees.map(() => [] as number[]);
      for (let i = 0; i < runs + 2; i++) {
        // Alternate which tree goes first, so neither always follows the other.
        const order = loaded.map((_, k) => k);
        if (i % 2 === 1) order.reverse();
        for (const k of order) {
          const id = immediate ? await prepare(loaded[k]!, i) : ids[k]![i]!;
          gcTree = round < warm || i < 2 ? -1 : k;
          const p0 = partsNow();
          const c0 = process.cpuUsage();
          const r = await loaded[k]!.runTerminalCommand(id, command);
          const used = process.cpuUsage(c0);
          const p1 = partsNow();
          output = (r.stdout + r.stderr).trim().split("\n")[0] ?? "";
          if (i < 2) continue;
          const ms = (used.user + used.system) / 1000;
          thisRound[k]!.push(ms);
          if (round < warm) continue;
          cpu[k]!.push(ms);
          logBytes[k]!.push(await loaded[k]!.newestLogBytes(id));
          parts[k]!.push({
            catchUp: p1.catchUp - p0.catchUp,
            request: p1.request - p0.request,
            persist: p1.persist - p0.persist,
            logPack: p1.logPack - p0.logPack,
          });
        }
      }
      // The last command's pauses arrive after it; the next round's preparation is not timed.
      await new Promise((r) => setImmediate(r));
      gcTree = -1;
      thisRound.forEach((xs, k) => roundMedians[k]!.push(median(xs)));
    }
    gc.disconnect();
    await profiler?.stopAndWrite((profile) => mapProfileToSources(profile, files[0]!));
    console.log(`command: ${command}${before.length ? ` (after: ${before.join("; ")})` : ""}`);
    console.log(`output: ${output}`);
    console.log(
      `${rounds} rounds × ${runs} runs per tree${warm ? ` (first ${warm} not counted)` : ""}, load ${loadAvg()}`,
    );
    const base = median(cpu[0]!);
    trees.forEach((t, k) => {
      const n = cpu[k]!.length;
      const part = (key: keyof Parts) => {
        const xs = parts[k]!.map((p) => p[key]);
        const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
        return `${median(xs).toFixed(2)} (${mean.toFixed(2)})`;
      };
      const m = median(cpu[k]!);
      // Runs i of two trees ran one right after the other: their difference is what the
      // machine's load varies least over (the medians above mix every moment's load).
      const paired = median(cpu[k]!.map((x, i) => x - cpu[0]![i]!));
      const vsBase =
        k === 0
          ? "base"
          : `${(((m - base) / base) * 100).toFixed(1)} %; paired median ${paired >= 0 ? "+" : ""}${paired.toFixed(2)} ms`;
      console.log(
        `${t}: CPU median ${m.toFixed(1)} ms (${vsBase}); ` +
          `rounds ${roundMedians[k]!.map((x, r) => (r < warm ? `[${x.toFixed(1)}]` : x.toFixed(1))).join(" / ")}; parts, median (mean): ` +
          `catch-up ${part("catchUp")}, requests ${part("request")}, ` +
          `persist ${part("persist")} (log pack ${part("logPack")}); GC ${(gcMs[k]! / n).toFixed(2)} ms; ` +
          `log row ${median(logBytes[k]!)} bytes (median)`,
      );
    });
    await loaded[0]!.closePool();
  });
}

function loadAvg(): string {
  return loadavg()[0]!.toFixed(1);
}

void main();
