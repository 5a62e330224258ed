// 채점's store: one statement writes the attempt and the first passes and reads
// back every pass, against real Postgres (the Prisma interactive transaction it
// replaces timed out under load).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { storeAttempt } from "@/lib/labs/server/store-attempt";
import { createUser } from "../auth-fixtures";

const LAB = "store-attempt-lab";

function record(userId: string, passedTasks: string[], results: unknown = []) {
  return { userId, labId: LAB, sandboxId: "sb-1", score: 1, maxScore: 3, results, passedTasks };
}

describe("storeAttempt", () => {
  it("stores the attempt and keeps each task's first pass", async () => {
    const user = await createUser("LEARNER");
    const before = Date.now();
    const first = await storeAttempt(record(user.id, ["a"]));
    expect([...first.passes.keys()]).toEqual(["a"]);
    expect(first.passes.get("a")!.getTime()).toBe(first.createdAt.getTime());
    expect(Math.abs(first.createdAt.getTime() - before)).toBeLessThan(5_000);

    await new Promise((r) => setTimeout(r, 20));
    const second = await storeAttempt(record(user.id, ["a", "b"]));
    expect(second.passes.get("a")!.getTime()).toBe(first.createdAt.getTime());
    expect(second.passes.get("b")!.getTime()).toBe(second.createdAt.getTime());
    expect(second.createdAt.getTime()).toBeGreaterThan(first.createdAt.getTime());

    // A failing attempt stores the attempt and still returns the passes held.
    const third = await storeAttempt(record(user.id, []));
    expect([...third.passes.keys()].sort()).toEqual(["a", "b"]);

    // What Prisma reads back is the same instant (UTC in a timestamp without zone).
    const rows = await db().labAttempt.findMany({
      where: { userId: user.id, labId: LAB },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => r.id)).toEqual([first.attemptId, second.attemptId, third.attemptId]);
    expect(rows[0]!.createdAt.getTime()).toBe(first.createdAt.getTime());
    const passes = await db().labTaskPass.findMany({ where: { userId: user.id, labId: LAB } });
    expect(passes.map((p) => [p.taskId, p.attemptId]).sort()).toEqual([
      ["a", first.attemptId],
      ["b", second.attemptId],
    ]);
  });

  it("stores feedback holding NUL and lone surrogates (jsonb refuses them as is)", async () => {
    const user = await createUser("LEARNER");
    const results = [{ taskId: "a", feedback: ['"web\u0000" 없음', "x\ud800"] }];
    const stored = await storeAttempt(record(user.id, ["a"], results));
    const row = await db().labAttempt.findUniqueOrThrow({ where: { id: stored.attemptId } });
    expect(row.results).toEqual([{ taskId: "a", feedback: ['"web\ufffd" 없음', "x\ufffd"] }]);
  });

  it("two concurrent checks passing the same task both report its one first pass", async () => {
    const user = await createUser("LEARNER");
    const [x, y] = await Promise.all([
      storeAttempt(record(user.id, ["a"])),
      storeAttempt(record(user.id, ["a"])),
    ]);
    expect(x.passes.get("a")).toBeDefined();
    expect(x.passes.get("a")!.getTime()).toBe(y.passes.get("a")!.getTime());
    const passes = await db().labTaskPass.findMany({ where: { userId: user.id, labId: LAB } });
    expect(passes).toHaveLength(1);
  });
});
