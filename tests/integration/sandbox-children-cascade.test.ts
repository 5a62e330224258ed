// A sandbox's rows (SandboxKv, SandboxLog, TerminalCommand) have no foreign key to
// the sandbox (migration 20261127101339_sandbox_children_without_fk): a trigger deletes
// them with it, and every write of them is one statement with the compare-and-swap of
// the sandbox row. Here: deletion through each path takes all of them, and deletes
// raced against writes leave no row without its sandbox.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { deleteSandboxRecord } from "@/lib/db/sandboxes";
import { forget } from "@/lib/db/sandboxes/cache";
import { pool } from "@/lib/db/sandboxes/pool";
import { runTerminalCommand, userSandbox } from "@/lib/terminal";
import { createUser } from "./auth-fixtures";

async function rowsOf(sandboxId: string): Promise<{ kv: number; log: number; history: number }> {
  const { rows } = await pool().query<{ kv: number; log: number; history: number }>(
    `SELECT (SELECT count(*) FROM "SandboxKv" WHERE "sandboxId" = $1)::int AS kv,
       (SELECT count(*) FROM "SandboxLog" WHERE "sandboxId" = $1)::int AS log,
       (SELECT count(*) FROM "TerminalCommand" WHERE "sandboxId" = $1)::int AS history`,
    [sandboxId],
  );
  return rows[0]!;
}

/** Rows of the given sandbox ids whose sandbox row does not exist. */
async function orphans(ids: string[]): Promise<number> {
  const { rows } = await pool().query<{ n: number }>(
    `SELECT ((SELECT count(*) FROM "SandboxKv" k WHERE k."sandboxId" = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM "Sandbox" s WHERE s."id" = k."sandboxId"))
      + (SELECT count(*) FROM "SandboxLog" l WHERE l."sandboxId" = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM "Sandbox" s WHERE s."id" = l."sandboxId"))
      + (SELECT count(*) FROM "TerminalCommand" t WHERE t."sandboxId" = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM "Sandbox" s WHERE s."id" = t."sandboxId")))::int AS n`,
    [ids],
  );
  return rows[0]!.n;
}

async function usedSandbox(): Promise<{ userId: string; id: string }> {
  const user = await createUser("LEARNER");
  const id = await userSandbox(user.id);
  await runTerminalCommand(id, "kubectl create configmap before --from-literal=k=v");
  const rows = await rowsOf(id);
  expect(rows.kv).toBeGreaterThan(0);
  expect(rows.log).toBeGreaterThan(0);
  expect(rows.history).toBe(1);
  return { userId: user.id, id };
}

describe("a sandbox's rows without foreign keys", () => {
  it("go with the sandbox when it is deleted", async () => {
    const { id } = await usedSandbox();
    await deleteSandboxRecord(id);
    expect(await rowsOf(id)).toEqual({ kv: 0, log: 0, history: 0 });
  });

  it("go with every sandbox of a deleted user (the owner's cascade)", async () => {
    const a = await usedSandbox();
    const other = await usedSandbox();
    await db().user.delete({ where: { id: a.userId } });
    expect(await rowsOf(a.id)).toEqual({ kv: 0, log: 0, history: 0 });
    // Another learner's rows stay.
    expect((await rowsOf(other.id)).kv).toBeGreaterThan(0);
    expect((await rowsOf(other.id)).history).toBe(1);
  });

  it("are never left behind by writes racing the sandbox's deletion", async () => {
    const sandboxes = await Promise.all(Array.from({ length: 6 }, () => usedSandbox()));
    const outcomes = { wrote: 0, refused: 0 };
    await Promise.all(
      sandboxes.map(async ({ id }, i) => {
        const writes = Array.from({ length: 6 }, async (_, w) => {
          // Each write starts from the stored row, as another instance's would.
          forget(id);
          try {
            await runTerminalCommand(id, `kubectl create configmap race-${w} --from-literal=k=v`);
            outcomes.wrote++;
          } catch {
            outcomes.refused++; // the sandbox went away first
          }
        });
        // The delete lands among the writes: at once, or after some of them.
        await new Promise((r) => setTimeout(r, (i % 3) * 15));
        await deleteSandboxRecord(id);
        await Promise.all(writes);
      }),
    );
    expect(outcomes.wrote + outcomes.refused).toBe(36);
    expect(await orphans(sandboxes.map((s) => s.id))).toBe(0);
  });
});
