import { describe, expect, it } from "vitest";
import { solveWholeLab } from "./lab-fixture";

describe("lab self-healing over Postgres", () => {
  it(
    "start fails, the reference solution typed in the terminal passes every check",
    { timeout: 180_000 },
    async () => {
      const { after, def } = await solveWholeLab("self-healing");
      expect(after.tasks.map((t) => t.taskId)).toEqual(def.tasks.map((t) => t.id));
    },
  );
});
