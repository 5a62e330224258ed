// Per lab check: how many learners of the class failed it, how many fail it in
// their latest attempt of that lab, and the most common `actual` values behind
// the failures ("pod bound to worker-1 (12명)"). Grouped in SQL over
// jsonb_array_elements(results), so the cost does not grow with a loop per learner.

import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface CheckFailure {
  labId: string;
  taskId: string;
  checkId: string;
  /** Learners with at least one attempt that graded this check. */
  attempted: number;
  /** Learners who failed it at least once. */
  failedEver: number;
  /** Learners whose latest attempt of the lab fails it. */
  failingNow: number;
  /** Most common actual values of failed results: value (JSON text) and distinct learners. */
  topActual: { actual: string; learners: number }[];
}

export const TOP_ACTUAL = 3;

export async function checkFailures(
  prisma: PrismaClient,
  classId: string,
): Promise<CheckFailure[]> {
  const [counts, actuals] = await Promise.all([
    prisma.$queryRaw<
      {
        labId: string;
        taskId: string;
        checkId: string;
        attempted: number;
        failedEver: number;
        failingNow: number;
      }[]
    >`
      WITH a AS (
        SELECT la."userId", la."labId", la."results",
               row_number() OVER (PARTITION BY la."userId", la."labId" ORDER BY la."createdAt" DESC, la."id" DESC) AS rn
        FROM "ClassMember" m JOIN "LabAttempt" la ON la."userId" = m."userId"
        WHERE m."classId" = ${classId}
      ),
      r AS (
        SELECT a."userId", a."labId", a.rn, x->>'taskId' AS "taskId", x->>'checkId' AS "checkId",
               COALESCE((x->>'passed')::boolean, false) AS passed
        FROM a CROSS JOIN LATERAL jsonb_array_elements(a."results") x
        WHERE jsonb_typeof(a."results") = 'array'
      )
      SELECT "labId", "taskId", "checkId",
             count(DISTINCT "userId")::int AS attempted,
             count(DISTINCT "userId") FILTER (WHERE NOT passed)::int AS "failedEver",
             count(DISTINCT "userId") FILTER (WHERE NOT passed AND rn = 1)::int AS "failingNow"
      FROM r GROUP BY "labId", "taskId", "checkId"
      ORDER BY "failedEver" DESC, "labId", "taskId", "checkId"`,
    prisma.$queryRaw<
      { labId: string; taskId: string; checkId: string; actual: string; learners: number }[]
    >`
      WITH f AS (
        SELECT la."userId", la."labId", x->>'taskId' AS "taskId", x->>'checkId' AS "checkId",
               COALESCE(x->'actual', 'null'::jsonb)::text AS actual
        FROM "ClassMember" m JOIN "LabAttempt" la ON la."userId" = m."userId"
        CROSS JOIN LATERAL jsonb_array_elements(la."results") x
        WHERE m."classId" = ${classId} AND jsonb_typeof(la."results") = 'array'
          AND NOT COALESCE((x->>'passed')::boolean, false)
      ),
      g AS (
        SELECT "labId", "taskId", "checkId", actual, count(DISTINCT "userId")::int AS learners
        FROM f GROUP BY "labId", "taskId", "checkId", actual
      )
      SELECT "labId", "taskId", "checkId", actual, learners FROM (
        SELECT g.*, row_number() OVER (PARTITION BY "labId", "taskId", "checkId"
                                       ORDER BY learners DESC, actual) AS rk
        FROM g
      ) ranked WHERE rk <= ${TOP_ACTUAL}
      ORDER BY "labId", "taskId", "checkId", learners DESC, actual`,
  ]);
  const top = new Map<string, { actual: string; learners: number }[]>();
  for (const a of actuals) {
    const key = `${a.labId}\u0000${a.taskId}\u0000${a.checkId}`;
    const list = top.get(key) ?? [];
    list.push({ actual: a.actual, learners: a.learners });
    top.set(key, list);
  }
  return counts.map((c) => ({
    ...c,
    topActual: top.get(`${c.labId}\u0000${c.taskId}\u0000${c.checkId}`) ?? [],
  }));
}
