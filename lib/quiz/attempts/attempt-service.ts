// Quiz attempts in PostgreSQL: start (within the attempt limit), save answers as
// the learner goes, submit once (idempotent by attempt id), close at the time
// limit. Every state change of an attempt runs in a transaction holding the
// attempt's row lock, so a save racing a submit, or two submits, cannot both win.

import { randomBytes } from "node:crypto";
import { Prisma, type QuizAttempt } from "@/lib/generated/prisma/client";
import { attemptsLeft, pastDeadline } from "../attempt-policy";
import { decodeResponse, findByKey, presentQuiz } from "../client-view";
import { getQuiz, type LoadedQuiz } from "../quiz-catalog";
import { QuizError } from "../quiz-error";
import type { ClientResponse } from "../responses";
import type { QuizDeps } from "./deps";
import { clusterTruths, gradeAttempt, probesOf } from "./grade-attempt";

type Tx = Prisma.TransactionClient;

export interface SessionRef {
  courseId: string;
  sessionId: string;
}

export function requireQuiz(ref: SessionRef): LoadedQuiz {
  const loaded = getQuiz(ref.courseId, ref.sessionId);
  if (!loaded) throw new QuizError("quizNotFound");
  return loaded;
}

/** The attempt if it belongs to the user; someone else's looks exactly like a missing one. */
export async function ownAttempt(deps: QuizDeps, userId: string, attemptId: string) {
  const attempt = await deps.prisma.quizAttempt.findUnique({ where: { id: attemptId } });
  if (!attempt || attempt.userId !== userId) throw new QuizError("attemptNotFound");
  return { attempt, loaded: requireQuiz(attempt) };
}

async function lockStatus(tx: Tx, attemptId: string): Promise<string | undefined> {
  const rows = await tx.$queryRaw<{ status: string }[]>`
    SELECT "status"::text AS "status" FROM "QuizAttempt" WHERE "id" = ${attemptId} FOR UPDATE`;
  return rows[0]?.status;
}

function timeLimitError(loaded: LoadedQuiz): QuizError {
  return new QuizError("timeLimitPassed", { minutes: loaded.quiz.settings.timeLimitMinutes ?? 0 });
}

/**
 * Grades the attempt from its saved answers and closes it, unless another
 * request closed it first. Returns whether this call closed it.
 */
async function closeAttempt(
  deps: QuizDeps,
  attempt: QuizAttempt,
  loaded: LoadedQuiz,
  status: "SUBMITTED" | "EXPIRED",
): Promise<boolean> {
  // The live cluster is read before the transaction (it is its own sandbox write).
  const state = probesOf(loaded.quiz).length > 0 ? await deps.clusterState(attempt.userId) : null;
  const truths = clusterTruths(loaded.quiz, state);
  const now = deps.now();
  return deps.prisma.$transaction(async (tx) => {
    if ((await lockStatus(tx, attempt.id)) !== "IN_PROGRESS") return false;
    const answers = await tx.quizAnswer.findMany({ where: { attemptId: attempt.id } });
    const graded = gradeAttempt(loaded.quiz, answers, truths);
    for (const [questionId, g] of graded.perQuestion) {
      const result = {
        correct: g.correct,
        points: g.points,
        maxPoints: g.maxPoints,
        // Cluster questions record the live value (JSON null: nothing to name then).
        expected:
          g.expected === undefined
            ? Prisma.DbNull
            : g.expected === null
              ? Prisma.JsonNull
              : g.expected,
      };
      await tx.quizAnswer.upsert({
        where: { attemptId_questionId: { attemptId: attempt.id, questionId } },
        update: result,
        // A question never answered gets a row too (response {}), so every
        // question of a graded attempt has its correctness recorded.
        create: { attemptId: attempt.id, questionId, response: {}, ...result },
      });
    }
    const end = status === "EXPIRED" && attempt.deadlineAt ? attempt.deadlineAt : now;
    await tx.quizAttempt.update({
      where: { id: attempt.id },
      data: {
        status,
        submittedAt: now,
        score: graded.score,
        maxScore: graded.maxScore,
        percent: graded.percent,
        passed: graded.passed,
        timeTakenMs: Math.max(0, end.getTime() - attempt.startedAt.getTime()),
      },
    });
    return true;
  });
}

/** Closes an in-progress attempt whose time is up (answers saved in time are graded). */
export async function expireIfDue(
  deps: QuizDeps,
  attempt: QuizAttempt,
  loaded: LoadedQuiz,
): Promise<boolean> {
  if (attempt.status !== "IN_PROGRESS" || !pastDeadline(attempt.deadlineAt, deps.now())) {
    return false;
  }
  await closeAttempt(deps, attempt, loaded, "EXPIRED");
  return true;
}

/** Starts an attempt, or returns the one in progress. */
export async function startAttempt(
  deps: QuizDeps,
  userId: string,
  ref: SessionRef,
): Promise<QuizAttempt> {
  const loaded = requireQuiz(ref);
  for (let tries = 0; tries < 3; tries++) {
    const attempts = await deps.prisma.quizAttempt.findMany({
      where: { userId, courseId: ref.courseId, sessionId: ref.sessionId },
      orderBy: { number: "asc" },
    });
    const open = attempts.find((a) => a.status === "IN_PROGRESS");
    if (open && !(await expireIfDue(deps, open, loaded))) return open;
    const left = attemptsLeft(loaded.quiz.settings, attempts.length);
    if (left === 0) {
      throw new QuizError("attemptLimitReached", { limit: loaded.quiz.settings.attempts });
    }
    const now = deps.now();
    const minutes = loaded.quiz.settings.timeLimitMinutes;
    try {
      return await deps.prisma.quizAttempt.create({
        data: {
          userId,
          courseId: ref.courseId,
          sessionId: ref.sessionId,
          quizId: loaded.quiz.id,
          number: (attempts.at(-1)?.number ?? 0) + 1,
          seed: randomBytes(12).toString("base64url"),
          quizVersion: loaded.version,
          startedAt: now,
          deadlineAt: minutes ? new Date(now.getTime() + minutes * 60_000) : null,
        },
      });
    } catch (e) {
      // Another tab started the same attempt number at the same moment: use theirs.
      if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) throw e;
    }
  }
  throw new QuizError("attemptNotFound");
}

export interface AnswerInput {
  questionKey: string;
  response: ClientResponse;
}

async function writeAnswers(
  deps: QuizDeps,
  attempt: QuizAttempt,
  loaded: LoadedQuiz,
  inputs: readonly AnswerInput[],
): Promise<void> {
  const presented = presentQuiz(loaded.quiz, attempt.seed);
  // Decoded before locking: a malformed answer changes nothing.
  const decoded = inputs.map((i) => {
    const { question } = findByKey(presented, i.questionKey);
    return {
      questionId: question.id,
      response: decodeResponse(question, attempt.seed, i.response),
    };
  });
  const now = deps.now();
  await deps.prisma.$transaction(async (tx) => {
    const status = await lockStatus(tx, attempt.id);
    if (status === "EXPIRED") throw timeLimitError(loaded);
    if (status !== "IN_PROGRESS") throw new QuizError("attemptClosed");
    if (pastDeadline(attempt.deadlineAt, now)) throw timeLimitError(loaded);
    for (const { questionId, response } of decoded) {
      await tx.quizAnswer.upsert({
        where: { attemptId_questionId: { attemptId: attempt.id, questionId } },
        update: { response, answeredAt: now },
        create: {
          attemptId: attempt.id,
          questionId,
          response,
          firstAnsweredAt: now,
          answeredAt: now,
        },
      });
    }
  });
}

/** Saves answers of an attempt in progress (the page saves each change). */
export async function saveAnswers(
  deps: QuizDeps,
  userId: string,
  attemptId: string,
  inputs: readonly AnswerInput[],
): Promise<void> {
  const { attempt, loaded } = await ownAttempt(deps, userId, attemptId);
  if (await expireIfDue(deps, attempt, loaded)) throw timeLimitError(loaded);
  await writeAnswers(deps, attempt, loaded, inputs);
}

/**
 * Submits an attempt (with any answers not saved yet). Submitting again returns
 * the same result; a submission after the time limit is refused and the attempt
 * is graded from the answers saved in time.
 */
export async function submitAttempt(
  deps: QuizDeps,
  userId: string,
  attemptId: string,
  inputs: readonly AnswerInput[] = [],
): Promise<QuizAttempt> {
  const { attempt, loaded } = await ownAttempt(deps, userId, attemptId);
  if (attempt.status === "EXPIRED") throw timeLimitError(loaded);
  if (attempt.status === "SUBMITTED") return attempt;
  if (await expireIfDue(deps, attempt, loaded)) throw timeLimitError(loaded);
  if (inputs.length > 0) {
    try {
      await writeAnswers(deps, attempt, loaded, inputs);
    } catch (e) {
      // A duplicate submit that lost the race finds the attempt closed: not an error.
      if (!(e instanceof QuizError && e.code === "attemptClosed")) throw e;
    }
  }
  await closeAttempt(deps, attempt, loaded, "SUBMITTED");
  const closed = await deps.prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  if (closed.status === "EXPIRED") throw timeLimitError(loaded);
  return closed;
}
