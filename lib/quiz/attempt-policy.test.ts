import { describe, expect, it } from "vitest";
import { quizSchema } from "./schema/quiz-schema";
import {
  attemptsLeft,
  countingAttempt,
  hasPassed,
  mayReveal,
  pastDeadline,
} from "./attempt-policy";

const settings = (s: Record<string, unknown>) =>
  quizSchema.parse({
    id: "q",
    title: "t",
    settings: s,
    questions: [
      {
        id: "a",
        goal: 0,
        type: "numeric",
        answer: 1,
        prompt: "p",
        explanation: "e",
        section: "s",
      },
    ],
  }).settings;

const attempts = [
  { id: "1", number: 1, percent: 50, submittedAt: new Date(1) },
  { id: "2", number: 2, percent: 90, submittedAt: new Date(2) },
  { id: "3", number: 3, percent: 70, submittedAt: new Date(3) },
  { id: "4", number: 4, percent: null, submittedAt: null },
];

describe("attempt policy", () => {
  it("counts attempts left, unlimited when attempts is 0", () => {
    expect(attemptsLeft(settings({ attempts: 3 }), 1)).toBe(2);
    expect(attemptsLeft(settings({ attempts: 3 }), 5)).toBe(0);
    expect(attemptsLeft(settings({}), 99)).toBeNull();
  });

  it("picks the highest or the last graded attempt", () => {
    expect(countingAttempt(settings({ counts: "highest" }), attempts)?.id).toBe("2");
    expect(countingAttempt(settings({ counts: "last" }), attempts)?.id).toBe("3");
    expect(countingAttempt(settings({}), [attempts[3]!])).toBeNull();
    const tie = [
      { id: "a", number: 2, percent: 80, submittedAt: null },
      { id: "b", number: 1, percent: 80, submittedAt: null },
    ];
    expect(countingAttempt(settings({ counts: "highest" }), tie)?.id).toBe("b");
  });

  it("passes at the pass mark", () => {
    expect(hasPassed(settings({ passPercent: 70 }), 70)).toBe(true);
    expect(hasPassed(settings({ passPercent: 70 }), 69.99)).toBe(false);
  });

  it("reveals per policy", () => {
    expect(mayReveal(settings({ reveal: "after-submit" }), 1)).toBe(true);
    expect(mayReveal(settings({ reveal: "never" }), 1)).toBe(false);
    const final = settings({ reveal: "after-final-attempt", attempts: 2 });
    expect(mayReveal(final, 1)).toBe(false);
    expect(mayReveal(final, 2)).toBe(true);
  });

  it("allows a short grace after the deadline only", () => {
    const deadline = new Date(100_000);
    expect(pastDeadline(deadline, new Date(101_999))).toBe(false);
    expect(pastDeadline(deadline, new Date(102_001))).toBe(true);
    expect(pastDeadline(null, new Date(9e12))).toBe(false);
  });
});
