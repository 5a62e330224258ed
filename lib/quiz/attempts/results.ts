// Learners' quiz results for progress pages and instructor views: per session,
// the attempt that counts (the quiz's highest/last rule) and how many were used.

import type { PrismaClient, QuizAttempt } from "@/lib/generated/prisma/client";
import { attemptsLeft, countingAttempt } from "../attempt-policy";
import { getQuiz } from "../quiz-catalog";
import { summarize, type AttemptSummary } from "./attempt-view";

export interface SessionQuizResult {
  sessionId: string;
  /** The counting attempt, or null while none is graded. */
  counting: AttemptSummary | null;
  attemptsUsed: number;
  attemptsLeft: number | null;
  inProgress: boolean;
}

function resultOf(
  courseId: string,
  sessionId: string,
  attempts: QuizAttempt[],
): SessionQuizResult | null {
  const loaded = getQuiz(courseId, sessionId);
  if (!loaded) return null;
  const counting = countingAttempt(loaded.quiz.settings, attempts);
  return {
    sessionId,
    counting: counting ? summarize(counting) : null,
    attemptsUsed: attempts.length,
    attemptsLeft: attemptsLeft(loaded.quiz.settings, attempts.length),
    inProgress: attempts.some((a) => a.status === "IN_PROGRESS"),
  };
}

function group(attempts: QuizAttempt[], key: (a: QuizAttempt) => string) {
  const out = new Map<string, QuizAttempt[]>();
  for (const a of attempts) out.set(key(a), [...(out.get(key(a)) ?? []), a]);
  return out;
}

/** One learner's result per session of a course (sessions without attempts are absent). */
export async function quizResultsOfCourse(
  prisma: PrismaClient,
  userId: string,
  courseId: string,
): Promise<Map<string, SessionQuizResult>> {
  const attempts = await prisma.quizAttempt.findMany({
    where: { userId, courseId },
    orderBy: { number: "asc" },
  });
  const out = new Map<string, SessionQuizResult>();
  for (const [sessionId, list] of group(attempts, (a) => a.sessionId)) {
    const r = resultOf(courseId, sessionId, list);
    if (r) out.set(sessionId, r);
  }
  return out;
}

/** Many learners at once (a class): userId → sessionId → result. */
export async function quizResultsOfLearners(
  prisma: PrismaClient,
  userIds: readonly string[],
  courseId: string,
): Promise<Map<string, Map<string, SessionQuizResult>>> {
  const attempts = await prisma.quizAttempt.findMany({
    where: { userId: { in: [...userIds] }, courseId },
    orderBy: { number: "asc" },
  });
  const out = new Map<string, Map<string, SessionQuizResult>>();
  for (const [key, list] of group(attempts, (a) => `${a.userId}\0${a.sessionId}`)) {
    const [userId, sessionId] = key.split("\0") as [string, string];
    const r = resultOf(courseId, sessionId, list);
    if (!r) continue;
    if (!out.has(userId)) out.set(userId, new Map());
    out.get(userId)!.set(sessionId, r);
  }
  return out;
}
