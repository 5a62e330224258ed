// Runs `fn` with a database URL: DATABASE_URL when set, otherwise a throwaway
// embedded PostgreSQL that is removed afterwards.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { projectRoot } from "./migrations-dir";

export async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const base = path.join(projectRoot, ".test-data");
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(path.join(base, "scratch-"));
  const pgs = await startEmbeddedPostgres({ dir, persistent: false });
  try {
    return await fn(pgs.url("postgres"));
  } finally {
    await pgs.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
