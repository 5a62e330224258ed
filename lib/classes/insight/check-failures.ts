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
  // One expansion of the results, shared by the counts and the top actual values.
  return prisma.$queryRaw<CheckFailure[]>`
    WITH a AS (
      SELECT la."userId", la."labId", la."results",
             row_number() OVER (PARTITION BY la."userId", la."labId"
                                ORDER BY la."createdAt" DESC, la."id" DESC) AS rn
      FROM "ClassMember" m JOIN "LabAttempt" la ON la."userId" = m."userId"
      WHERE m."classId" = ${classId} AND jsonb_typeof(la."results") = 'array'
    ),
    r AS MATERIALIZED (
      SELECT a."userId", a."labId", a.rn, x->>'taskId' AS "taskId", x->>'checkId' AS "checkId",
             COALESCE((x->>'passed')::boolean, false) AS passed, x->'actual' AS actual
      FROM a CROSS JOIN LATERAL jsonb_array_elements(a."results") x
    ),
    c AS (
      SELECT "labId", "taskId", "checkId",
             count(DISTINCT "userId")::int AS attempted,
             count(DISTINCT "userId") FILTER (WHERE NOT passed)::int AS "failedEver",
             count(DISTINCT "userId") FILTER (WHERE NOT passed AND rn = 1)::int AS "failingNow"
      FROM r GROUP BY "labId", "taskId", "checkId"
    ),
    g AS (
      SELECT "labId", "taskId", "checkId", COALESCE(actual, 'null'::jsonb)::text AS actual,
             count(DISTINCT "userId")::int AS learners
      FROM r WHERE NOT passed GROUP BY 1, 2, 3, 4
    ),
    t AS (
      SELECT "labId", "taskId", "checkId",
             json_agg(json_build_object('actual', actual, 'learners', learners)
                      ORDER BY learners DESC, actual) AS top
      FROM (
        SELECT g.*, row_number() OVER (PARTITION BY "labId", "taskId", "checkId"
                                       ORDER BY learners DESC, actual) AS rk
        FROM g
      ) ranked
      WHERE rk <= ${TOP_ACTUAL}
      GROUP BY 1, 2, 3
    )
    SELECT c."labId", c."taskId", c."checkId", c.attempted, c."failedEver", c."failingNow",
           COALESCE(t.top, '[]'::json) AS "topActual"
    FROM c LEFT JOIN t USING ("labId", "taskId", "checkId")
    ORDER BY c."failedEver" DESC, c."labId", c."taskId", c."checkId"`;
}
