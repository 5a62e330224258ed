import { describe, expect, it } from "vitest";
import { solveWholeLab } from "./lab-fixture";

describe("lab ha-design over Postgres", () => {
  it(
    "start fails, the reference solution typed in the terminal passes every check",
    { timeout: 180_000 },
    async () => {
      const { after, def } = await solveWholeLab("ha-design");
      expect(after.tasks.map((t) => t.taskId)).toEqual(def.tasks.map((t) => t.id));
    },
  );
});
