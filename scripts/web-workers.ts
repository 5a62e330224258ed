// The web app as N worker processes on one port: a node:cluster primary forks N
// worker processes whose `listen` shares the primary's listening socket
// (no proxy hop; the primary hands each new connection to the next worker in
// turn). The app keeps no state of its own (PostgreSQL holds it all), so any
// worker may serve any request. Each worker is server/fast-lane/worker-entry.mjs: Next
// started programmatically, with the terminal's hot routes answered by the fast lane
// before Next's handler; KUBELAB_FAST_LANE=0 forks exactly `next start` instead
// (docs/deployment.md, "Fast lane"). The primary restarts a worker that dies and
// stops them all when asked. Used by `npm start` and by `scripts/serve-web.ts`
// (the load benchmark and the tests start the app through the latter).
import cluster, { type Worker } from "node:cluster";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { projectRoot } from "./db/migrations-dir";

/**
 * Idle keep-alive of the workers' connections, above a balancer's (and a browser's)
 * idle timeout: with Node's 5 s default a busy server closes a connection the
 * client has just sent its next request on (docs/deployment.md, "Keep-alive").
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** A configuration value the launcher cannot use; the message is for the operator. */
export class WebWorkersConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebWorkersConfigError";
  }
}

/** KUBELAB_WORKERS, or one worker per core when unset (1 = a single server process). */
export function workerCount(
  env: Record<string, string | undefined> = process.env,
  cores: number = availableParallelism(),
): number {
  const raw = env.KUBELAB_WORKERS?.trim();
  if (!raw) return Math.max(1, cores);
  if (!/^[1-9]\d*$/.test(raw) || Number(raw) > 256) {
    throw new WebWorkersConfigError(
      `KUBELAB_WORKERS는 1–256 사이의 정수여야 합니다 (받은 값: ${JSON.stringify(raw)})`,
    );
  }
  return Number(raw);
}

/** PORT (3000 when unset or empty), as `next start -p` takes it. */
export function listenPort(env: Record<string, string | undefined> = process.env): number {
  const raw = env.PORT?.trim();
  if (!raw) return 3000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new WebWorkersConfigError(
      `PORT는 1–65535 사이의 포트 번호여야 합니다 (받은 값: ${JSON.stringify(raw)})`,
    );
  }
  return port;
}

/**
 * V8's semi-space (young generation) size of each worker in MiB; 0 keeps Node's default.
 * 32 was measured (bench:load interleaved, session 7): 120.9 and 131.0 s of app CPU
 * against 132.5 and 111.4 s with Node's default - no gain beyond the noise, so not adopted.
 */
export const DEFAULT_SEMI_SPACE_MB = 0;

/** The workers' --max-semi-space-size flag from KUBELAB_WORKER_SEMI_SPACE_MB (or the default). */
export function semiSpaceFlags(env: Record<string, string | undefined> = process.env): string[] {
  const raw = env.KUBELAB_WORKER_SEMI_SPACE_MB?.trim();
  const mb = raw ? Number(raw) : DEFAULT_SEMI_SPACE_MB;
  if (raw && (!/^\d+$/.test(raw) || mb > 1024)) {
    throw new WebWorkersConfigError(
      `KUBELAB_WORKER_SEMI_SPACE_MB는 0–1024 사이의 정수여야 합니다 (받은 값: ${JSON.stringify(raw)})`,
    );
  }
  return mb > 0 ? [`--max-semi-space-size=${mb}`] : [];
}

/**
 * How long to wait before replacing a worker that died, given how many workers in a
 * row died before they ever listened: a worker that crashes at start (bad build,
 * port taken) must not be re-forked in a tight loop. Undefined means give up.
 */
export function restartDelayMs(earlyDeathsInARow: number, maxEarlyDeaths = 5): number | undefined {
  if (earlyDeathsInARow >= maxEarlyDeaths) return undefined;
  if (earlyDeathsInARow === 0) return 0;
  return Math.min(10_000, 250 * 2 ** (earlyDeathsInARow - 1));
}

export interface WebWorkersOptions {
  port: number;
  /** Address to bind; all interfaces when omitted (as `next start` without -H). */
  host?: string;
  workers: number;
  /** Above a balancer's idle timeout (docs/deployment.md, "Keep-alive"). */
  keepAliveTimeoutMs: number;
  /** Environment of the workers (the primary's own is not inherited beyond it). */
  env: NodeJS.ProcessEnv;
  /** Node flags for each worker (profiling); the primary's own flags (tsx) are not passed on. */
  nodeFlags?: string[];
  /** How long a stop waits for workers to finish their requests before SIGKILL. */
  stopGraceMs?: number;
  log(message: string): void;
}

export interface WebWorkers {
  /** Process ids of the live workers. */
  pids(): number[];
  /** Ends every worker (graceful `signal`, then SIGKILL after the grace period). */
  stop(signal?: "SIGTERM" | "SIGINT"): Promise<void>;
  /** Resolves once all workers are gone: 0 after stop(), 1 when restarts were given up. */
  exited: Promise<number>;
}

const nextBin = () => path.join(projectRoot, "node_modules", "next", "dist", "bin", "next");
const laneEntry = () => path.join(projectRoot, "server", "fast-lane", "worker-entry.mjs");

/** Whether the workers run the fast lane: on unless KUBELAB_FAST_LANE=0. */
export function fastLaneEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.KUBELAB_FAST_LANE?.trim() !== "0";
}

/** The script each worker runs and its arguments (`next start`'s, which the entry takes too). */
export function workerCommand(
  opts: Pick<WebWorkersOptions, "port" | "host" | "keepAliveTimeoutMs"> & {
    env: Record<string, string | undefined>;
  },
): { exec: string; args: string[] } {
  const args = ["-p", String(opts.port)];
  if (opts.host) args.push("-H", opts.host);
  args.push("--keepAliveTimeout", String(opts.keepAliveTimeoutMs));
  return fastLaneEnabled(opts.env)
    ? { exec: laneEntry(), args }
    : { exec: nextBin(), args: ["start", ...args] };
}

/**
 * What each worker needs to hand a sandbox's terminal requests to the sandbox's owner
 * worker (server/fast-lane/sticky.mjs): the sockets' private folder (made here, removed
 * at stop) and a random secret that marks forwarded requests. Undefined with one worker,
 * without the fast lane, or with KUBELAB_STICKY=0 (for A/B measurements): nothing is forwarded.
 */
export function stickyLaneSetup(
  workers: number,
  env: Record<string, string | undefined>,
): { dir: string; env: Record<string, string> } | undefined {
  if (workers < 2 || !fastLaneEnabled(env) || env.KUBELAB_STICKY?.trim() === "0") return undefined;
  // Private to this user (0700), unique to this primary: no other primary's workers, and
  // no other local user, can take or answer on these paths.
  // Named for this primary's pid, so a later primary can remove what a killed one (SIGKILL
  // leaves no chance to clean up) left behind.
  sweepDeadLaneDirs(tmpdir());
  const dir = mkdtempSync(path.join(tmpdir(), `kubelab-lane-${process.pid}-`));
  return {
    dir,
    env: {
      KUBELAB_LANE_SOCKET_PREFIX: path.join(dir, "w"),
      KUBELAB_LANE_SECRET: randomBytes(32).toString("hex"),
    },
  };
}

/** Whether a process with this pid exists (signal 0 only checks; EPERM means it exists). */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the socket folders (`kubelab-lane-<pid>-…`) of primaries that are gone: a primary
 * stopped by SIGKILL cannot remove its own. Only this user's folders, never a live primary's.
 * Returns the names removed.
 */
export function sweepDeadLaneDirs(
  dir: string,
  alive: (pid: number) => boolean = pidAlive,
): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    const m = /^kubelab-lane-(\d+)-[A-Za-z0-9]+$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || alive(pid)) continue;
    const full = path.join(dir, name);
    try {
      const st = statSync(full);
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue;
      rmSync(full, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove: nothing to do.
    }
  }
  return removed;
}

export function startWebWorkers(opts: WebWorkersOptions): WebWorkers {
  if (!cluster.isPrimary) throw new Error("startWebWorkers must run in the cluster primary");
  // Plain JavaScript in each worker (no tsx loader): the lane's entry or `next start`.
  const { exec, args } = workerCommand(opts);
  const execArgv = [...semiSpaceFlags(opts.env), ...(opts.nodeFlags ?? [])];
  cluster.setupPrimary({ exec, args, execArgv, cwd: projectRoot });

  const listened = new WeakSet<Worker>();
  let earlyDeaths = 0;
  let stopping = false;
  let finish: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (finish = resolve));
  let exitCode = 0;
  let pendingForks = 0;

  const sticky = stickyLaneSetup(opts.workers, opts.env);
  // Each worker's index (its sandboxes and its socket); a replacement takes the dead one's.
  const indexOf = new WeakMap<Worker, number>();

  const live = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
  const fork = (index: number) => {
    const worker = cluster.fork({
      ...opts.env,
      ...sticky?.env,
      KUBELAB_WORKERS: String(opts.workers),
      KUBELAB_WORKER_INDEX: String(index),
    });
    indexOf.set(worker, index);
    worker.on("error", (error) => opts.log(`워커 ${worker.process.pid} 오류: ${error.message}`));
  };
  const endIfIdle = () => {
    if (live().length > 0 || pendingForks > 0) return;
    if (sticky) rmSync(sticky.dir, { recursive: true, force: true });
    finish(exitCode);
  };

  const onListening = (worker: Worker) => {
    listened.add(worker);
    earlyDeaths = 0;
  };
  const onExit = (worker: Worker, code: number | null, signal: string | null) => {
    const how = signal ? `신호 ${signal}` : `종료 코드 ${code}`;
    if (stopping) return endIfIdle();
    if (!listened.has(worker)) earlyDeaths++;
    const delay = restartDelayMs(earlyDeaths);
    if (delay === undefined) {
      opts.log(`웹 워커가 시작하자마자 ${earlyDeaths}번 연속 종료되어 재시작을 멈춥니다`);
      exitCode = 1;
      void stop();
      return;
    }
    opts.log(`웹 워커 ${worker.process.pid} 종료(${how}) — 새 워커를 시작합니다`);
    pendingForks++;
    setTimeout(() => {
      pendingForks--;
      if (stopping) return endIfIdle();
      fork(indexOf.get(worker) ?? 0);
    }, delay);
  };
  cluster.on("listening", onListening);
  cluster.on("exit", onExit);

  const stop = async (signal: "SIGTERM" | "SIGINT" = "SIGTERM") => {
    if (!stopping) {
      stopping = true;
      const workers = live();
      for (const w of workers) w.process.kill(signal);
      // Next finishes in-flight requests on SIGTERM; a worker stuck past the grace period is killed.
      const timer = setTimeout(() => {
        for (const w of live()) w.process.kill("SIGKILL");
      }, opts.stopGraceMs ?? 20_000);
      void exited.then(() => clearTimeout(timer));
      endIfIdle();
    }
    await exited;
    cluster.off("listening", onListening);
    cluster.off("exit", onExit);
  };

  for (let i = 0; i < opts.workers; i++) fork(i);
  return {
    pids: () => live().flatMap((w) => (w.process.pid ? [w.process.pid] : [])),
    stop,
    exited,
  };
}
