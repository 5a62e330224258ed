import { describe, expect, it } from "vitest";
import { solveWholeLab } from "./lab-fixture";

describe("lab cluster-anatomy over Postgres", () => {
  it(
    "start fails, the reference solution typed in the terminal passes every check",
    { timeout: 180_000 },
    async () => {
      const { after, params } = await solveWholeLab("cluster-anatomy");
      expect(String(params.ns)).toMatch(/^anatomy-[a-z2-9]{4}$/);
      expect(after.tasks.map((t) => t.firstPassedAt)).not.toContain(null);
    },
  );
});
