// Lab sandboxes copied from the process's template of the lab's start, over Postgres:
// the one-statement insert stores every row so that it reads back as the copy (the
// template's rows as its value encoded once, the learner's named rows as their own),
// a cold load answers kubectl with the learner's names, and concurrent opens agree.
import { describe, expect, it } from "vitest";
import { cachedEntry, forget } from "@/lib/db/sandboxes/cache";
import { pool } from "@/lib/db/sandboxes/pool";
import { loadRows } from "@/lib/db/sandboxes/rows";
import { requireLab } from "@/lib/labs/catalog";
import { drawParams } from "@/lib/labs/params";
import { labSandbox, resetLabSandbox } from "@/lib/labs/server";
import { logRows } from "@/lib/sim/store/types";
import { runTerminalCommand } from "@/lib/terminal";
import { createUser } from "../auth-fixtures";

const LAB = "self-healing";

async function storedRows(id: string) {
  const c = await pool().connect();
  try {
    return await loadRows(c, id);
  } finally {
    c.release();
  }
}

async function formats(id: string): Promise<Record<string, number>> {
  const { rows } = await pool().query<{ f: number; n: number }>(
    `SELECT get_byte("value", 0) AS f, count(*)::int AS n FROM "SandboxKv" WHERE "sandboxId" = $1 GROUP BY 1`,
    [id],
  );
  return Object.fromEntries(rows.map((r) => [r.f.toString(16), r.n]));
}

describe("lab sandboxes from the lab's template", () => {
  it("stores the copy so that it reads back as it is, and answers with the learner's names", async () => {
    const users = [await createUser("LEARNER"), await createUser("LEARNER")];
    const ids: string[] = [];
    for (const user of users) {
      const id = await labSandbox(user.id, LAB);
      ids.push(id);
      const cached = cachedEntry(id)!;
      const rows = logRows(cached.state.store.log);
      expect(await storedRows(id)).toEqual(rows);
      // Most rows are the template's (format 3: 0x0e), the learner's named ones their own.
      const f = await formats(id);
      expect(f["e"]).toBeGreaterThan(rows.length * 0.8);
      const { rows: sb } = await pool().query<{ labId: string; timeOffsetMs: string }>(
        `SELECT "labId", "timeOffsetMs"::text FROM "Sandbox" WHERE "id" = $1`,
        [id],
      );
      expect(sb[0]!.labId).toBe(LAB);
      // The start fast-forwards 30 s: the sandbox's clock runs that far ahead of the wall.
      expect(Number(sb[0]!.timeOffsetMs)).toBeGreaterThan(29_000);
      expect(Number(sb[0]!.timeOffsetMs)).toBeLessThanOrEqual(30_000);

      forget(id); // a cold load, as on another instance
      const { ns, replicas } = drawParams(user.id, LAB, requireLab(LAB).sample.params);
      const r = await runTerminalCommand(id, `kubectl get deployment web -n ${ns} -o name`);
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe("deployment.apps/web\n");
      const pods = await runTerminalCommand(id, `kubectl get pods -n ${ns} --no-headers`);
      expect(pods.stdout.trim().split("\n")).toHaveLength(3);
      expect(pods.stdout).toContain("Running");
      expect(typeof replicas).toBe("number");
    }
    expect(ids[0]).not.toBe(ids[1]);
  }, 60_000);

  it("gives concurrent opens of one learner the same sandbox, and reset a new one", async () => {
    const user = await createUser("LEARNER");
    const ids = await Promise.all([1, 2, 3].map(() => labSandbox(user.id, LAB)));
    expect(new Set(ids).size).toBe(1);
    const { rows } = await pool().query(
      `SELECT "id" FROM "Sandbox" WHERE "ownerId" = $1 AND "labId" = $2`,
      [user.id, LAB],
    );
    expect(rows).toEqual([{ id: ids[0] }]);
    const fresh = await resetLabSandbox(user.id, LAB);
    expect(fresh).not.toBe(ids[0]);
    expect(await storedRows(fresh)).toEqual(logRows(cachedEntry(fresh)!.state.store.log));
  }, 60_000);
});
