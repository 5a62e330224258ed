// Applies pending migrations from prisma/migrations (what `prisma migrate deploy` does).
import { readFileSync } from "node:fs";
import { loadMigrationList, schemaPath } from "./migrations-dir";
import { openSchemaEngine, takePanicMessage, withEngineLock } from "./schema-engine";

// Two migrations at once (e.g. two vitest projects' global setups) would panic
// the shared engine, so they queue.
export function applyMigrations(connectionString: string): Promise<string[]> {
  return withEngineLock(() => applyMigrationsNow(connectionString));
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
