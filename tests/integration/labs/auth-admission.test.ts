import { describe, expect, it } from "vitest";
import { solveWholeLab } from "./lab-fixture";

describe("lab auth-admission over Postgres", () => {
  it(
    "start fails, the reference solution typed in the terminal passes every check",
    { timeout: 180_000 },
    async () => {
      const { after, def } = await solveWholeLab("auth-admission");
      expect(after.tasks.map((t) => t.taskId)).toEqual(def.tasks.map((t) => t.id));
    },
  );
});
