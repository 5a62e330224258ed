// The one aggregate query behind the matrix: a row per member of the class with
// everything they did, grouped in SQL (no per-learner loops). Each CTE reads its
// table through an index that starts with the learner (or sandbox) id.

import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { LearnerActivity } from "./build-matrix";

interface ActivityRow {
  userId: string;
  name: string;
  email: string;
  joinedAt: Date;
  sections: string[] | null;
  passes: string[] | null;
  attemptedLabs: string[] | null;
  quizzes:
    | { sessionId: string; best: number; bestPassed: boolean; last: number; lastPassed: boolean }[]
    | null;
  lastActivity: Date | null;
}

/** How a quiz counts attempts (a quiz setting): its best or its last submitted attempt. */
export type QuizCounting = (sessionId: string) => "highest" | "last";

/** The query itself (exported for the benchmark's EXPLAIN). */
export function activitySql(classId: string, courseId: string): Prisma.Sql {
  return Prisma.sql`
    WITH m AS (
      SELECT cm."userId", u."name", u."email", cm."joinedAt"
      FROM "ClassMember" cm JOIN "User" u ON u."id" = cm."userId"
      WHERE cm."classId" = ${classId}
    ),
    s AS (
      SELECT sp."userId", array_agg(sp."sessionId" || '/' || sp."sectionId") AS keys,
             max(sp."readAt") AS last
      FROM m JOIN "SectionProgress" sp ON sp."userId" = m."userId" AND sp."courseId" = ${courseId}
      GROUP BY sp."userId"
    ),
    lp AS (
      SELECT p."userId", array_agg(p."labId" || '/' || p."taskId") AS keys,
             max(p."firstPassedAt") AS last
      FROM m JOIN "LabTaskPass" p ON p."userId" = m."userId"
      GROUP BY p."userId"
    ),
    la AS (
      SELECT a."userId", array_agg(DISTINCT a."labId") AS labs, max(a."createdAt") AS last
      FROM m JOIN "LabAttempt" a ON a."userId" = m."userId"
      GROUP BY a."userId"
    ),
    qa AS (
      SELECT q."userId", q."sessionId",
             max(q."percent") AS best,
             bool_or(q."passed") AS "bestPassed",
             (array_agg(q."percent" ORDER BY q."submittedAt" DESC))[1] AS last,
             (array_agg(q."passed" ORDER BY q."submittedAt" DESC))[1] AS "lastPassed",
             max(q."submittedAt") AS at
      FROM m JOIN "QuizAttempt" q ON q."userId" = m."userId"
      WHERE q."courseId" = ${courseId} AND q."submittedAt" IS NOT NULL AND q."percent" IS NOT NULL
      GROUP BY q."userId", q."sessionId"
    ),
    qu AS (
      SELECT "userId",
             json_agg(json_build_object('sessionId', "sessionId", 'best', best,
               'bestPassed', "bestPassed", 'last', last, 'lastPassed', "lastPassed")) AS quizzes,
             max(at) AS last
      FROM qa GROUP BY "userId"
    ),
    tc AS (
      SELECT sb."ownerId" AS "userId", max(t."createdAt") AS last
      FROM m JOIN "Sandbox" sb ON sb."ownerId" = m."userId"
      CROSS JOIN LATERAL (
        SELECT tc."createdAt" FROM "TerminalCommand" tc
        WHERE tc."sandboxId" = sb."id" ORDER BY tc."seq" DESC LIMIT 1
      ) t
      GROUP BY sb."ownerId"
    )
    SELECT m."userId", m."name", m."email", m."joinedAt",
           s.keys AS sections, lp.keys AS passes, la.labs AS "attemptedLabs", qu.quizzes,
           greatest(s.last, lp.last, la.last, qu.last, tc.last) AS "lastActivity"
    FROM m
    LEFT JOIN s ON s."userId" = m."userId"
    LEFT JOIN lp ON lp."userId" = m."userId"
    LEFT JOIN la ON la."userId" = m."userId"
    LEFT JOIN qu ON qu."userId" = m."userId"
    LEFT JOIN tc ON tc."userId" = m."userId"`;
}

export async function classActivity(
  prisma: PrismaClient,
  classId: string,
  courseId: string,
  counting: QuizCounting = () => "highest",
): Promise<LearnerActivity[]> {
  const rows = await prisma.$queryRaw<ActivityRow[]>(activitySql(classId, courseId));
  return rows.map((r) => ({
    userId: r.userId,
    name: r.name,
    email: r.email,
    joinedAt: r.joinedAt,
    sections: r.sections ?? [],
    passes: r.passes ?? [],
    attemptedLabs: r.attemptedLabs ?? [],
    quizzes: (r.quizzes ?? []).map((q) => {
      const last = counting(q.sessionId) === "last";
      return {
        quizId: q.sessionId,
        percent: Math.round(last ? q.last : q.best),
        passed: last ? q.lastPassed : q.bestPassed,
      };
    }),
    lastActivity: r.lastActivity,
  }));
}
