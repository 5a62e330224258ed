// npx tsx bench/terminal-load.ts [--learners=40] [--commands=30] [--think-ms=200] [--seconds=0]
// The terminal's server path under concurrency, in one process and without HTTP:
// N learners each get a cluster sandbox (as GET /api/sandboxes) and run lab
// commands (as POST /api/sandboxes/:id/exec) with think time. A quick loop for
// profiling the engine + persistence side (`node --cpu-prof --import tsx …`);
// `npm run bench:load` measures the real production server.
// With --seconds the learners repeat their script that long (memory soak).
// Per command it reports the app's CPU, the embedded PostgreSQL's CPU (its process
// tree; not measured when DATABASE_URL points elsewhere), and the statements and
// bytes sent through node-postgres (bench/pg-usage.ts). Sandboxes are opened first,
// so these figures hold the command phase only.
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { treeUsage } from "./load/process-stats";
import { installPgCounter, pgUsage } from "./pg-usage";
import { withBenchDatabase } from "./with-database";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const learners = Number(option("learners", "40"));
const commands = Number(option("commands", "30"));
const thinkMs = Number(option("think-ms", "200"));
const soakSeconds = Number(option("seconds", "0"));

// The same mix as bench/load/learner.ts: mostly reads, about a third writes.
const SCRIPT: ((n: number) => string)[] = [
  () => "kubectl get nodes -o wide",
  () => "kubectl get pods -n kube-system",
  (n) => `kubectl create deployment web-${n} --image=nginx:1.25`,
  () => "kubectl get deployments",
  (n) => `kubectl scale deployment web-${n} --replicas=3`,
  () => "kubectl get pods -o wide",
  () => "kubectl get --raw=/healthz",
  (n) => `kubectl label deployment web-${n} tier=frontend --overwrite`,
  () => "kubectl get endpoints kube-scheduler -n kube-system -o yaml",
  () => "etcdctl get /registry/pods --prefix --keys-only",
  (n) => `kubectl create configmap notes-${n} --from-literal=k=v`,
  () => "kubectl get events",
  (n) => `kubectl delete configmap notes-${n}`,
  () => "kubectl auth can-i create pods",
  () => "kubectl get leases -n kube-system",
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  if (process.env.DATABASE_URL) process.env.DATABASE_URL_WAS_SET = "1";
  installPgCounter();
  await withBenchDatabase(`kubelab_bench_terminal_load`, async () => {
    const { runTerminalCommand, userSandbox } = await import("../lib/terminal");
    const { db } = await import("../lib/db/client");
    const { closePool } = await import("../lib/db/sandboxes/pool");
    const { cacheUsage } = await import("../lib/db/sandboxes/cache");
    const users = await Promise.all(
      Array.from({ length: learners }, (_, i) =>
        db().user.create({ data: { email: `tl-${Date.now()}-${i}@bench.test`, name: `l${i}` } }),
      ),
    );
    const opened: number[] = [];
    const exec: number[] = [];
    // Latency per script step (the command with its round's name): which commands cost.
    const byStep = new Map<number, number[]>();
    const memory: number[] = [];
    let errors = 0;
    // Sandboxes first (staggered as learners arrive), then the measured command phase:
    // the per-command figures below hold commands only.
    const ids = await Promise.all(
      users.map(async (u, i) => {
        await sleep((i * 2000) / learners);
        const t = performance.now();
        const id = await userSandbox(u.id);
        opened.push(performance.now() - t);
        return id;
      }),
    );
    const sampler = setInterval(() => memory.push(process.memoryUsage().rss), 5_000);
    const cpuBefore = process.cpuUsage();
    const treeBefore = treeUsage(process.pid).cpuSeconds;
    const pgBefore = pgUsage();
    const started = performance.now();
    const deadline = Date.now() + soakSeconds * 1000;
    await Promise.all(
      ids.map(async (id, i) => {
        let t = 0;
        do {
          for (let c = 0; c < commands; c++) {
            await sleep(thinkMs * (0.5 + ((i * 7919 + c * 104729) % 1000) / 1000));
            const step = SCRIPT[c % SCRIPT.length]!;
            t = performance.now();
            const r = await runTerminalCommand(
              id,
              // As bench:load: a repeated session reuses the names (creates then fail).
              step(Math.floor(c / SCRIPT.length)),
            );
            const took = performance.now() - t;
            exec.push(took);
            const stepIndex = c % SCRIPT.length;
            byStep.set(stepIndex, [...(byStep.get(stepIndex) ?? []), took]);
            // As bench/load/learner.ts: the endpoints read fails in 1.28 (kube-scheduler
            // uses a Lease), so its NotFound is the expected answer, not an error.
            const expected =
              r.stderr.includes("AlreadyExists") ||
              r.stderr.includes('endpoints "kube-scheduler" not found');
            if (r.exitCode !== 0 && !expected) errors++;
          }
        } while (Date.now() < deadline);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpuBefore);
    // The embedded PostgreSQL is this process's child: the tree minus the app is its CPU.
    const appSeconds = (cpu.user + cpu.system) / 1e6;
    const pgSeconds = treeUsage(process.pid).cpuSeconds - treeBefore - appSeconds;
    const pg = pgUsage();
    const sorted = [...exec].sort((a, b) => a - b);
    const sortedOpen = [...opened].sort((a, b) => a - b);
    const f = (v: number) => `${v.toFixed(1)} ms`;
    console.log(`## terminal load (in process): ${learners} learners, ${seconds.toFixed(1)} s`);
    console.log(
      `machine: ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    console.log(
      `open sandbox: p50 ${f(percentile(sortedOpen, 50))}, p99 ${f(percentile(sortedOpen, 99))}`,
    );
    console.log(
      `exec: ${exec.length} commands (${(exec.length / seconds).toFixed(0)}/s), p50 ${f(percentile(sorted, 50))}, p95 ${f(percentile(sorted, 95))}, p99 ${f(percentile(sorted, 99))}, errors ${errors}`,
    );
    const n = exec.length;
    console.log(
      `CPU: app ${appSeconds.toFixed(1)} s (${((appSeconds * 1e3) / n).toFixed(2)} ms per command), ` +
        (process.env.DATABASE_URL_WAS_SET
          ? "postgres not measured (DATABASE_URL given)"
          : `postgres ${pgSeconds.toFixed(1)} s (${((pgSeconds * 1e3) / n).toFixed(2)} ms per command)`) +
        ` over ${seconds.toFixed(1)} s wall`,
    );
    console.log(
      `postgres per command: ${((pg.statements - pgBefore.statements) / n).toFixed(2)} statements, ` +
        `${((pg.bytesSent - pgBefore.bytesSent) / n / 1024).toFixed(1)} KiB sent, ` +
        `${((pg.bytesReceived - pgBefore.bytesReceived) / n / 1024).toFixed(1)} KiB received`,
    );
    const usage = cacheUsage();
    console.log(
      `sandbox cache: ${usage.entries} entries, ~${(usage.bytes / 2 ** 20).toFixed(0)} of ${(usage.budget / 2 ** 20).toFixed(0)} MiB`,
    );
    console.log(`RSS samples (MiB): ${memory.map((m) => (m / 2 ** 20).toFixed(0)).join(" → ")}`);
    console.log("\n| command | runs | p50 | p95 |\n|---|---:|---:|---:|");
    for (const [i, times] of [...byStep.entries()].sort((a, b) => a[0] - b[0])) {
      const t = [...times].sort((a, b) => a - b);
      console.log(
        `| ${SCRIPT[i]!(0)} | ${t.length} | ${f(percentile(t, 50))} | ${f(percentile(t, 95))} |`,
      );
    }
    await closePool();
    await db().$disconnect();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
