// Stores one 채점 in a single SQL statement: the attempt, the first pass of each
// task passed now, and every pass the learner holds in the lab. It used to be a
// Prisma interactive transaction (three queries, a 5 s timeout); under load the
// event loop stalls behind the engine, the transaction outlived its timeout
// (P2028) and the check answered 500. One statement is atomic by itself and holds
// no connection across the event loop.
import { randomUUID } from "node:crypto";
import { jsonbText } from "@/lib/db/sandboxes/jsonb-text";
import { pool } from "@/lib/db/sandboxes/pool";

export interface AttemptRecord {
  userId: string;
  labId: string;
  sandboxId: string;
  score: number;
  maxScore: number;
  results: unknown;
  /** Task ids passed by this attempt. */
  passedTasks: string[];
}

export interface StoredAttempt {
  attemptId: string;
  createdAt: Date;
  /** Every task the learner has passed in this lab, with its first pass (this one included). */
  passes: Map<string, Date>;
}

// The passes read beside the inserts see the statement's snapshot (the rows from
// before it); the rows inserted now come from the insert's RETURNING. A task
// passed before keeps its first pass: ON CONFLICT DO NOTHING. The columns are
// timestamp without time zone holding UTC (as Prisma writes them): the time is
// given as a UTC ISO string (its zone is ignored by the cast) and read back as
// epoch milliseconds, whatever the session's TimeZone.
const STORE_ATTEMPT = `
WITH attempt AS (
  INSERT INTO "LabAttempt" ("id", "userId", "labId", "sandboxId", "score", "maxScore", "results", "createdAt")
  VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $9::timestamp(3))
  RETURNING "id"
), fresh AS (
  INSERT INTO "LabTaskPass" ("userId", "labId", "taskId", "attemptId", "firstPassedAt")
  SELECT $2, $3, t, attempt."id", $9::timestamp(3) FROM attempt, unnest($8::text[]) AS t
  ON CONFLICT DO NOTHING
  RETURNING "taskId", "firstPassedAt"
), passes AS (
  SELECT "taskId", "firstPassedAt" FROM "LabTaskPass" WHERE "userId" = $2 AND "labId" = $3
  UNION ALL
  SELECT "taskId", "firstPassedAt" FROM fresh
)
SELECT (SELECT count(*) FROM attempt)::int AS "stored", "taskId",
  (extract(epoch FROM "firstPassedAt") * 1000)::float8 AS "firstPassedMs"
FROM (SELECT NULL::text AS "taskId", NULL::timestamp(3) AS "firstPassedAt" UNION ALL SELECT * FROM passes) p`;

const READ_PASSES = `
SELECT 1 AS "stored", "taskId", (extract(epoch FROM "firstPassedAt") * 1000)::float8 AS "firstPassedMs"
FROM "LabTaskPass" WHERE "userId" = $1 AND "labId" = $2`;

interface Row {
  stored: number;
  taskId: string | null;
  firstPassedMs: number | null;
}

function passesOf(rows: Row[]): Map<string, Date> {
  const passes = new Map<string, Date>();
  for (const r of rows) {
    if (r.taskId !== null && r.firstPassedMs !== null) {
      passes.set(r.taskId, new Date(r.firstPassedMs));
    }
  }
  return passes;
}

export async function storeAttempt(record: AttemptRecord): Promise<StoredAttempt> {
  const attemptId = randomUUID();
  const createdAt = new Date();
  // Named statements, here and below: a class's 채점s at the same minute parse and plan
  // them once per pooled connection, not on every call.
  const { rows } = await pool().query<Row>({
    name: "kubelab_store_lab_attempt",
    text: STORE_ATTEMPT,
    values: [
      attemptId,
      record.userId,
      record.labId,
      record.sandboxId,
      record.score,
      record.maxScore,
      jsonbText(record.results),
      [...new Set(record.passedTasks)],
      createdAt.toISOString(),
    ],
  });
  if (rows[0]?.stored !== 1) throw new Error(`lab attempt ${attemptId} was not stored`);
  let passes = passesOf(rows);
  // A concurrent 채점 of the same learner inserted a pass this statement's snapshot
  // could not see (ON CONFLICT waited for it, then did nothing): read them again.
  if (record.passedTasks.some((t) => !passes.has(t))) {
    const again = await pool().query<Row>({
      name: "kubelab_read_lab_passes",
      text: READ_PASSES,
      values: [record.userId, record.labId],
    });
    passes = passesOf(again.rows);
  }
  return { attemptId, createdAt, passes };
}
