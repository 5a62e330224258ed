import { describe, expect, it } from "vitest";
import { solveWholeLab } from "./lab-fixture";

describe("lab pod-journey over Postgres", () => {
  it(
    "start fails, the reference solution (editor apply + terminal) passes every check",
    { timeout: 180_000 },
    async () => {
      const { after } = await solveWholeLab("pod-journey");
      const trace = after.results.find((r) => r.checkId === "create-then-bind")!;
      expect(trace.passed).toBe(true);
      expect(trace.actual).toHaveLength(3);
    },
  );
});
