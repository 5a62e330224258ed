// 채점 on a template's copy: every lab's start, copied for a learner, fails and passes
// exactly the checks a fresh build of the same start does, and the reference solution
// passes every check on the copy.
import { describe, expect, it } from "vitest";
import { allLabs } from "../catalog";
import { instantiateLab } from "../load-labs";
import { memoryLab, T0 } from "../testing/memory-lab";
import { buildLabStart } from "./build-start";
import { LAB_TEMPLATE_SEED, labStartFor } from "./lab-start-template";

const labs = allLabs();

const verdicts = (m: ReturnType<typeof memoryLab>) =>
  m.grade().results.map((r) => [r.taskId, r.checkId, r.passed, r.points]);

describe.each(labs.map((l) => [l.id, l] as const))("lab %s", (_id, lab) => {
  it(
    "grades a copy as a fresh build; the solution passes on the copy",
    { timeout: 120_000 },
    async () => {
      const { def, params } = instantiateLab(lab, "learner-grading");
      const copy = memoryLab(def, "copy", labStartFor(lab, params, "copy-seed", T0));
      const fresh = memoryLab(def, "fresh", buildLabStart(def, LAB_TEMPLATE_SEED, T0));
      const before = verdicts(copy);
      expect(before).toEqual(verdicts(fresh));
      expect(before.filter((v) => v[2])).toEqual([]);
      const saved: Record<string, string> = {};
      for (let i = 0; i < def.tasks.length; i++) await copy.solveTask(i, saved);
      const after = copy.grade();
      expect(
        after.results
          .filter((r) => !r.passed)
          .map((r) => `${r.taskId}/${r.checkId}: ${r.feedback.join("; ")}`),
      ).toEqual([]);
      expect(after.score).toBe(after.maxScore);
    },
  );
});
