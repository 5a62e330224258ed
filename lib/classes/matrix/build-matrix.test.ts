import { describe, expect, it } from "vitest";
import { buildMatrix, type LearnerActivity } from "./build-matrix";
import type { MatrixColumn } from "./columns";

const columns: MatrixColumn[] = [
  { key: "section:s/a", kind: "section", group: "세션", label: "A", ref: "s/a" },
  { key: "section:s/b", kind: "section", group: "세션", label: "B", ref: "s/b" },
  { key: "lab:l1/t1", kind: "task", group: "실습", label: "T1", ref: "l1/t1", labId: "l1" },
  { key: "lab:l1/t2", kind: "task", group: "실습", label: "T2", ref: "l1/t2", labId: "l1" },
  { key: "quiz:q", kind: "quiz", group: "퀴즈", label: "Q", ref: "q" },
];

function learner(name: string, over: Partial<LearnerActivity>): LearnerActivity {
  return {
    userId: name,
    name,
    email: `${name}@example.com`,
    joinedAt: new Date("2026-11-01T00:00:00Z"),
    sections: [],
    passes: [],
    attemptedLabs: [],
    quizzes: [],
    lastActivity: null,
    ...over,
  };
}

describe("buildMatrix", () => {
  const m = buildMatrix(columns, [
    // 5 of 5 done
    learner("다은", {
      sections: ["s/a", "s/b"],
      passes: ["l1/t1", "l1/t2"],
      attemptedLabs: ["l1"],
      quizzes: [{ quizId: "q", percent: 90, passed: true }],
      lastActivity: new Date("2026-11-26T08:00:00Z"),
    }),
    // 2 of 5 done; task t2 attempted; quiz failed at 40
    learner("가람", {
      sections: ["s/a"],
      passes: ["l1/t1"],
      attemptedLabs: ["l1"],
      quizzes: [{ quizId: "q", percent: 40, passed: false }],
    }),
    // nothing; a section id not in the course is ignored
    learner("나래", { sections: ["old/x"] }),
  ]);

  it("gives each cell its status and each learner their completion", () => {
    expect(m.rows.map((r) => [r.name, r.done, r.completion])).toEqual([
      ["가람", 2, 40],
      ["나래", 0, 0],
      ["다은", 5, 100],
    ]);
    const garam = m.rows[0]!;
    expect(garam.cells["lab:l1/t1"]).toEqual({ status: "done" });
    expect(garam.cells["lab:l1/t2"]).toEqual({ status: "trying" });
    expect(garam.cells["quiz:q"]).toEqual({ status: "trying", percent: 40 });
    expect(m.rows[1]!.cells["lab:l1/t2"]).toEqual({ status: "none" });
    expect(m.rows[2]!.lastActivity).toBe("2026-11-26T08:00:00.000Z");
  });

  it("totals every column and averages quiz scores over those who took it", () => {
    expect(m.totals).toEqual({
      "section:s/a": { done: 2, trying: 0 },
      "section:s/b": { done: 1, trying: 0 },
      "lab:l1/t1": { done: 2, trying: 0 },
      "lab:l1/t2": { done: 1, trying: 1 },
      "quiz:q": { done: 1, trying: 1, meanPercent: 65 },
    });
    expect(m.meanCompletion).toBe(Math.round((40 + 0 + 100) / 3));
  });

  it("handles an empty class and a course without columns", () => {
    expect(buildMatrix(columns, []).meanCompletion).toBe(0);
    expect(buildMatrix([], [learner("x", {})]).rows[0]!.completion).toBe(0);
  });
});
