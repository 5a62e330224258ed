// One learner's activity for their instructor, newest first: sections read,
// terminal commands, lab check attempts (per-check results) and quiz attempts
// (answers). One query per kind, each bounded; the caller has authorized.

import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface CheckResult {
  taskId: string;
  checkId: string;
  passed: boolean;
  points?: number;
  max?: number;
  feedback?: string;
  expected?: unknown;
  actual?: unknown;
}

export type TimelineEvent =
  | { kind: "section"; at: string; sessionId: string; sectionId: string }
  | {
      kind: "command";
      at: string;
      sandboxId: string;
      labId: string | null;
      seq: number;
      command: string;
      exitCode: number;
    }
  | {
      kind: "check";
      at: string;
      attemptId: string;
      labId: string;
      score: number;
      maxScore: number;
      results: CheckResult[];
    }
  | {
      kind: "quiz";
      at: string;
      attemptId: string;
      sessionId: string;
      number: number;
      status: string;
      percent: number | null;
      passed: boolean | null;
      answers: {
        questionId: string;
        response: unknown;
        correct: boolean | null;
        points: number | null;
        maxPoints: number | null;
      }[];
    };

export const TIMELINE_LIMITS = { commands: 500, checks: 200, quizzes: 50 } as const;

function asResults(value: unknown): CheckResult[] {
  return Array.isArray(value) ? (value as CheckResult[]) : [];
}

export async function learnerTimeline(
  prisma: PrismaClient,
  learnerId: string,
  courseId: string,
): Promise<TimelineEvent[]> {
  const [sections, commands, checks, quizzes] = await Promise.all([
    prisma.sectionProgress.findMany({
      where: { userId: learnerId, courseId },
      select: { sessionId: true, sectionId: true, readAt: true },
    }),
    prisma.$queryRaw<
      {
        sandboxId: string;
        labId: string | null;
        seq: number;
        command: string;
        exitCode: number;
        createdAt: Date;
      }[]
    >`
      SELECT t."sandboxId", s."labId", t."seq", t."command", t."exitCode", t."createdAt"
      FROM "Sandbox" s JOIN "TerminalCommand" t ON t."sandboxId" = s."id"
      WHERE s."ownerId" = ${learnerId}
      ORDER BY t."createdAt" DESC, t."seq" DESC
      LIMIT ${TIMELINE_LIMITS.commands}`,
    prisma.labAttempt.findMany({
      where: { userId: learnerId },
      orderBy: { createdAt: "desc" },
      take: TIMELINE_LIMITS.checks,
      select: {
        id: true,
        labId: true,
        score: true,
        maxScore: true,
        results: true,
        createdAt: true,
      },
    }),
    prisma.quizAttempt.findMany({
      where: { userId: learnerId, courseId },
      orderBy: { startedAt: "desc" },
      take: TIMELINE_LIMITS.quizzes,
      select: {
        id: true,
        sessionId: true,
        number: true,
        status: true,
        percent: true,
        passed: true,
        startedAt: true,
        submittedAt: true,
        answers: {
          orderBy: { firstAnsweredAt: "asc" },
          select: {
            questionId: true,
            response: true,
            correct: true,
            points: true,
            maxPoints: true,
          },
        },
      },
    }),
  ]);
  const events: TimelineEvent[] = [
    ...sections.map((s) => ({
      kind: "section" as const,
      at: s.readAt.toISOString(),
      sessionId: s.sessionId,
      sectionId: s.sectionId,
    })),
    ...commands.map((c) => ({
      kind: "command" as const,
      at: c.createdAt.toISOString(),
      sandboxId: c.sandboxId,
      labId: c.labId,
      seq: c.seq,
      command: c.command,
      exitCode: c.exitCode,
    })),
    ...checks.map((a) => ({
      kind: "check" as const,
      at: a.createdAt.toISOString(),
      attemptId: a.id,
      labId: a.labId,
      score: a.score,
      maxScore: a.maxScore,
      results: asResults(a.results),
    })),
    ...quizzes.map((q) => ({
      kind: "quiz" as const,
      at: (q.submittedAt ?? q.startedAt).toISOString(),
      attemptId: q.id,
      sessionId: q.sessionId,
      number: q.number,
      status: q.status,
      percent: q.percent,
      passed: q.passed,
      answers: q.answers,
    })),
  ];
  // Newest first; ISO strings of one zone sort as times.
  return events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
