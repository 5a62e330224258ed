import { describe, expect, it } from "vitest";
import { BOM } from "./csv";
import { countedAttempt, quizResultsCsv } from "./quiz-results";

const at = (n: number) => new Date(Date.UTC(2026, 10, 26, 1, n));
const attempt = (userId: string, number: number, percent: number, passed: boolean) => ({
  userId,
  sessionId: "s2",
  number,
  percent,
  passed,
  submittedAt: at(number),
  timeTakenMs: 61_400,
  points: { q1: number, q2: 0 },
});

describe("countedAttempt", () => {
  const attempts = [
    attempt("u", 1, 50, false),
    attempt("u", 2, 80, true),
    attempt("u", 3, 80, true),
    attempt("u", 4, 20, false),
  ];
  it("takes the first best attempt for 'highest' and the newest for 'last'", () => {
    expect(countedAttempt(attempts, "highest")?.number).toBe(2);
    expect(countedAttempt(attempts, "last")?.number).toBe(4);
    expect(countedAttempt([], "last")).toBeUndefined();
  });
});

describe("quizResultsCsv", () => {
  it("writes one row per learner with the counted attempt and per-question points", () => {
    const csv = quizResultsCsv({
      members: [
        { userId: "u1", name: "박지훈", email: "park@example.com" },
        { userId: "u2", name: "최유나", email: "choi@example.com" },
      ],
      quizzes: [{ sessionId: "s2", questionIds: ["q1", "q2"] }],
      attempts: [attempt("u1", 1, 62.44, false), attempt("u1", 2, 40, false)],
      counting: () => "highest",
    });
    expect(csv.split("\r\n")).toEqual([
      `${BOM}user_id,name,email,quiz:s2:attempts,quiz:s2:percent,quiz:s2:passed,quiz:s2:submitted_at,quiz:s2:time_seconds,quiz:s2:q:q1,quiz:s2:q:q2`,
      `u1,박지훈,park@example.com,2,62.4,0,2026-11-26T01:01:00.000Z,61,1,0`,
      `u2,최유나,choi@example.com,0,,,,,,`,
      "",
    ]);
  });
});
