// Quiz results of a class as CSV: one row per learner; per quiz (one per
// session) the attempts used, the counted attempt's score, pass, time taken and
// points per question. One query for all submitted attempts of the class.

import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { QuizCounting } from "../matrix/activity-query";
import { toCsv, type CsvValue } from "./csv";

interface AttemptRow {
  userId: string;
  sessionId: string;
  number: number;
  percent: number | null;
  passed: boolean | null;
  submittedAt: Date;
  timeTakenMs: number | null;
  points: Record<string, number | null> | null;
}

export interface QuizResultsInput {
  members: { userId: string; name: string; email: string }[];
  /** Quizzes in course order with their question ids in quiz order. */
  quizzes: { sessionId: string; questionIds: string[] }[];
  attempts: AttemptRow[];
  counting: QuizCounting;
}

export async function submittedAttempts(
  prisma: PrismaClient,
  classId: string,
  courseId: string,
): Promise<AttemptRow[]> {
  return prisma.$queryRaw<AttemptRow[]>`
    SELECT q."userId", q."sessionId", q."number", q."percent", q."passed", q."submittedAt",
           q."timeTakenMs",
           (SELECT json_object_agg(a."questionId", a."points") FROM "QuizAnswer" a
             WHERE a."attemptId" = q."id") AS points
    FROM "ClassMember" m JOIN "QuizAttempt" q ON q."userId" = m."userId"
    WHERE m."classId" = ${classId} AND q."courseId" = ${courseId} AND q."submittedAt" IS NOT NULL
    ORDER BY q."userId", q."sessionId", q."number"`;
}

/** The attempt that counts: the best (earliest among equals) or the last one. */
export function countedAttempt(
  attempts: readonly AttemptRow[],
  rule: "highest" | "last",
): AttemptRow | undefined {
  let pick: AttemptRow | undefined;
  for (const a of attempts) {
    if (!pick) pick = a;
    else if (rule === "last" ? a.number > pick.number : (a.percent ?? 0) > (pick.percent ?? 0))
      pick = a;
  }
  return pick;
}

export function quizResultsCsv(input: QuizResultsInput): string {
  const header = ["user_id", "name", "email"];
  for (const q of input.quizzes) {
    const p = `quiz:${q.sessionId}`;
    header.push(
      `${p}:attempts`,
      `${p}:percent`,
      `${p}:passed`,
      `${p}:submitted_at`,
      `${p}:time_seconds`,
    );
    for (const id of q.questionIds) header.push(`${p}:q:${id}`);
  }
  const byLearner = new Map<string, AttemptRow[]>();
  for (const a of input.attempts) {
    const key = `${a.userId}\u0000${a.sessionId}`;
    byLearner.set(key, [...(byLearner.get(key) ?? []), a]);
  }
  const rows = input.members.map((m) => {
    const row: CsvValue[] = [m.userId, m.name, m.email];
    for (const q of input.quizzes) {
      const attempts = byLearner.get(`${m.userId}\u0000${q.sessionId}`) ?? [];
      const counted = countedAttempt(attempts, input.counting(q.sessionId));
      row.push(
        attempts.length,
        counted?.percent == null ? null : Math.round(counted.percent * 10) / 10,
        counted?.passed == null ? null : counted.passed ? 1 : 0,
        counted?.submittedAt.toISOString() ?? null,
        counted?.timeTakenMs == null ? null : Math.round(counted.timeTakenMs / 1000),
      );
      for (const id of q.questionIds) row.push(counted?.points?.[id] ?? null);
    }
    return row;
  });
  return toCsv(header, rows);
}
