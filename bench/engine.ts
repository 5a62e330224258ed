// Engine benchmark (issue 3's speed bars), printed as medians:
//   - create an empty sandbox with Postgres            target ≤ 20 ms
//   - one create / get / update through the engine
//     with persistence                                 target ≤ 5 ms
//   - a fresh sandbox's stored size                    target ≤ 32 KiB
// Uses DATABASE_URL when set (a scratch database is created on that server),
// otherwise starts a throwaway embedded PostgreSQL. --bundle (or BENCH_ENGINE=bundle) runs the
// engine and the sandbox service from one plain esbuild bundle, as production does
// (bench/settle-kit.ts); the output says which mode ran.
import { describeMode, engineMode, loadEngine } from "./settle-kit";
import { withBenchDatabase } from "./with-database";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";

const ROUNDS = Number(process.env.ROUNDS ?? 200);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** CPU milliseconds this process spent per call in the last timed() run (machine load aside). */
const cpuPerCall: number[] = [];

async function timed(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  cpuPerCall.push((cpu.user + cpu.system) / 1000 / n);
  return out;
}

async function main() {
  await withBenchDatabase(`kubelab_bench_${process.pid}`, async () => {
    // Imported after DATABASE_URL is set: the Prisma client reads it on first use.
    const { sim, mode } = await loadEngine(engineMode(), { persistence: true });
    const sandboxes = sim;
    const { forget, closePool } = sim;
    const admin = sim.ADMIN_USER;
    const cm = (name: string, v: string) => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name },
      data: { v },
    });

    // warm up module loading and the connection pool
    await sandboxes.createSandboxRecord({ seed: "warmup" });

    const pureCreate = await timed(ROUNDS, (i) =>
      sim.createSandbox({ seed: `pure-${i}`, now: Date.now(), bootstrap: sim.defaultBootstrap() }),
    );
    const ids: string[] = [];
    const dbCreate = await timed(Math.min(ROUNDS, 100), async (i) => {
      ids.push((await sandboxes.createSandboxRecord({ seed: `bench-${i}` })).id);
    });
    const id = ids[0]!;
    const base = "/api/v1/namespaces/default/configmaps";
    const creates = await timed(ROUNDS, (i) =>
      sandboxes.sandboxRequest(id, {
        method: "POST",
        path: base,
        user: admin,
        body: cm(`c${i}`, "0"),
      }),
    );
    const gets = await timed(ROUNDS, (i) =>
      sandboxes.sandboxRequest(id, { method: "GET", path: `${base}/c${i}`, user: admin }),
    );
    const updates = await timed(ROUNDS, (i) =>
      sandboxes.sandboxRequest(id, {
        method: "PUT",
        path: `${base}/c${i}`,
        user: admin,
        body: cm(`c${i}`, "1"),
      }),
    );
    const durable = await timed(Math.min(ROUNDS, 100), (i) =>
      sandboxes.sandboxRequest(
        id,
        { method: "PUT", path: `${base}/c${i}`, user: admin, body: cm(`c${i}`, "2") },
        { durableCommit: true },
      ),
    );
    // a request whose process cache is cold (another process wrote last)
    const cold = await timed(Math.min(ROUNDS, 50), async (i) => {
      forget(id);
      await sandboxes.sandboxRequest(id, { method: "GET", path: `${base}/c${i}`, user: admin });
    });
    const sizes = await Promise.all(ids.slice(0, 10).map((x) => sandboxes.sandboxStorageBytes(x)));

    const ms = (v: number) => `${v.toFixed(2)} ms`;
    const [cpuPure, cpuCreateDb, cpuCreate, cpuGet, cpuUpdate, cpuDurable, cpuCold] = cpuPerCall;
    const rows: [string, string, string, string][] = [
      ["empty sandbox, engine only (no DB)", ms(median(pureCreate)), ms(cpuPure!), "-"],
      ["empty sandbox with Postgres", ms(median(dbCreate)), ms(cpuCreateDb!), "≤ 20 ms"],
      ["create (POST configmap) with Postgres", ms(median(creates)), ms(cpuCreate!), "≤ 5 ms"],
      ["get (GET configmap) with Postgres", ms(median(gets)), ms(cpuGet!), "≤ 5 ms"],
      ["update (PUT configmap) with Postgres", ms(median(updates)), ms(cpuUpdate!), "≤ 5 ms"],
      ["update with synchronous (fsync) commit", ms(median(durable)), ms(cpuDurable!), "-"],
      ["get with a cold process cache", ms(median(cold)), ms(cpuCold!), "-"],
      ["fresh sandbox stored size", `${(median(sizes) / 1024).toFixed(1)} KiB`, "", "≤ 32 KiB"],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(describeMode(mode));
    console.log(
      `engine benchmark: wall-clock medians over ${ROUNDS} rounds, and this process's CPU per call` +
        ` (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs)`,
    );
    console.log(
      `${"".padEnd(width)}  ${"median".padStart(10)}  ${"node CPU".padStart(10)}  target`,
    );
    for (const [label, value, cpu, target] of rows) {
      console.log(`${label.padEnd(width)}  ${value.padStart(10)}  ${cpu.padStart(10)}  ${target}`);
    }
    await closePool();
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
