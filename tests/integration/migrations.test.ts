import { describe, expect, it } from "vitest";
import pg from "pg";
import { migrationFolders } from "../../scripts/db/migrations-dir";

describe("offline migrations", () => {
  it("applied every migration folder and recorded it like prisma migrate deploy", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const rows = await client.query(
        `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`,
      );
      expect(rows.rows.map((r) => r.migration_name)).toEqual(migrationFolders());
      const users = await client.query(`SELECT to_regclass('public."User"') AS t`);
      expect(users.rows[0].t).toBe('"User"');
    } finally {
      await client.end();
    }
  });
});
