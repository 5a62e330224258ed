// Per quiz question: how the class answered (distinct learners per response,
// over submitted attempts) and how many answered it correctly.

import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface QuestionDistribution {
  sessionId: string;
  questionId: string;
  learners: number;
  correctLearners: number;
  /** Responses as JSON text, most frequent first. */
  answers: { response: string; learners: number; correct: boolean | null }[];
}

export async function quizAnswerDistribution(
  prisma: PrismaClient,
  classId: string,
  courseId: string,
): Promise<QuestionDistribution[]> {
  const rows = await prisma.$queryRaw<
    {
      sessionId: string;
      questionId: string;
      response: string;
      learners: number;
      correct: boolean | null;
    }[]
  >`
    SELECT q."sessionId", a."questionId", a."response"::text AS response,
           count(DISTINCT q."userId")::int AS learners, bool_or(a."correct") AS correct
    FROM "ClassMember" m
    JOIN "QuizAttempt" q ON q."userId" = m."userId"
    JOIN "QuizAnswer" a ON a."attemptId" = q."id"
    WHERE m."classId" = ${classId} AND q."courseId" = ${courseId} AND q."submittedAt" IS NOT NULL
    GROUP BY q."sessionId", a."questionId", a."response"::text
    ORDER BY q."sessionId", a."questionId", learners DESC, response`;
  const totals = await prisma.$queryRaw<
    { sessionId: string; questionId: string; learners: number; correctLearners: number }[]
  >`
    SELECT q."sessionId", a."questionId", count(DISTINCT q."userId")::int AS learners,
           count(DISTINCT q."userId") FILTER (WHERE a."correct")::int AS "correctLearners"
    FROM "ClassMember" m
    JOIN "QuizAttempt" q ON q."userId" = m."userId"
    JOIN "QuizAnswer" a ON a."attemptId" = q."id"
    WHERE m."classId" = ${classId} AND q."courseId" = ${courseId} AND q."submittedAt" IS NOT NULL
    GROUP BY q."sessionId", a."questionId"
    ORDER BY q."sessionId", a."questionId"`;
  const byQuestion = new Map<string, QuestionDistribution>();
  for (const t of totals) {
    byQuestion.set(`${t.sessionId}/${t.questionId}`, { ...t, answers: [] });
  }
  for (const r of rows) {
    byQuestion.get(`${r.sessionId}/${r.questionId}`)?.answers.push({
      response: r.response,
      learners: r.learners,
      correct: r.correct,
    });
  }
  return [...byQuestion.values()];
}
