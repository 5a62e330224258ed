// Overload timeouts answer the Korean 503 "잠시 후 다시 시도" (nothing was committed),
// provoked for real: a Prisma interactive transaction that outlives its timeout
// (P2028) and a statement that gives up waiting on a row lock (55P03).
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/sandboxes/pool";
import { errorResponse } from "@/lib/http/error-response";
import { createUser } from "./auth-fixtures";

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a failure");
}

async function expectBusy503(error: unknown): Promise<void> {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  let res: Response;
  try {
    res = errorResponse(error);
    // Operators get one line per failure (the cause and its code), not Prisma's code frame.
    expect(warn).toHaveBeenCalledTimes(1);
    const logged = warn.mock.calls[0]!.map(String).join(" ");
    expect(logged).toMatch(/^Database busy: \S/);
    expect(logged).not.toContain("\n");
  } finally {
    warn.mockRestore();
  }
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBe("2");
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("databaseBusy");
  expect(body.error.message).toContain("잠시 후 다시 시도하세요");
}

describe("database overload → 503 databaseBusy", () => {
  it("a Prisma interactive transaction past its timeout (P2028), rolled back", async () => {
    const user = await createUser("LEARNER");
    const error = await caught(
      db().$transaction(
        async (tx) => {
          await tx.user.update({ where: { id: user.id }, data: { name: "바뀜" } });
          await new Promise((r) => setTimeout(r, 300));
          await tx.user.findUnique({ where: { id: user.id } });
        },
        { timeout: 50 },
      ),
    );
    expect((error as { code?: string }).code).toBe("P2028");
    await expectBusy503(error);
    const after = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.name).not.toBe("바뀜");
  });

  it("a lock wait past lock_timeout (55P03)", async () => {
    const user = await createUser("LEARNER");
    const holder = await pool().connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM "User" WHERE "id" = $1 FOR UPDATE`, [user.id]);
      const waiter = await pool().connect();
      try {
        await waiter.query("BEGIN");
        await waiter.query("SET LOCAL lock_timeout = '50ms'");
        const error = await caught(
          waiter.query(`UPDATE "User" SET "name" = 'x' WHERE "id" = $1`, [user.id]),
        );
        await waiter.query("ROLLBACK");
        expect((error as { code?: string }).code).toBe("55P03");
        await expectBusy503(error);
      } finally {
        waiter.release();
      }
    } finally {
      await holder.query("ROLLBACK");
      holder.release();
    }
  });
});
