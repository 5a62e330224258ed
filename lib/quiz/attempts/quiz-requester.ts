// The quiz routes' front door: the session's user row - re-read on every request, as
// requireRequestUser reads it, so a deleted user or a signed-out session gets 401 at once -
// and the quiz rows the route reads next, in ONE named query (issue #11: a class starts,
// saves and submits at the same minute; the user's own query was a round trip of its own).
// The checks keep requireRequestUser's order: 401 without a live session or user, 403
// below LEARNER; the route then checks the body (403 cross-site, 400), then the rows
// (404 for an attempt that is not the user's, exactly as for a missing one).

import type { QuizAttempt } from "@/lib/generated/prisma/client";
import { AuthError } from "@/lib/auth/auth-error";
import { sessionSubject } from "@/lib/auth/request-user";
import { hasRole, type Role } from "@/lib/auth/roles";
import { sessionNotRevokedSql } from "@/lib/auth/session-revocation-sql";
import { pool } from "@/lib/db/sandboxes/pool";
import {
  ATTEMPT_COLUMNS,
  attemptWithGrading,
  type AttemptForGrading,
  type JoinedAnswer,
} from "./attempt-rows";

// Every statement: $1 the session's user, $2 its session id. No row: the user is gone or
// the session signed out (401), as getRequestUser's query decides. The user's role is
// "requesterRole"; the attempt's columns follow (all NULL when there is no such attempt).
const USER = `FROM "User" u`;
const LIVE = `WHERE u."id" = $1 AND ${sessionNotRevokedSql("$2")}`;

// $3 the attempt: it only if it is the user's.
const ATTEMPT = `SELECT u."role" AS "requesterRole", a.* ${USER}
  LEFT JOIN LATERAL (SELECT ${ATTEMPT_COLUMNS} FROM "QuizAttempt"
                      WHERE "id" = $3 AND "userId" = u."id") a ON true
  ${LIVE}`;

// $3 the attempt, with its saved answers (one row each; one row with NULLs without any),
// and the learner's free sandbox (the one cluster questions are graded against).
const ATTEMPT_FOR_GRADING = `SELECT u."role" AS "requesterRole",
    (SELECT s."id" FROM "Sandbox" s WHERE s."ownerId" = u."id" AND s."labId" IS NULL
      ORDER BY s."createdAt" DESC LIMIT 1) AS "freeSandboxId",
    a.*, q."questionId" AS "answerQuestionId", q."response" AS "answerResponse" ${USER}
  LEFT JOIN LATERAL (SELECT ${ATTEMPT_COLUMNS} FROM "QuizAttempt"
                      WHERE "id" = $3 AND "userId" = u."id") a ON true
  LEFT JOIN "QuizAnswer" q ON q."attemptId" = a."id"
  ${LIVE}`;

// $3/$4 the course and session (NULL: none, when the request named none validly): the
// learner's attempts at its quiz, oldest first.
const ATTEMPTS = `SELECT u."role" AS "requesterRole", a.* ${USER}
  LEFT JOIN LATERAL (SELECT ${ATTEMPT_COLUMNS} FROM "QuizAttempt"
                      WHERE "userId" = u."id" AND "courseId" = $3 AND "sessionId" = $4) a ON true
  ${LIVE}
  ORDER BY a."number"`;

type Row = { requesterRole: Role } & { [K in keyof QuizAttempt]: QuizAttempt[K] | null };

/** The session's live user (401/403 as requireRequestUser), and the query's rows. */
async function requester<R extends Row>(
  request: Pick<Request, "headers">,
  name: string,
  text: string,
  values: unknown[],
): Promise<{ userId: string; rows: R[] }> {
  const session = await sessionSubject(request);
  if (!session) throw new AuthError("unauthenticated");
  const { rows } = await pool().query<R>({
    name,
    text,
    values: [session.sub, session.sid, ...values],
  });
  const first = rows[0];
  if (!first) throw new AuthError("unauthenticated");
  if (!hasRole(first.requesterRole, "LEARNER")) throw new AuthError("forbidden");
  return { userId: session.sub, rows };
}

/** A row's attempt, or undefined when the join found none. */
function attemptOf(row: Row): QuizAttempt | undefined {
  if (row.id === null) return undefined;
  const { requesterRole: _role, ...attempt } = row;
  return attempt as QuizAttempt;
}

/** The signed-in learner and their attempt `attemptId` (undefined: none of theirs). */
export async function attemptRequester(
  request: Request,
  attemptId: string,
): Promise<{ userId: string; attempt: QuizAttempt | undefined }> {
  const { userId, rows } = await requester(request, "kubelab_quiz_attempt", ATTEMPT, [attemptId]);
  return { userId, attempt: attemptOf(rows[0]!) };
}

/**
 * The signed-in learner, their attempt `attemptId` with what a submission grades
 * (findAttemptForGrading's answer; undefined: none of theirs), and their free sandbox.
 */
export async function gradingRequester(
  request: Request,
  attemptId: string,
): Promise<{ userId: string; found: AttemptForGrading | undefined; freeSandboxId: string | null }> {
  type GradingRow = Row & JoinedAnswer & { freeSandboxId: string | null };
  const { userId, rows } = await requester<GradingRow>(
    request,
    "kubelab_quiz_grading",
    ATTEMPT_FOR_GRADING,
    [attemptId],
  );
  const first = rows[0]!;
  const { freeSandboxId, answerQuestionId: _q, answerResponse: _r, ...row } = first;
  const attempt = attemptOf(row);
  if (!attempt) return { userId, found: undefined, freeSandboxId };
  return { userId, freeSandboxId, found: attemptWithGrading(attempt, rows) };
}

/**
 * The signed-in learner and their attempts at the quiz of `ref`, oldest first (none when
 * `ref` is null: the route still answers the session's checks before the request's).
 * The quiz page's server render reads the same (its request's headers).
 */
export async function attemptsRequester(
  request: Pick<Request, "headers">,
  ref: { courseId: string; sessionId: string } | null,
): Promise<{ userId: string; attempts: QuizAttempt[] }> {
  const { userId, rows } = await requester(request, "kubelab_quiz_attempts", ATTEMPTS, [
    ref?.courseId ?? null,
    ref?.sessionId ?? null,
  ]);
  return { userId, attempts: rows.flatMap((r) => attemptOf(r) ?? []) };
}
