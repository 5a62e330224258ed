// Vitest global setup for projects that need PostgreSQL. With DATABASE_URL set
// (e.g. a CI service) it creates a fresh database on that server; otherwise it
// starts a throwaway embedded PostgreSQL. Either way the migrations are applied
// with the same offline runner `npm start` uses, and everything is removed at
// the end. Test workers receive the URL through `provide` (see use-test-db.ts).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { ensureDatabase, startEmbeddedPostgres } from "../../scripts/db/embedded-postgres";
import { applyMigrations } from "../../scripts/db/migrate";
import { projectRoot } from "../../scripts/db/migrations-dir";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const serverUrl = process.env.DATABASE_URL;

export default async function setup(project: TestProject) {
  const name = `kubelab_test_${project.name}_${process.pid}`;
  let adminUrl: string;
  let stopServer = async () => {};
  if (serverUrl) {
    adminUrl = serverUrl;
  } else {
    const base = path.join(projectRoot, ".test-data");
    mkdirSync(base, { recursive: true });
    const dir = mkdtempSync(path.join(base, `${project.name}-`));
    const server = await startEmbeddedPostgres({ dir, persistent: false });
    adminUrl = server.url("postgres");
    stopServer = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await ensureDatabase(adminUrl, name);
  await applyMigrations(url.toString());
  project.provide("databaseUrl", url.toString());

  return async () => {
    if (serverUrl) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    }
    await stopServer();
  };
}
