// A lock around the project's `.next` folder, so two test processes never run
// `next build` at once and never rebuild under a `next start` another process
// is serving from. It is the kernel's flock(2) through util-linux's `flock`
// holding a pipe open: when our process dies, the pipe closes, `cat` exits and
// the kernel drops the lock - no stale lock file to clean up by hand.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { projectRoot } from "../../scripts/db/migrations-dir";
import { buildIsStale, buildNext } from "../../scripts/build-freshness";

/** One lock file per checkout: two clones of the repo do not wait for each other. */
export function buildLockPath(root = projectRoot): string {
  const key = createHash("sha256").update(path.resolve(root)).digest("hex").slice(0, 16);
  return path.join(tmpdir(), `kubelab-next-build-${key}.lock`);
}

export interface HeldLock {
  mode: "shared" | "exclusive";
  release(): Promise<void>;
}

/** Waits for the lock (shared: many servers may run; exclusive: one builder and no server). */
export function acquireLock(
  mode: "shared" | "exclusive",
  file = buildLockPath(),
  timeoutMs = 15 * 60_000,
): Promise<HeldLock> {
  return new Promise((resolve, reject) => {
    const wait = String(Math.ceil(timeoutMs / 1000));
    // Once flock holds the lock, the shell says so and `cat` keeps it for as long
    // as our end of its stdin stays open.
    const child = spawn(
      "flock",
      [mode === "shared" ? "-s" : "-x", "-w", wait, file, "sh", "-c", "echo locked; exec cat"],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    let acquired = false;
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    child.stdout.once("data", () => {
      acquired = true;
      resolve({
        mode,
        release: async () => {
          child.stdin.end();
          await exited;
        },
      });
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (!acquired) reject(new Error(`could not take the ${mode} build lock ${file} (${code})`));
    });
  });
}

/**
 * Makes sure `.next` is a build of the current sources and returns a shared lock
 * to hold while serving from it. Builds under the exclusive lock; after our own
 * build we serve it even if someone edited a file meanwhile (in a shared tree
 * that happens all the time and would otherwise rebuild forever).
 */
export async function buildOnceAndHold(
  env: Record<string, string | undefined>,
  opts: { file?: string; isStale?: () => boolean; build?: () => void } = {},
): Promise<HeldLock> {
  const file = opts.file ?? buildLockPath();
  // On a shared dev machine where others edit sources all the time, every run would
  // rebuild: KUBELAB_TEST_REUSE_BUILD=1 serves whatever complete build exists.
  const reuse =
    process.env.KUBELAB_TEST_REUSE_BUILD === "1" &&
    existsSync(path.join(projectRoot, ".next", "BUILD_ID"));
  const isStale = opts.isStale ?? (() => !reuse && buildIsStale());
  const build = opts.build ?? (() => buildNext(env as NodeJS.ProcessEnv));
  const shared = await acquireLock("shared", file);
  if (!isStale()) return shared;
  await shared.release();
  const exclusive = await acquireLock("exclusive", file);
  try {
    // Another process may have built while we waited.
    if (isStale()) build();
  } finally {
    await exclusive.release();
  }
  return acquireLock("shared", file);
}
