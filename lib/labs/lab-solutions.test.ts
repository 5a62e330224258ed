// Every lab of the content, in memory: the untouched start fails every task, and
// each task's reference solution, run through the terminal, passes all its checks.
import { describe, expect, it } from "vitest";
import { allLabs } from "./catalog";
import { instantiateLab } from "./load-labs";
import { memoryLab } from "./testing/memory-lab";

const labs = allLabs();

describe.each(labs.map((l) => [l.id, l] as const))("lab %s", (_id, lab) => {
  it(
    "start fails every task; the reference solution passes every check",
    { timeout: 120_000 },
    async () => {
      const { def } = instantiateLab(lab, "learner-one");
      const m = memoryLab(def);
      const before = m.grade();
      expect(before.tasks.filter((t) => t.passed).map((t) => t.taskId)).toEqual([]);
      expect(before.results.filter((r) => r.passed).map((r) => r.checkId)).toEqual([]);
      const saved: Record<string, string> = {};
      for (let i = 0; i < def.tasks.length; i++) await m.solveTask(i, saved);
      const after = m.grade();
      const failed = after.results
        .filter((r) => !r.passed)
        .map((r) => `${r.taskId}/${r.checkId}: ${r.feedback.join("; ")}`);
      expect(failed).toEqual([]);
      expect(after.score).toBe(after.maxScore);
    },
  );
});
