// Reading quiz attempts and answers through node-postgres (the pool the sandboxes
// use), as the Prisma types the rest of lib/quiz works with. Each read is one
// statement outside any transaction.
//
// Prisma's DateTime columns are `timestamp(3) without time zone` holding UTC. pg
// would parse those as local time, so every timestamp is read as
// `… AT TIME ZONE 'UTC'` (a timestamptz, parsed exactly) and written from an ISO
// string as `$n::timestamptz AT TIME ZONE 'UTC'`.

import type pg from "pg";
import type { QuizAnswer, QuizAttempt } from "@/lib/generated/prisma/client";

/**
 * What the quiz needs of a pg pool (tests wrap one to count statements). Every quiz
 * statement is a named one ({ name, text, values }): a class starts, saves and submits
 * at the same minute, and a named statement is parsed and planned once per pooled
 * connection instead of on every call.
 */
export interface Sql {
  query<R extends pg.QueryResultRow>(statement: NamedStatement): Promise<pg.QueryResult<R>>;
}

/** A named prepared statement: one `name` is always sent with the same `text`. */
export interface NamedStatement {
  name: string;
  text: string;
  values: unknown[];
}

const utc = (column: string) => `"${column}" AT TIME ZONE 'UTC' AS "${column}"`;

/** The select list of a QuizAttempt row (also used in RETURNING). */
export const ATTEMPT_COLUMNS = [
  `"id"`,
  `"userId"`,
  `"courseId"`,
  `"sessionId"`,
  `"quizId"`,
  `"number"`,
  `"seed"`,
  `"quizVersion"`,
  `"status"::text AS "status"`,
  utc("startedAt"),
  utc("deadlineAt"),
  utc("submittedAt"),
  `"score"`,
  `"maxScore"`,
  `"percent"`,
  `"passed"`,
  `"timeTakenMs"`,
  `"answersRevision"`,
].join(", ");

const ANSWER_COLUMNS = [
  `"attemptId"`,
  `"questionId"`,
  `"response"`,
  utc("firstAnsweredAt"),
  utc("answeredAt"),
  `"correct"`,
  `"points"`,
  `"maxPoints"`,
  `"expected"`,
].join(", ");

/** A timestamp parameter: `${param(n)}` in SQL, `iso(date)` as the value. */
export const tsParam = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`;
export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const FIND_ATTEMPT = `SELECT ${ATTEMPT_COLUMNS} FROM "QuizAttempt" WHERE "id" = $1`;

export async function findAttempt(sql: Sql, attemptId: string): Promise<QuizAttempt | undefined> {
  const { rows } = await sql.query<QuizAttempt>({
    name: "kubelab_quiz_find_attempt",
    text: FIND_ATTEMPT,
    values: [attemptId],
  });
  return rows[0];
}

const LIST_ATTEMPTS = `SELECT ${ATTEMPT_COLUMNS} FROM "QuizAttempt"
  WHERE "userId" = $1 AND "courseId" = $2 AND "sessionId" = $3 ORDER BY "number"`;

/** A learner's attempts at one session's quiz, oldest first. */
export async function listAttempts(
  sql: Sql,
  userId: string,
  courseId: string,
  sessionId: string,
): Promise<QuizAttempt[]> {
  const { rows } = await sql.query<QuizAttempt>({
    name: "kubelab_quiz_list_attempts",
    text: LIST_ATTEMPTS,
    values: [userId, courseId, sessionId],
  });
  return rows;
}

const LIST_ANSWERS = `SELECT ${ANSWER_COLUMNS} FROM "QuizAnswer" WHERE "attemptId" = $1`;

export async function listAnswers(sql: Sql, attemptId: string): Promise<QuizAnswer[]> {
  const { rows } = await sql.query<QuizAnswer>({
    name: "kubelab_quiz_list_answers",
    text: LIST_ANSWERS,
    values: [attemptId],
  });
  return rows;
}

export interface GradingInput {
  status: QuizAttempt["status"];
  answersRevision: number;
  answers: Pick<QuizAnswer, "questionId" | "response">[];
}

const READ_FOR_GRADING = `SELECT a."status"::text AS "status", a."answersRevision", q."questionId", q."response"
  FROM "QuizAttempt" a LEFT JOIN "QuizAnswer" q ON q."attemptId" = a."id"
  WHERE a."id" = $1`;

/**
 * The attempt's status, answers revision and saved answers from one snapshot:
 * what a submission grades, and the revision it must still find when it closes.
 */
export async function readForGrading(
  sql: Sql,
  attemptId: string,
): Promise<GradingInput | undefined> {
  const { rows } = await sql.query<{
    status: QuizAttempt["status"];
    answersRevision: number;
    questionId: string | null;
    response: QuizAnswer["response"] | null;
  }>({ name: "kubelab_quiz_read_for_grading", text: READ_FOR_GRADING, values: [attemptId] });
  const first = rows[0];
  if (!first) return undefined;
  return {
    status: first.status,
    answersRevision: first.answersRevision,
    answers: rows.flatMap((r) =>
      r.questionId === null ? [] : [{ questionId: r.questionId, response: r.response! }],
    ),
  };
}

/** An attempt with what a submission grades (findAttemptForGrading's answer). */
export interface AttemptForGrading {
  attempt: QuizAttempt;
  grading: GradingInput;
}

/** A row of an attempt joined with its saved answers: one per answer, NULLs when it has none. */
export interface JoinedAnswer {
  answerQuestionId: string | null;
  answerResponse: QuizAnswer["response"];
}

/** The attempt with what a submission grades, from its rows joined with its saved answers. */
export function attemptWithGrading(
  attempt: QuizAttempt,
  rows: readonly JoinedAnswer[],
): AttemptForGrading {
  return {
    attempt,
    grading: {
      status: attempt.status,
      answersRevision: attempt.answersRevision,
      answers: rows.flatMap((r) =>
        r.answerQuestionId === null
          ? []
          : [{ questionId: r.answerQuestionId, response: r.answerResponse }],
      ),
    },
  };
}

const ATTEMPT_FOR_GRADING = `SELECT a.*, q."questionId" AS "answerQuestionId", q."response" AS "answerResponse"
  FROM (SELECT ${ATTEMPT_COLUMNS} FROM "QuizAttempt" WHERE "id" = $1) a
  LEFT JOIN "QuizAnswer" q ON q."attemptId" = a."id"`;

/**
 * The attempt and what a submission grades (readForGrading's fields) in one
 * statement: a submit reads both before the live cluster, and the close's
 * answers-revision guard still catches a save that lands in between.
 */
export async function findAttemptForGrading(
  sql: Sql,
  attemptId: string,
): Promise<AttemptForGrading | undefined> {
  const { rows } = await sql.query<QuizAttempt & JoinedAnswer>({
    name: "kubelab_quiz_attempt_for_grading",
    text: ATTEMPT_FOR_GRADING,
    values: [attemptId],
  });
  const first = rows[0];
  if (!first) return undefined;
  const { answerQuestionId: _q, answerResponse: _r, ...attempt } = first;
  return attemptWithGrading(attempt, rows);
}
