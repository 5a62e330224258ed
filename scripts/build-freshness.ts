// Decides whether `.next` must be rebuilt: when it is missing, or when any
// source file is newer than the last build. Cheap (a stat walk), so restarts
// of an unchanged checkout skip the ~20 s build.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./db/migrations-dir";

const sourceDirs = ["app", "components", "lib", "content", "public"];
const sourceFiles = ["next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];
const skipDirs = new Set(["node_modules", ".next", "generated"]);

/**
 * When the build now in `.next` started reading the sources. BUILD_ID is written at the
 * build's end, so a file edited while the build ran (older than BUILD_ID, but not in the
 * build) would pass for built; the start time does not. Written only after a build succeeds.
 */
const STARTED_MARK = "kubelab-build-started";

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipDirs.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function newestSource(root: string): number {
  return Math.max(
    ...sourceDirs.map((d) => newestMtime(path.join(root, d))),
    ...sourceFiles.map((f) => {
      const p = path.join(root, f);
      return existsSync(p) ? statSync(p).mtimeMs : 0;
    }),
  );
}

/** The time the current build's sources were read: its start mark, else (a plain `next build`) BUILD_ID's time. */
function builtAt(root: string): number | undefined {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return undefined;
  const mark = path.join(root, ".next", STARTED_MARK);
  if (existsSync(mark)) {
    const mine = readFileSync(mark, "utf8").split(" ");
    // The mark belongs to this build only if BUILD_ID is the one written after it.
    if (mine[1] === readFileSync(buildId, "utf8").trim()) return Number(mine[0]);
  }
  return statSync(buildId).mtimeMs;
}

export function buildIsStale(root = projectRoot): boolean {
  const built = builtAt(root);
  return built === undefined || newestSource(root) > built;
}

/**
 * Runs `next build` and marks when it started, so a source edited during the build makes
 * the next check rebuild. `run` is the build itself (a test passes its own).
 */
export function buildNext(
  env: NodeJS.ProcessEnv,
  root = projectRoot,
  run: () => number | null = () =>
    spawnSync("npx", ["next", "build"], { stdio: "inherit", env, cwd: root }).status,
): void {
  // File times have coarse resolution on some file systems: a file written in the same
  // millisecond as the start counts as possibly unread.
  const started = Date.now() - 1;
  if (run() !== 0) throw new Error("next build failed");
  const buildId = readFileSync(path.join(root, ".next", "BUILD_ID"), "utf8").trim();
  writeFileSync(path.join(root, ".next", STARTED_MARK), `${started} ${buildId}`);
}
