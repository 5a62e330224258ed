// Decides whether `.next` must be rebuilt: when it is missing, or when any
// source file is newer than the last build. Cheap (a stat walk), so restarts
// of an unchanged checkout skip the ~20 s build.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./db/migrations-dir";

const sourceDirs = ["app", "components", "lib", "content", "public"];
const sourceFiles = ["next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];
const skipDirs = new Set(["node_modules", ".next", "generated"]);

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

export function buildIsStale(): boolean {
  const buildId = path.join(projectRoot, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const newest = Math.max(
    ...sourceDirs.map((d) => newestMtime(path.join(projectRoot, d))),
    ...sourceFiles.map((f) => {
      const p = path.join(projectRoot, f);
      return existsSync(p) ? statSync(p).mtimeMs : 0;
    }),
  );
  return newest > built;
}
