// The write statement's row columns go to Postgres as array literals built by
// lib/db/sandboxes/pg-arrays.ts: keys with quotes, backslashes, commas, braces or
// non-ASCII, flags, large leases and removed revisions must land exactly as given.
import { describe, expect, it } from "vitest";
import { createSandboxRecord } from "@/lib/db/sandboxes";
import { loadRows, writeRequest, type RequestWrites } from "@/lib/db/sandboxes/rows";
import { pool } from "@/lib/db/sandboxes/pool";
import type { KvRow } from "@/lib/sim";

async function head(id: string) {
  const { rows } = await pool().query<{
    version: number;
    logSeq: number;
    hot: string;
    revision: number;
  }>(
    `SELECT "version", "logSeq", "hot"::text AS "hot",
       (SELECT max("revision") FROM "SandboxKv" WHERE "sandboxId" = $1) AS "revision"
     FROM "Sandbox" WHERE "id" = $1`,
    [id],
  );
  return rows[0]!;
}

describe("row columns as array literals", () => {
  it("stores tricky keys, flags, leases and removals exactly", async () => {
    const { id } = await createSandboxRecord({ seed: "row-columns" });
    const h = await head(id);
    const keys = [
      '/registry/configmaps/default/quo"te',
      "/registry/configmaps/default/back\\slash",
      "/registry/configmaps/default/comma,brace{x}",
      "/registry/configmaps/default/NULL",
      "/registry/configmaps/default/한글",
    ];
    const rows: KvRow[] = keys.map((key, i) => ({
      revision: h.revision + 1 + i,
      key,
      created: i % 2 === 0,
      deleted: i === 3,
      createRevision: h.revision + 1,
      prevRevision: i === 0 ? 0 : h.revision + i,
      lease: i === 4 ? 7_587_883_470_123_456 : i,
      version: i + 1,
      // (an empty value: only the format's marker byte is stored; loadRows reads it as text)
      value: i === 3 ? "" : JSON.stringify({ i, key }),
    }));
    const w: RequestWrites = {
      removed: [],
      appended: rows,
      logs: [],
      firstLogSeq: h.logSeq,
      pruneBelow: -1,
      version: h.version + 1,
      meta: null,
      hot: h.hot,
      timeOffsetMs: "0",
    };
    expect(await writeRequest(pool(), id, h.version, w)).toBe(true);
    const c = await pool().connect();
    const stored = (await loadRows(c, id, h.revision).finally(() => c.release())).map((r) => ({
      ...r,
    }));
    expect(stored).toEqual(rows);

    // Removing two of them by revision (the int[] of removed revisions).
    const removed = [rows[1]!.revision, rows[3]!.revision];
    const w2: RequestWrites = { ...w, appended: [], removed, version: h.version + 2 };
    expect(await writeRequest(pool(), id, h.version + 1, w2)).toBe(true);
    const c2 = await pool().connect();
    const left = await loadRows(c2, id, h.revision).finally(() => c2.release());
    expect(left.map((r) => r.key)).toEqual([keys[0], keys[2], keys[4]]);
  });
});
