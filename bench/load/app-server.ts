// Starts the production app (`next start`, built when stale, under the build lock) on a free loopback
// port against the benchmark database, with a known session secret so the
// load generator can mint its learners' session cookies.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { buildOnceAndHold } from "../../tests/setup/build-lock";
import { freePort } from "../../scripts/db/embedded-postgres";
import { projectRoot } from "../../scripts/db/migrations-dir";

export const BENCH_SECRET = "kubelab-load-benchmark-secret";
const KEEP_ALIVE_MS = 65_000;

export interface AppServer {
  baseUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

async function waitForReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`app not ready at ${url}`);
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
  // KUBELAB_MEMORY_LOG_MS=<ms>: the app prints its process.memoryUsage() that often.
  if (process.env.KUBELAB_MEMORY_LOG_MS) {
    flags.push("--require", path.join(projectRoot, "bench", "load", "memory-log.cjs"));
  }
  return flags;
}

export async function startAppServer(databaseUrl: string): Promise<AppServer> {
  const env = { ...process.env, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1" };
  // The same lock as the test setups: never build while another process builds or serves `.next`.
  const lock = await buildOnceAndHold(env);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const nextBin = path.join(projectRoot, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(
    process.execPath,
    // Idle keep-alive connections live longer than the client's: with Node's 5 s
    // default, a server whose event loop stalled closes a connection the client
    // has just sent its next request on, and that request fails ("fetch failed",
    // the socket reset) - the race every balancer in front of Node must avoid.
    [
      ...profilingFlags(),
      nextBin,
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
      "--keepAliveTimeout",
      String(KEEP_ALIVE_MS),
    ],
    {
      cwd: projectRoot,
      env: {
        ...env,
        DATABASE_URL: databaseUrl,
        NEXTAUTH_URL: baseUrl,
        NEXTAUTH_SECRET: BENCH_SECRET,
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  await waitForReady(`${baseUrl}/api/ready`, 120_000);
  return {
    baseUrl,
    process: child,
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
      await lock.release();
    },
  };
}
