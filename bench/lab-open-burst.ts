// npx tsx bench/lab-open-burst.ts [--learners=200] [--lab=cluster-anatomy] [--rounds=2]
//                                 [--roots=a=/checkout/a,b=/checkout/b]
// A class opening its lab at the same minute: the production build served as `npm start`
// serves it (bench/load/app-server.ts, KUBELAB_WORKERS or one per core), then
// `--learners` learners who have no sandbox of the lab yet each send
// `GET /api/labs/:labId/sandbox` (which creates it) at once, each over its own new
// connection (a browser's first request). Prints the opens' p50/p95/p99/max wall time,
// the app's CPU (the launcher's process tree from /proc) and Postgres's CPU per open, and
// how long the last open took after the first. With `--roots`, one app per checkout
// (each already built), the bursts taking turns (ABBA...) with new learners each time.
//
// Session 12 (main ba14949, KUBELAB_WORKERS=2, 200 learners, cluster-anatomy, the shared
// 2-core machine at load 14-16 with three other helpers' work): the first burst after the
// workers started p50 13.1 s, p99 15.2 s, all 200 in 15.4 s, app 28.6 + Postgres 14.3 ms
// CPU per open; the second p50 4.4 s, p99 8.9 s, all in 9.1 s, app 17.6 + Postgres 8.9 ms.
// The burst is CPU-bound: 200 opens x ~26-43 ms of CPU is 5-9 s of two shared cores, so
// an open waits for the opens ahead of it. In-process the open's own work is ~7 ms
// (bench/lab-start.ts: the template copy ~4 ms, encode, the insert); the rest is the HTTP
// path (a new connection, Next's route runtime, the session) and, the first time in a
// worker, code not yet optimised. bench:load's think phase adds the first learners'
// commands on top (idle, load 2: p50 6.6 s, p99 12.4 s).
//
// Session 13: the open served by the fast lane (server/fast-lane/fast-lane.mjs) instead of
// Next's router and route runtime. --roots=a=<main 9444d09>,b=<lane> --rounds=4 (ABBA), load
// 15-18 (other helpers building): app 23.7 -> 15.9 ms + Postgres 15.5 -> 11.3 ms CPU per open,
// p50 9.6 -> 5.6 s, p99 19.3 -> 13.8 s. In-process (a cluster-anatomy open, 180 rows and a
// 44.5 KB `meta`, of which world.staticPods 34.8 KB): Postgres ~5.6 ms per insert, of which
// the jsonb `meta` ~2.5 ms (its parse; pglz compression only ~0.4 ms), the 180 rows ~2.3 ms.
// With the open's user row and find in one query too (lib/labs/server/lab-open.ts), main
// 36853dd against 9444d09, --rounds=4, load 10-11: app 21.7 -> 14.1 ms + Postgres 14.1 ->
// 11.5 ms CPU per open, p50 6.3 -> 4.2 s, p99 11.0 -> 7.9 s, the whole burst 9.2 -> 6.5 s.
//
// Session 14 (OPEN): a lab template's static pod manifests stored once, content-addressed
// (lib/db/sandboxes/shared-parts.ts; the sandbox keeps the hash and its time shift).
// --roots=a=<main 72115b9>,b=<shared> --rounds=4 (ABBA), load 8-11: Postgres 11.9 -> 8.1 ms
// CPU per open (rounds: a 11.8/13.7/7.8/14.3, b 9.3/5.8/10.2/6.9), app 11.1 -> 10.8 ms,
// p50 2.43 -> 1.93 s, p99 4.45 -> 4.27 s, the burst 3.73 -> 3.20 s (noisy: the rounds'
// p50 overlap). Again (b = 7666562, the change alone on 72115b9), load 10-12: Postgres
// 10.2 -> 7.9 ms, app 12.0 -> 11.5 ms CPU per open, p50 3.80 -> 3.00 s, p99 9.69 ->
// 8.61 s, the burst 6.06 -> 4.99 s (one round each way 10.0 vs 6.3 ms: still noisy). In-process, the insert alone (bench/lab-insert-pg.ts, 10 x 50 inserts
// each way ABBA, load 9-10): Postgres 3.92 -> 2.72 ms per insert (another run 4.18 ->
// 3.15), this process 2.07 -> 2.07 ms; the Sandbox row as stored (TOAST-compressed)
// 16.7 -> 4.4 KB, its `meta` 15.7 -> 3.4 KB, plus one 6.7 KB shared row for all. A cold
// load of such a sandbox does not pay for it (same bench, 320 loads each way ABBA, load
// 12): Postgres 2.69 -> 2.34 ms, the loading process 12.3 -> 10.0 ms CPU per load (the
// shared text moved by a regex and parsed as JSON instead of 35 KB more of jsonb output).
// Not done: the ~180 rows (~2.3 ms of Postgres per insert). Most are a template's rows
// moved in time (value-codec format 3 already stores them as the template's value and a
// shift recipe, ~40 B each). Sharing them needs every SQL reader of SandboxKv (load.ts's
// loadRows and refresh's `kept` revisions, transaction.ts's compaction DELETE,
// sandbox-service.ts, lib/classes/learner/sandbox-view.ts) to merge the template's rows
// under the sandbox's own, and a write or compaction touching a template row to copy or
// mask it first: a second source of truth for the store, with resourceVersions and
// compaction depending on it - left for a session with time to test every reader.
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { encode } from "next-auth/jwt";
import { Client } from "undici";
import { BENCH_SECRET, startAppServer, type AppServer } from "./load/app-server";
import { treeUsage } from "./load/process-stats";
import { percentile } from "./load/stats";
import { withBenchDatabase } from "./with-database";
import { serverPid } from "./load/postgres-server";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const learners = Number(option("learners", "200"));
const labId = option("lab", "cluster-anatomy");
const rounds = Number(option("rounds", "2"));
const roots = option("roots", "")
  .split(",")
  .filter(Boolean)
  .map((entry) => {
    const [name, root] = entry.split("=");
    return { name: name!, root: path.resolve(root!) };
  });

interface Burst {
  wall: number[];
  span: number;
  appCpuMs: number;
  pgCpuMs: number;
  errors: number;
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");

async function main(): Promise<void> {
  await withBenchDatabase(`kubelab_bench_lab_burst_${process.pid}`, async () => {
    const { db } = await import("../lib/db/client");
    const pgPid = await serverPid(db());
    const variants = roots.length > 0 ? roots : [{ name: "app", root: "" }];
    const apps: { name: string; app: AppServer }[] = [];
    try {
      for (const v of variants) {
        if (v.root) process.env.KUBELAB_BENCH_APP_ROOT = v.root;
        else delete process.env.KUBELAB_BENCH_APP_ROOT;
        apps.push({ name: v.name, app: await startAppServer(process.env.DATABASE_URL!) });
      }
      console.log(
        `lab-open burst: ${learners} learners open ${labId} at once; ${apps[0]!.app.workers} workers per app; ${cpus().length} cores; load ${load()}`,
      );
      const results = new Map<string, Burst[]>(apps.map((a) => [a.name, []]));
      // Let the workers' start-up work (template warm-up, JIT) end before measuring.
      await new Promise((r) => setTimeout(r, 3000));
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? apps : [...apps].reverse();
        for (const { name, app } of order) {
          const users = Array.from({ length: learners }, (_, i) => ({
            id: randomUUID(),
            email: `burst-${round}-${name}-${i}-${process.pid}@bench.kubelab.dev`,
            name: "학습자",
          }));
          await db().user.createMany({ data: users });
          const cookies = await Promise.all(
            users.map(
              async (u) =>
                `next-auth.session-token=${await encode({ token: { sub: u.id, sid: randomUUID() }, secret: BENCH_SECRET })}`,
            ),
          );
          const clients = users.map(() => new Client(app.baseUrl));
          const app0 = treeUsage(app.process.pid!).cpuSeconds;
          const pg0 = treeUsage(pgPid).cpuSeconds;
          const t0 = performance.now();
          let errors = 0;
          const wall = await Promise.all(
            clients.map(async (client, i) => {
              const start = performance.now();
              const res = await client.request({
                path: `/api/labs/${labId}/sandbox`,
                method: "GET",
                headers: { cookie: cookies[i]! },
              });
              await res.body.text();
              if (res.statusCode !== 200 && errors++ === 0)
                console.error(`status ${res.statusCode}`);
              return performance.now() - start;
            }),
          );
          const span = performance.now() - t0;
          const appCpuMs = ((treeUsage(app.process.pid!).cpuSeconds - app0) * 1000) / learners;
          const pgCpuMs = ((treeUsage(pgPid).cpuSeconds - pg0) * 1000) / learners;
          await Promise.all(clients.map((c) => c.close()));
          results.get(name)!.push({ wall, span, appCpuMs, pgCpuMs, errors });
          const s = [...wall].sort((a, b) => a - b);
          console.log(
            `round ${round} ${name.padEnd(6)} p50 ${percentile(s, 0.5).toFixed(0)} ms, p99 ${percentile(s, 0.99).toFixed(0)} ms, all in ${span.toFixed(0)} ms; app ${appCpuMs.toFixed(1)} ms + postgres ${pgCpuMs.toFixed(1)} ms CPU per open; errors ${errors}; load ${load()}`,
          );
          await new Promise((r) => setTimeout(r, 2000));
        }
      }
      console.log("\nall rounds (wall times pooled, CPU the mean of the rounds):");
      for (const [name, bursts] of results) {
        const s = bursts.flatMap((b) => b.wall).sort((a, b) => a - b);
        const mean = (f: (b: Burst) => number) =>
          bursts.reduce((n, b) => n + f(b), 0) / bursts.length;
        console.log(
          `${name.padEnd(6)} p50 ${percentile(s, 0.5).toFixed(0)} ms, p95 ${percentile(s, 0.95).toFixed(0)} ms, p99 ${percentile(s, 0.99).toFixed(0)} ms, max ${s.at(-1)!.toFixed(0)} ms; burst ${mean((b) => b.span).toFixed(0)} ms; app ${mean((b) => b.appCpuMs).toFixed(1)} ms + postgres ${mean((b) => b.pgCpuMs).toFixed(1)} ms CPU per open; errors ${bursts.reduce((n, b) => n + b.errors, 0)}`,
        );
      }
    } finally {
      for (const { app } of apps) await app.stop();
    }
  });
  process.exit(0);
}

void main();
