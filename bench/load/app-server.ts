// Starts the production app (built when stale, under the build lock) exactly as
// `npm start` serves it - N `next start` workers behind scripts/serve-web.ts - on a
// free loopback port against the benchmark database, with a known session secret
// so the load generator can mint its learners' session cookies.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { buildOnceAndHold } from "../../tests/setup/build-lock";
import { freePort } from "../../scripts/db/embedded-postgres";
import { projectRoot } from "../../scripts/db/migrations-dir";
import { workerCount } from "../../scripts/web-workers";
import { waitForWorkers } from "../../scripts/web-workers-probe";

export const BENCH_SECRET = "kubelab-load-benchmark-secret";

export interface AppServer {
  baseUrl: string;
  /** The worker launcher (its process tree holds the workers). */
  process: ChildProcess;
  workers: number;
  stop(): Promise<void>;
}

/**
 * Node flags for profiling the app under load: KUBELAB_CPU_PROF_DIR=<dir> writes a
 * .cpuprofile per app process on exit, KUBELAB_HEAP_PROF_DIR=<dir> a sampled
 * .heapprofile (allocations still live at exit: what grows), KUBELAB_MEMORY_LOG_MS=<ms>
 * prints the app's heap and external memory that often (RSS alone follows V8's lazy heap growth).
 */
function profilingFlags(): string[] {
  const flags: string[] = [];
  const cpuDir = process.env.KUBELAB_CPU_PROF_DIR;
  const heapDir = process.env.KUBELAB_HEAP_PROF_DIR;
  if (cpuDir) flags.push("--cpu-prof", `--cpu-prof-dir=${path.resolve(cpuDir)}`);
  if (heapDir) flags.push("--heap-prof", `--heap-prof-dir=${path.resolve(heapDir)}`);
  // KUBELAB_BENCH_WORKER_FLAGS="--flag ...": node/V8 flags to try on the workers (e.g. a heap
  // growing factor for a soak), without changing what `npm start` passes.
  flags.push(...(process.env.KUBELAB_BENCH_WORKER_FLAGS?.split(/\s+/).filter(Boolean) ?? []));
  // KUBELAB_MEMORY_LOG_MS=<ms>: the app prints its process.memoryUsage() that often.
  if (process.env.KUBELAB_MEMORY_LOG_MS) {
    flags.push("--require", path.join(projectRoot, "bench", "load", "memory-log.cjs"));
  }
  return flags;
}

/**
 * `onStderrLine` sees each line the app prints to stderr, passed on to ours unless it
 * returns true (a line it consumed, e.g. the periodic sandbox-store counters).
 */
export async function startAppServer(
  databaseUrl: string,
  onStderrLine?: (line: string) => boolean | void,
  /** More node flags for the workers (e.g. bench:load's worker probe). */
  workerFlags: string[] = [],
): Promise<AppServer> {
  const env = { ...process.env, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1" };
  // KUBELAB_BENCH_APP_ROOT=<another checkout, already built>: serve that one (an A/B of
  // two versions of the app in one run, e.g. bench/http-fixed-cost.ts --base-root).
  const root = process.env.KUBELAB_BENCH_APP_ROOT
    ? path.resolve(process.env.KUBELAB_BENCH_APP_ROOT)
    : projectRoot;
  // The same lock as the test setups: never build while another process builds or serves `.next`.
  const lock =
    root === projectRoot ? await buildOnceAndHold(env) : { release: async () => undefined };
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // Served as `npm start` serves: the same worker launcher, N from the same default
  // (one per core; KUBELAB_WORKERS overrides), keep-alive above the client's.
  const workers = workerCount(env);
  // KUBELAB_BENCH_APP_STDOUT=<file>: the app's stdout kept there (e.g. V8's --trace-gc-nvp
  // lines from KUBELAB_BENCH_WORKER_FLAGS, which V8 prints to stdout); else dropped.
  const stdoutFile = process.env.KUBELAB_BENCH_APP_STDOUT;
  const stdout = stdoutFile ? openSync(path.resolve(stdoutFile), "a") : "ignore";
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts", "serve-web.ts")],
    {
      cwd: root,
      env: {
        ...env,
        PORT: String(port),
        KUBELAB_HOST: "127.0.0.1",
        KUBELAB_WORKERS: String(workers),
        KUBELAB_WORKER_NODE_FLAGS: [...profilingFlags(), ...workerFlags].join(" "),
        DATABASE_URL: databaseUrl,
        NEXTAUTH_URL: baseUrl,
        NEXTAUTH_SECRET: BENCH_SECRET,
      },
      stdio: ["ignore", stdout, onStderrLine ? "pipe" : "inherit"],
    },
  );
  if (onStderrLine && child.stderr) {
    createInterface({ input: child.stderr }).on("line", (line) => {
      if (onStderrLine(line) !== true) process.stderr.write(`${line}\n`);
    });
  }
  if (typeof stdout === "number") closeSync(stdout);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Measure only once every worker serves (each has answered /api/ready).
  await Promise.race([
    waitForWorkers(baseUrl, workers, { timeoutMs: 120_000 }),
    exited.then(() => {
      throw new Error("the app's worker launcher exited before it was ready");
    }),
  ]);
  return {
    baseUrl,
    process: child,
    workers,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
      await lock.release();
    },
  };
}
