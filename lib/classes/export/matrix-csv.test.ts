import { describe, expect, it } from "vitest";
import { buildMatrix } from "../matrix/build-matrix";
import type { MatrixColumn } from "../matrix/columns";
import { BOM } from "./csv";
import { matrixCsv } from "./matrix-csv";

const columns: MatrixColumn[] = [
  { key: "section:s2/goals", kind: "section", group: "세션", label: "목표", ref: "s2/goals" },
  { key: "lab:pod/t1", kind: "task", group: "실습", label: "T1", ref: "pod/t1", labId: "pod" },
  { key: "lab:pod/t2", kind: "task", group: "실습", label: "T2", ref: "pod/t2", labId: "pod" },
  { key: "quiz:s2", kind: "quiz", group: "퀴즈", label: "퀴즈", ref: "s2" },
];

describe("matrixCsv", () => {
  it("writes one row per learner under stable column names", () => {
    const matrix = buildMatrix(columns, [
      {
        userId: "u1",
        name: "김, 민수",
        email: "kim@example.com",
        joinedAt: new Date("2026-11-02T01:00:00Z"),
        sections: ["s2/goals"],
        passes: ["pod/t1"],
        attemptedLabs: ["pod"],
        quizzes: [{ quizId: "s2", percent: 75, passed: true }],
        lastActivity: new Date("2026-11-26T02:03:04Z"),
      },
      {
        userId: "u2",
        name: "이서연",
        email: "lee@example.com",
        joinedAt: new Date("2026-11-03T01:00:00Z"),
        sections: [],
        passes: [],
        attemptedLabs: [],
        quizzes: [],
        lastActivity: null,
      },
    ]);
    const lines = matrixCsv(matrix).split("\r\n");
    expect(lines[0]).toBe(
      `${BOM}user_id,name,email,joined_at,completion_percent,done_count,last_activity,section:s2/goals,lab:pod/t1,lab:pod/t2,quiz:s2`,
    );
    expect(lines[1]).toBe(
      `u1,"김, 민수",kim@example.com,2026-11-02T01:00:00.000Z,75,3,2026-11-26T02:03:04.000Z,1,1,0,75`,
    );
    expect(lines[2]).toBe(`u2,이서연,lee@example.com,2026-11-03T01:00:00.000Z,0,0,,,,,`);
    expect(lines[3]).toBe("");
    expect(lines).toHaveLength(4);
  });
});
