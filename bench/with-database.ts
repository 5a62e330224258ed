// Gives a benchmark its own freshly migrated database: a new database on
// DATABASE_URL's server when set, otherwise a throwaway embedded PostgreSQL.
// DATABASE_URL points at it while `fn` runs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres } from "../scripts/db/embedded-postgres";
import { applyMigrations } from "../scripts/db/migrate";

export async function withBenchDatabase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    await ensureDatabase(url.toString(), name);
    url.pathname = `/${name}`;
    await applyMigrations(url.toString());
    process.env.DATABASE_URL = url.toString();
    return fn();
  }
  const dir = mkdtempSync(path.join(tmpdir(), "kubelab-bench-"));
  // Over the Unix socket when it can have one, as `npm start` connects (scripts/start.ts).
  const server = await startEmbeddedPostgres({ dir, persistent: false, unixSocket: true });
  try {
    await ensureDatabase(server.url("postgres"), name);
    const url = (server.socketUrl ?? server.url)(name);
    await applyMigrations(url);
    process.env.DATABASE_URL = url;
    return await fn();
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
