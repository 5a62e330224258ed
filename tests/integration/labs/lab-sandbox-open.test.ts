// Opening a lab's sandbox: a first open is two statements (find, then one
// insert-if-absent), a later open one; an insert for a learner who already holds the
// lab's sandbox writes nothing - no row, no error - and the open returns the existing one.
import { describe, expect, it, vi } from "vitest";
import { pool } from "@/lib/db/sandboxes/pool";
import { insertSandbox } from "@/lib/db/sandboxes/rows";
import { splitMeta } from "@/lib/db/sandboxes/meta-split";
import { labSandbox } from "@/lib/labs/server";
import { stateMeta } from "@/lib/sim";
import { logRows } from "@/lib/sim/store/types";
import { cachedEntry } from "@/lib/db/sandboxes/cache";
import { createUser } from "../auth-fixtures";

const LAB = "pod-journey";

async function countRows(table: "Sandbox" | "SandboxKv", column: string, value: string) {
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" = $1`,
    [value],
  );
  return rows[0]!.n;
}

describe("opening a lab sandbox", () => {
  it("takes two statements the first time and one afterwards", async () => {
    const user = await createUser("LEARNER");
    const query = vi.spyOn(pool(), "query");
    const id = await labSandbox(user.id, LAB);
    expect(query).toHaveBeenCalledTimes(2);
    query.mockClear();
    expect(await labSandbox(user.id, LAB)).toBe(id);
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();
  });

  it("does not insert a second sandbox of the same learner and lab", async () => {
    const user = await createUser("LEARNER");
    const id = await labSandbox(user.id, LAB);
    const copy = cachedEntry(id)!;
    const other = `other-${Math.random().toString(36).slice(2)}`;
    const inserted = await insertSandbox(
      pool(),
      other,
      user.id,
      splitMeta(stateMeta(copy.state)),
      logRows(copy.state.store.log),
      { labId: LAB, timeOffsetMs: "0" },
    );
    expect(inserted).toBe(false);
    expect(await countRows("Sandbox", "id", other)).toBe(0);
    expect(await countRows("SandboxKv", "sandboxId", other)).toBe(0);
    expect(await countRows("Sandbox", "ownerId", user.id)).toBe(1);
    expect(await labSandbox(user.id, LAB)).toBe(id);
  });
});
