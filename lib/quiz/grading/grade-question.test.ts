import { describe, expect, it } from "vitest";
import { questionSchema, type QuestionOf } from "../schema/quiz-schema";
import { gradeQuestion } from "./grade-question";

const base = { goal: 0, prompt: "질문", explanation: "설명", section: "goals" };
const q = <
  T extends
    | QuestionOf<"single">
    | QuestionOf<"multiple">
    | QuestionOf<"ordering">
    | QuestionOf<"short">
    | QuestionOf<"numeric">
    | QuestionOf<"cluster">,
>(
  raw: Record<string, unknown>,
) => questionSchema.parse({ ...base, ...raw }) as T;

describe("gradeQuestion", () => {
  it("single: full points for the correct option only", () => {
    const single = q<QuestionOf<"single">>({
      id: "s",
      type: "single",
      points: 2,
      options: [
        { id: "a", text: "A", correct: true },
        { id: "b", text: "B" },
      ],
    });
    expect(gradeQuestion(single, { choice: "a" })).toEqual({
      correct: true,
      points: 2,
      maxPoints: 2,
    });
    expect(gradeQuestion(single, { choice: "b" })).toEqual({
      correct: false,
      points: 0,
      maxPoints: 2,
    });
    expect(gradeQuestion(single, undefined).points).toBe(0);
    expect(gradeQuestion(single, { text: "a" }).points).toBe(0);
  });

  describe("multiple: (right − wrong) ÷ correct, floored at 0", () => {
    const multi = q<QuestionOf<"multiple">>({
      id: "m",
      type: "multiple",
      points: 3,
      options: [
        { id: "a", text: "A", correct: true },
        { id: "b", text: "B", correct: true },
        { id: "c", text: "C", correct: true },
        { id: "d", text: "D" },
        { id: "e", text: "E" },
      ],
    });
    it.each([
      [["a", "b", "c"], 3, true],
      [["c", "a", "b"], 3, true],
      [["a", "b"], 2, false],
      [["a"], 1, false],
      [["a", "b", "c", "d"], 2, false],
      [["a", "d"], 0, false],
      [["a", "d", "e"], 0, false],
      [["d", "e"], 0, false],
      [[], 0, false],
      [["a", "a", "a"], 1, false],
      [["zzz"], 0, false],
    ])("%j → %d points", (choices, points, correct) => {
      expect(gradeQuestion(multi, { choices })).toEqual({ correct, points, maxPoints: 3 });
    });
    it("rounds fractions to 2 decimals", () => {
      const one = q<QuestionOf<"multiple">>({ ...multi, points: 1 });
      expect(gradeQuestion(one, { choices: ["a"] }).points).toBe(0.33);
    });
  });

  describe("ordering: adjacent pairs kept ÷ (items − 1)", () => {
    const order = q<QuestionOf<"ordering">>({
      id: "o",
      type: "ordering",
      points: 4,
      items: ["1", "2", "3", "4", "5"].map((n) => ({ id: `s${n}`, text: n })),
    });
    it.each([
      [["s1", "s2", "s3", "s4", "s5"], 4, true],
      // one item moved to the end: 2 of 4 pairs remain (s3→s4, s4→s5)
      [["s1", "s3", "s4", "s5", "s2"], 2, false],
      [["s2", "s3", "s4", "s5", "s1"], 3, false],
      [["s5", "s4", "s3", "s2", "s1"], 0, false],
      [["s1", "s2", "s3", "s5", "s4"], 2, false],
      // not a permutation of the items
      [["s1", "s2", "s3", "s4"], 0, false],
      [["s1", "s1", "s2", "s3", "s4"], 0, false],
      [["s1", "s2", "s3", "s4", "x"], 0, false],
    ])("%j → %d points", (o, points, correct) => {
      expect(gradeQuestion(order, { order: o })).toEqual({ correct, points, maxPoints: 4 });
    });
  });

  it("short: accepted variants after normalization", () => {
    const short = q<QuestionOf<"short">>({
      id: "t",
      type: "short",
      accepted: ["kube-apiserver", "API 서버"],
    });
    for (const text of [
      "kube-apiserver",
      "KubeAPIServer",
      "api server",
      "API서버",
      "에이피아이 서버",
    ]) {
      expect(gradeQuestion(short, { text }).correct, text).toBe(true);
    }
    for (const text of ["etcd", "", "kube api"]) {
      expect(gradeQuestion(short, { text }).correct, text).toBe(false);
    }
  });

  it("numeric: parsed number within the tolerance", () => {
    const exact = q<QuestionOf<"numeric">>({ id: "n", type: "numeric", answer: 2 });
    expect(gradeQuestion(exact, { text: "2" }).correct).toBe(true);
    expect(gradeQuestion(exact, { text: "２개" }).correct).toBe(true);
    expect(gradeQuestion(exact, { text: "3" }).correct).toBe(false);
    expect(gradeQuestion(exact, { text: "둘" }).correct).toBe(false);
    const loose = q<QuestionOf<"numeric">>({
      id: "n2",
      type: "numeric",
      answer: 10,
      tolerance: 0.5,
    });
    expect(gradeQuestion(loose, { text: "10.5" }).correct).toBe(true);
    expect(gradeQuestion(loose, { text: "10.6" }).correct).toBe(false);
  });

  it("cluster: graded against the live truth, which is recorded", () => {
    const cq = q<QuestionOf<"cluster">>({
      id: "c",
      type: "cluster",
      probe: "scheduler-leader-node",
    });
    const truth = { value: "master2", accepted: ["master2", "master2_abc"] };
    expect(gradeQuestion(cq, { text: "Master2" }, truth)).toEqual({
      correct: true,
      points: 1,
      maxPoints: 1,
      expected: "master2",
    });
    expect(gradeQuestion(cq, { text: "master1" }, truth).correct).toBe(false);
    expect(() => gradeQuestion(cq, { text: "master2" })).toThrow(/without the sandbox/);
  });
});
