// Applies pending migrations from prisma/migrations (what `prisma migrate deploy` does).
import { readFileSync } from "node:fs";
import { loadMigrationList, schemaPath } from "./migrations-dir";
import { openSchemaEngine, takePanicMessage } from "./schema-engine";

// One WASM engine instance serves the whole process and is not re-entrant: two
// migrations running at once (e.g. two vitest projects' global setups) panic it.
let queue: Promise<unknown> = Promise.resolve();

export function applyMigrations(connectionString: string): Promise<string[]> {
  const run = queue.then(() => applyMigrationsNow(connectionString));
  queue = run.catch(() => undefined);
  return run;
}

async function applyMigrationsNow(connectionString: string): Promise<string[]> {
  const engine = await openSchemaEngine(connectionString, {
    path: schemaPath,
    content: readFileSync(schemaPath, "utf8"),
  });
  try {
    const out = await engine.applyMigrations({
      migrationsList: loadMigrationList(),
      filters: { externalTables: [], externalEnums: [] },
    });
    return out.appliedMigrationNames;
  } catch (error) {
    const panic = takePanicMessage();
    throw panic ? new Error(`schema engine panicked: ${panic}`, { cause: error }) : error;
  } finally {
    engine.free();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set");
    process.exit(1);
  }
  const applied = await applyMigrations(url);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
}
