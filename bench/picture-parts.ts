// npx tsx bench/picture-parts.ts [--trees=/path/a,/path/b] [--learners=30] [--commands=15]
//                                [--profile=file]
// What one cluster-picture request costs the app in-process, and where it goes, for source
// trees side by side: each tree (a checkout, node_modules linked) is bundled as the app runs
// it (bench/bundle-like-app.ts) and loaded into ONE process. Every tree gets the same learners
// on lab sandboxes (cluster-anatomy), on the timeline of bench:load's paced phase: a command
// 4-10 s apart (bench/load/learner.ts's SCRIPT), the picture at once after it and 3 s after
// each picture (components/cluster-picture/poll.ts), one object's detail after each command
// (the open object panel reloads when the workspace's revision moves). Virtual time is a
// fake clock (Date.now) moved to each event's moment, so the trees see the same instants;
// each event runs in every tree, the order alternating.
// Per tree and kind: app CPU (getrusage) median and mean, the store's part timers
// (lib/db/sandboxes/parts.ts: catch-up, persist), statements sent per request
// (lib/db/sandboxes/counters.ts), Postgres CPU per request (its processes' /proc ticks, 10 ms:
// meaningful as a mean over many requests), and "draw": building the picture from the cached
// copy and its JSON alone. The route's authorization query (one statement, the same in every
// tree) is sent before each request and counted in neither figure.
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { benchOption, benchTrees, bundleDir, bundleLikeApp } from "./bundle-like-app";
import { cpuProfiler } from "./cpu-profiler";
import { SCRIPT } from "./load/learner";
import { prng, thinkTime, PACE } from "./load/paced";
import { serverPid } from "./load/postgres-server";
import { treeProcesses } from "./load/process-stats";
import { mapProfileToSources } from "./settle-kit";
import { withBenchDatabase } from "./with-database";

const trees = benchTrees();
const learners = Number(benchOption("learners", "30"));
const commands = Number(benchOption("commands", "15"));
const profileFile = benchOption("profile", "");
process.env.KUBELAB_DB_PARTS = "1";
// Statements are counted only when the counters report (hourly here: never within a run).
process.env.KUBELAB_DB_COUNTERS_MS ??= "3600000";

interface Tree {
  runTerminalCommand(id: string, line: string): Promise<{ stdout: string; stderr: string }>;
  labSandbox(userId: string, labId: string): Promise<string>;
  /** The route's work after authorization: the picture's JSON. */
  picture(id: string, version: number): Promise<string>;
  detail(id: string, version: number, kind: string, name: string, ns?: string): Promise<string>;
  /** Building the picture from the cached copy and its JSON, nothing else. */
  drawOnly(id: string): string | undefined;
  createUser(i: number): Promise<string>;
  closePool(): Promise<void>;
}

// The version argument is the sandbox row's version as the route's authorization query read
// it; a tree whose views take no such argument ignores it.
const ENTRY = `
export { runTerminalCommand } from "./lib/terminal";
export { labSandbox } from "./lib/labs/server/lab-sandbox";
export { closePool } from "./lib/db/sandboxes/pool";
import * as views from "./lib/workspace/sandbox-views";
import { cachedEntry } from "./lib/db/sandboxes/cache";
import { buildClusterPicture } from "./lib/workspace/picture/build-picture";
import { db } from "./lib/db/client";
export async function picture(id, version) {
  return JSON.stringify(await views.sandboxPicture(id, version));
}
export async function detail(id, version, kind, name, ns) {
  // Before quiet-view.ts the views took no version (sandboxObject then had 4 parameters).
  const d = views.sandboxObject.length >= 5
    ? await views.sandboxObject(id, version, kind, name, ns)
    : await views.sandboxObject(id, kind, name, ns);
  return JSON.stringify(d);
}
export function drawOnly(id) {
  const e = cachedEntry(id);
  return e ? JSON.stringify(buildClusterPicture(e.state)) : undefined;
}
export async function createUser(i) {
  const u = await db().user.create({ data: { email: \`pict-\${Date.now()}-\${i}-\${Math.random()}@bench.test\`, name: "pict" + i } });
  return u.id;
}
`;

type Kind = "command" | "picture" | "detail" | "draw";
const KINDS: Kind[] = ["command", "picture", "detail", "draw"];
interface Book {
  cpu: number[];
  catchUp: number;
  persist: number;
  statements: number;
  pgSeconds: number;
}
const newBook = (): Book => ({ cpu: [], catchUp: 0, persist: 0, statements: 0, pgSeconds: 0 });

type Parts = { catchUp: number; persist: number };
const partsNow = (): Parts => {
  const p = (globalThis as { kubelabDbParts?: Parts }).kubelabDbParts;
  return p ? { catchUp: p.catchUp, persist: p.persist } : { catchUp: 0, persist: 0 };
};
const statementsNow = (): number =>
  (globalThis as { kubelabDbCounters?: { statements: number } }).kubelabDbCounters?.statements ?? 0;

interface Event {
  at: number;
  learner: number;
  kind: "command" | "picture";
  step?: number;
}

/** bench:load's paced timeline, in ms from the start: commands, and the pictures polled. */
function timeline(): Event[] {
  const events: Event[] = [];
  for (let l = 0; l < learners; l++) {
    const rnd = prng(1000 + l);
    let t = rnd() * 10_000;
    // The page opens with a picture; then polls 3 s after each answer, and at once after a command.
    let nextPicture = t;
    for (let c = 0; c < commands; c++) {
      const commandAt = t + thinkTime(rnd());
      for (; nextPicture < commandAt; nextPicture += PACE.pollMs)
        events.push({ at: nextPicture, learner: l, kind: "picture" });
      events.push({ at: commandAt, learner: l, kind: "command", step: c });
      nextPicture = commandAt + 1;
      t = commandAt;
    }
    events.push({ at: nextPicture, learner: l, kind: "picture" });
  }
  return events.sort((a, b) => a.at - b.at);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / (xs.length || 1);

async function main() {
  const dir = bundleDir("kubelab-pict");
  await withBenchDatabase(`kubelab_bench_pict_${process.pid}`, async () => {
    const loaded: Tree[] = [];
    const files: string[] = [];
    for (const t of trees) {
      const outfile = path.join(dir, `${path.basename(t)}-${loaded.length}.mjs`);
      const url = await bundleLikeApp({ contents: ENTRY, tree: t, outfile, sourcemap: true });
      loaded.push((await import(url)) as Tree);
      files.push(outfile);
    }
    const { pool } = await import("@/lib/db/sandboxes/pool");
    const { db } = await import("@/lib/db/client");
    const pgPid = await serverPid(db());
    // Postgres's processes, found again now and then (reading all of /proc per request would
    // cost more than the request); each request then reads only their stat files.
    let pgPids: number[] = [];
    const pgSeconds = () => {
      let s = 0;
      for (const pid of pgPids) {
        try {
          const f = readFileSync(`/proc/${pid}/stat`, "utf8");
          const x = f.slice(f.lastIndexOf(")") + 2).split(" ");
          s += (Number(x[11]) + Number(x[12])) / 100;
        } catch {
          // ended
        }
      }
      return s;
    };
    const version = async (id: string) =>
      (
        await pool().query<{ version: number }>(`SELECT "version" FROM "Sandbox" WHERE "id" = $1`, [
          id,
        ])
      ).rows[0]!.version;

    // The fake clock: every tree sees each event at the same virtual instant.
    const realNow = Date.now.bind(Date);
    const start = realNow();
    let fake = start;
    Date.now = () => fake;

    const sandboxes = await Promise.all(
      loaded.map(async (tree) => {
        const ids: string[] = [];
        for (let l = 0; l < learners; l++)
          ids.push(await tree.labSandbox(await tree.createUser(l), "cluster-anatomy"));
        return ids;
      }),
    );
    const books = loaded.map(
      () => Object.fromEntries(KINDS.map((k) => [k, newBook()])) as Record<Kind, Book>,
    );
    const profiler = await cpuProfiler(profileFile);
    const events = timeline();
    // The first picture and command of each learner are compilation and first loads: not counted.
    const seen = new Set<string>();
    let target: { kind: string; name: string; ns?: string } | undefined;
    await profiler?.start();
    const load0 = loadavg()[0]!;
    for (const [i, e] of events.entries()) {
      fake = Math.max(fake, start + e.at);
      if (i % 100 === 0) pgPids = treeProcesses(pgPid).map((p) => p.pid);
      const order = loaded.map((_, k) => k);
      if (i % 2 === 1) order.reverse();
      const key = `${e.learner}:${e.kind}`;
      const counted = seen.has(key);
      seen.add(key);
      for (const k of order) {
        const tree = loaded[k]!;
        const id = sandboxes[k]![e.learner]!;
        const measure = async (kind: Kind, fn: (v: number) => Promise<unknown> | unknown) => {
          const v = kind === "command" ? 0 : await version(id);
          const p0 = partsNow();
          const s0 = statementsNow();
          const pg0 = pgSeconds();
          const c0 = process.cpuUsage();
          const out = await fn(v);
          const used = process.cpuUsage(c0);
          const pg1 = pgSeconds();
          if (!counted) return out;
          const b = books[k]![kind];
          b.cpu.push((used.user + used.system) / 1000);
          const p1 = partsNow();
          b.catchUp += p1.catchUp - p0.catchUp;
          b.persist += p1.persist - p0.persist;
          b.statements += statementsNow() - s0;
          b.pgSeconds += pg1 - pg0;
          return out;
        };
        if (e.kind === "command") {
          const line = SCRIPT[e.step! % SCRIPT.length]!.command(
            Math.floor(e.step! / SCRIPT.length),
          );
          await measure("command", () => tree.runTerminalCommand(id, line));
          // The open object panel reloads once per command: a node's detail.
          target ??= { kind: "nodes", name: firstNode(await tree.picture(id, await version(id))) };
          await measure("detail", (v) =>
            tree.detail(id, v, target!.kind, target!.name, target!.ns),
          );
        } else {
          await measure("picture", (v) => tree.picture(id, v));
          await measure("draw", () => tree.drawOnly(id));
        }
      }
    }
    await profiler?.stopAndWrite((profile) => mapProfileToSources(profile, files[0]!));
    Date.now = realNow;
    console.log(
      `## cluster picture in-process: ${learners} learners × ${commands} commands on cluster-anatomy, paced timeline (${events.length} events), load ${load0.toFixed(1)} -> ${loadavg()[0]!.toFixed(1)}`,
    );
    trees.forEach((t, k) => {
      console.log(`\n${t}`);
      for (const kind of KINDS) {
        const b = books[k]![kind];
        const n = b.cpu.length || 1;
        console.log(
          `  ${kind.padEnd(8)} n=${b.cpu.length}: app CPU median ${median(b.cpu).toFixed(2)} ms, mean ${mean(b.cpu).toFixed(2)}; ` +
            `catch-up ${(b.catchUp / n).toFixed(2)}, persist ${(b.persist / n).toFixed(2)} ms (means); ` +
            `${(b.statements / n).toFixed(2)} statements; Postgres ${((b.pgSeconds * 1000) / n).toFixed(2)} ms`,
        );
      }
    });
    await loaded[0]!.closePool();
  });
}

function firstNode(pictureJson: string): string {
  const p = JSON.parse(pictureJson) as { nodes: { name: string }[] };
  return p.nodes[0]!.name;
}

void main();
