// The quiz's three writes, each ONE SQL statement (no interactive transaction, so
// nothing waits for a transaction slot while the event loop is busy), each a named
// prepared statement (attempt-rows.ts's Sql):
//
// - insertAttempt: the next attempt number, only if none is in progress and the
//   limit allows; a concurrent start loses on the unique (user, course, session,
//   number) and inserts nothing.
// - writeAnswers: bumps the attempt's answersRevision, and upserts the answers,
//   only while the attempt is IN_PROGRESS and before its deadline (+ grace).
// - closeAttempt: status, grade and every question's result, only if the attempt
//   is still IN_PROGRESS at the answers revision the grade was computed from.
//
// Why this is safe without holding a lock across statements: writeAnswers and
// closeAttempt both start by updating the attempt row, so they serialise on its
// row lock, and PostgreSQL re-checks the loser's WHERE against the winner's
// committed row (READ COMMITTED). A save after a close finds the status changed
// and writes nothing; a close after a save finds the revision changed and writes
// nothing (the caller grades again).

import type { QuizAttempt } from "@/lib/generated/prisma/client";
import type { StoredResponse } from "../responses";
import { ATTEMPT_COLUMNS, iso, tsParam, type Sql } from "./attempt-rows";

export interface NewAttempt {
  id: string;
  userId: string;
  courseId: string;
  sessionId: string;
  quizId: string;
  seed: string;
  quizVersion: string;
  startedAt: Date;
  deadlineAt: Date | null;
  /** settings.attempts: 0 = unlimited. */
  limit: number;
}

const INSERT_ATTEMPT = `INSERT INTO "QuizAttempt"
    ("id", "userId", "courseId", "sessionId", "quizId", "number", "seed", "quizVersion",
     "startedAt", "deadlineAt")
  SELECT $1, $2, $3, $4, $5, COALESCE(max(x."number"), 0) + 1, $6, $7, ${tsParam(8)}, ${tsParam(9)}
    FROM (SELECT "number", "status" FROM "QuizAttempt"
           WHERE "userId" = $2 AND "courseId" = $3 AND "sessionId" = $4) x
  HAVING count(*) FILTER (WHERE x."status" = 'IN_PROGRESS') = 0
     AND ($10::int = 0 OR count(*) < $10::int)
  ON CONFLICT ("userId", "courseId", "sessionId", "number") DO NOTHING
  RETURNING ${ATTEMPT_COLUMNS}`;

/** Inserts the learner's next attempt; undefined when one is open, the limit is used up, or a concurrent start won. */
export async function insertAttempt(sql: Sql, a: NewAttempt): Promise<QuizAttempt | undefined> {
  const { rows } = await sql.query<QuizAttempt>({
    name: "kubelab_quiz_insert_attempt",
    text: INSERT_ATTEMPT,
    values: [
      a.id,
      a.userId,
      a.courseId,
      a.sessionId,
      a.quizId,
      a.seed,
      a.quizVersion,
      iso(a.startedAt),
      iso(a.deadlineAt),
      a.limit,
    ],
  });
  return rows[0];
}

export interface AnswerWrite {
  questionId: string;
  response: StoredResponse;
}

const WRITE_ANSWERS = `WITH a AS (
    UPDATE "QuizAttempt" SET "answersRevision" = "answersRevision" + 1
     WHERE "id" = $1 AND "userId" = $2 AND "status" = 'IN_PROGRESS'
       AND ("deadlineAt" IS NULL OR "deadlineAt" >= ${tsParam(3)})
    RETURNING "id"
  ), w AS (
    INSERT INTO "QuizAnswer" ("attemptId", "questionId", "response", "firstAnsweredAt", "answeredAt")
    SELECT a."id", u.qid, u.resp::jsonb, ${tsParam(4)}, ${tsParam(4)}
      FROM a, unnest($5::text[], $6::text[]) AS u(qid, resp)
    ON CONFLICT ("attemptId", "questionId")
      DO UPDATE SET "response" = EXCLUDED."response", "answeredAt" = EXCLUDED."answeredAt"
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM a)::int AS "accepted"`;

/**
 * Saves answers (one row per question; firstAnsweredAt kept on update). Returns
 * false, writing nothing, unless the attempt is the user's, IN_PROGRESS, and
 * `cutoff` (now minus the grace) is not after its deadline.
 */
export async function writeAnswers(
  sql: Sql,
  target: { attemptId: string; userId: string; now: Date; cutoff: Date },
  answers: readonly AnswerWrite[],
): Promise<boolean> {
  const { rows } = await sql.query<{ accepted: number }>({
    name: "kubelab_quiz_write_answers",
    text: WRITE_ANSWERS,
    values: [
      target.attemptId,
      target.userId,
      iso(target.cutoff),
      iso(target.now),
      answers.map((a) => a.questionId),
      answers.map((a) => JSON.stringify(a.response)),
    ],
  });
  return rows[0]!.accepted > 0;
}

export interface QuestionGrade {
  questionId: string;
  /** A response submitted with the grade (stored with it); undefined keeps the saved one. */
  response?: StoredResponse;
  correct: boolean;
  points: number;
  maxPoints: number;
  /** Cluster questions: the live value (null: nothing to name); undefined: not a cluster question. */
  expected?: string | null;
}

export interface Closing {
  attemptId: string;
  /** The answersRevision the grade was computed at. */
  revision: number;
  status: "SUBMITTED" | "EXPIRED";
  now: Date;
  /** A submission must arrive before deadline + grace: now minus the grace. */
  cutoff: Date;
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
  timeTakenMs: number;
  grades: readonly QuestionGrade[];
}

/** What a close returns: the closed attempt, and the learner's attempts at its quiz. */
export interface ClosedAttempt {
  closed: QuizAttempt;
  /** Every attempt of the learner at this quiz, oldest first, `closed` as it is now. */
  attempts: QuizAttempt[];
}

/**
 * Closes the attempt with its grade, storing every question's result (a question
 * never answered gets a row with response {}). Returns the closed attempt, or
 * undefined when it was not IN_PROGRESS at `revision` (closed, or answers saved
 * since) — then nothing was written.
 */
export async function closeAttempt(sql: Sql, c: Closing): Promise<QuizAttempt | undefined> {
  return (await closeAttemptListing(sql, c))?.closed;
}

// The unnested grade columns from parameter $from on (closeAttemptListing's cols()).
const grades = (from: number) =>
  `unnest($${from}::text[], $${from + 1}::text[], $${from + 2}::bool[], $${from + 3}::float8[],
          $${from + 4}::float8[], $${from + 5}::text[]) AS g(qid, resp, correct, points, max, expected)`;

const CLOSE_ATTEMPT = `WITH closed AS (
    UPDATE "QuizAttempt"
       SET "status" = $3::text::"QuizAttemptStatus", "submittedAt" = ${tsParam(4)},
           "score" = $6, "maxScore" = $7, "percent" = $8, "passed" = $9, "timeTakenMs" = $10
     WHERE "id" = $1 AND "status" = 'IN_PROGRESS' AND "answersRevision" = $2
       AND ($3::text = 'EXPIRED' OR "deadlineAt" IS NULL OR "deadlineAt" >= ${tsParam(5)})
    RETURNING ${ATTEMPT_COLUMNS}
  ), given AS (
    INSERT INTO "QuizAnswer" ("attemptId", "questionId", "response", "firstAnsweredAt",
                              "answeredAt", "correct", "points", "maxPoints", "expected")
    SELECT closed."id", g.qid, g.resp::jsonb, ${tsParam(4)}, ${tsParam(4)},
           g.correct, g.points, g.max, g.expected::jsonb
      FROM closed, ${grades(11)}
    ON CONFLICT ("attemptId", "questionId") DO UPDATE SET
      "response" = EXCLUDED."response", "answeredAt" = EXCLUDED."answeredAt",
      "correct" = EXCLUDED."correct", "points" = EXCLUDED."points",
      "maxPoints" = EXCLUDED."maxPoints", "expected" = EXCLUDED."expected"
    RETURNING 1
  ), rest AS (
    INSERT INTO "QuizAnswer" ("attemptId", "questionId", "response", "correct", "points",
                              "maxPoints", "expected")
    SELECT closed."id", g.qid, g.resp::jsonb, g.correct, g.points, g.max, g.expected::jsonb
      FROM closed, ${grades(17)}
    ON CONFLICT ("attemptId", "questionId") DO UPDATE SET
      "correct" = EXCLUDED."correct", "points" = EXCLUDED."points",
      "maxPoints" = EXCLUDED."maxPoints", "expected" = EXCLUDED."expected"
    RETURNING 1
  )
  SELECT * FROM closed
  UNION ALL
  SELECT ${ATTEMPT_COLUMNS} FROM "QuizAttempt" o
   WHERE (o."userId", o."courseId", o."sessionId") IN
         (SELECT "userId", "courseId", "sessionId" FROM closed)
     AND o."id" <> $1
  ORDER BY "number"`;

/**
 * closeAttempt, returning with the closed attempt the learner's other attempts at the
 * quiz, read by the same statement (as they were before it: it changes none of them), so
 * the overview a submission answers with needs no read after it.
 */
export async function closeAttemptListing(
  sql: Sql,
  c: Closing,
): Promise<ClosedAttempt | undefined> {
  // Grades with a submitted response replace it; the others only add the grade.
  const cols = (gs: readonly QuestionGrade[]) => [
    gs.map((g) => g.questionId),
    gs.map((g) => JSON.stringify(g.response ?? {})),
    gs.map((g) => g.correct),
    gs.map((g) => g.points),
    gs.map((g) => g.maxPoints),
    // SQL NULL for "not a cluster question", JSON null for "nothing to name".
    gs.map((g) => (g.expected === undefined ? null : JSON.stringify(g.expected))),
  ];
  const given = cols(c.grades.filter((g) => g.response !== undefined));
  const rest = cols(c.grades.filter((g) => g.response === undefined));
  const { rows } = await sql.query<QuizAttempt>({
    name: "kubelab_quiz_close_attempt",
    text: CLOSE_ATTEMPT,
    values: [
      c.attemptId,
      c.revision,
      c.status,
      iso(c.now),
      iso(c.cutoff),
      c.score,
      c.maxScore,
      c.percent,
      c.passed,
      c.timeTakenMs,
      ...given,
      ...rest,
    ],
  });
  const closed = rows.find((r) => r.id === c.attemptId);
  return closed ? { closed, attempts: rows } : undefined;
}
