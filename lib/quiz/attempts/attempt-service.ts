// Quiz attempts in PostgreSQL: start (within the attempt limit), save answers as
// the learner goes, submit once (idempotent by attempt id), close at the time
// limit. Every write is one statement (attempt-writes.ts) on the sandboxes' pg
// pool — no interactive transaction, so a busy event loop cannot make one time
// out before it starts. A save racing a submit, or two submits, still cannot both
// win: the statements re-check the attempt's status and answers revision.

import { randomBytes } from "node:crypto";
import type { Prisma, QuizAnswer, QuizAttempt } from "@/lib/generated/prisma/client";
import { attemptsLeft, pastDeadline, SUBMIT_GRACE_MS } from "../attempt-policy";
import { decodeResponse, findByKey, presentQuiz } from "../client-view";
import { getQuiz, type LoadedQuiz } from "../quiz-catalog";
import { QuizError } from "../quiz-error";
import type { ClientResponse, StoredResponse } from "../responses";
import type { QuizDeps } from "./deps";
import { clusterTruths, gradeAttempt, probesOf } from "./grade-attempt";
import {
  findAttempt,
  findAttemptForGrading,
  listAttempts,
  readForGrading,
  type AttemptForGrading,
  type GradingInput,
} from "./attempt-rows";
import {
  closeAttemptListing,
  insertAttempt,
  writeAnswers,
  type AnswerWrite,
} from "./attempt-writes";

export interface SessionRef {
  courseId: string;
  sessionId: string;
}

export function requireQuiz(ref: SessionRef): LoadedQuiz {
  const loaded = getQuiz(ref.courseId, ref.sessionId);
  if (!loaded) throw new QuizError("quizNotFound");
  return loaded;
}

/**
 * The attempt if it belongs to the user; someone else's looks exactly like a missing one.
 * `read`: the attempt as the caller already read it (the route, with the user's row).
 */
export async function ownAttempt(
  deps: QuizDeps,
  userId: string,
  attemptId: string,
  read: Promise<QuizAttempt | undefined> = findAttempt(deps.sql, attemptId),
) {
  const attempt = await read;
  if (!attempt || attempt.userId !== userId) throw new QuizError("attemptNotFound");
  return { attempt, loaded: requireQuiz(attempt) };
}

function timeLimitError(loaded: LoadedQuiz): QuizError {
  return new QuizError("timeLimitPassed", { minutes: loaded.quiz.settings.timeLimitMinutes ?? 0 });
}

/** The latest moment an attempt's deadline may lie before `now` for a write to count. */
const cutoffOf = (now: Date) => new Date(now.getTime() - SUBMIT_GRACE_MS);

// A close loses to each save that lands between its read and its write; a learner
// saves a few times a minute, so a handful of rounds always suffices in practice.
const CLOSE_ROUNDS = 8;

/** An answer row as the quiz's views read it (attemptView): what a close stores per question. */
export type GradedAnswerRow = Pick<
  QuizAnswer,
  "questionId" | "response" | "correct" | "points" | "maxPoints" | "expected"
>;

/** What a close that succeeded knows: the closed attempt, the learner's attempts, its answers. */
export interface ClosedRows {
  attempt: QuizAttempt;
  /** The learner's attempts at the quiz, oldest first (the close's statement read them). */
  attempts: QuizAttempt[];
  /** The answer rows as the close stored them, one per question. */
  answers: GradedAnswerRow[];
}

/**
 * Grades the attempt from its saved answers (plus `submitted`, stored with the
 * grade) and closes it, unless another request closed it first. Returns the
 * closed attempt (with the rows it stored) when this call closed it. `read`: the saved answers as the
 * caller already read them (the first round grades those; a save since makes the
 * close write nothing, and the next round reads again).
 */
async function close(
  deps: QuizDeps,
  attempt: QuizAttempt,
  loaded: LoadedQuiz,
  status: "SUBMITTED" | "EXPIRED",
  submitted: readonly AnswerWrite[] = [],
  read?: GradingInput,
): Promise<ClosedRows | undefined> {
  // The live cluster is read first (it is its own sandbox write).
  const state = probesOf(loaded.quiz).length > 0 ? await deps.clusterState(attempt.userId) : null;
  const truths = clusterTruths(loaded.quiz, state);
  const now = deps.now();
  const end = status === "EXPIRED" && attempt.deadlineAt ? attempt.deadlineAt : now;
  const given = new Map(submitted.map((s) => [s.questionId, s.response]));
  let known = read;
  for (let round = 0; round < CLOSE_ROUNDS; round++) {
    const read = known ?? (await readForGrading(deps.sql, attempt.id));
    known = undefined;
    if (!read || read.status !== "IN_PROGRESS") return undefined;
    const answers = new Map<string, Prisma.JsonValue>(
      read.answers.map((a) => [a.questionId, a.response]),
    );
    for (const [questionId, response] of given) answers.set(questionId, response);
    const graded = gradeAttempt(
      loaded.quiz,
      [...answers].map(([questionId, response]) => ({ questionId, response })),
      truths,
    );
    const closed = await closeAttemptListing(deps.sql, {
      attemptId: attempt.id,
      revision: read.answersRevision,
      status,
      now,
      cutoff: cutoffOf(now),
      score: graded.score,
      maxScore: graded.maxScore,
      percent: graded.percent,
      passed: graded.passed,
      timeTakenMs: Math.max(0, end.getTime() - attempt.startedAt.getTime()),
      grades: [...graded.perQuestion].map(([questionId, g]) => ({
        questionId,
        response: given.get(questionId),
        correct: g.correct,
        points: g.points,
        maxPoints: g.maxPoints,
        expected: g.expected,
      })),
    });
    if (closed) {
      // The rows the statement stored: the response sent now, else the one saved (a
      // question never answered gets {}), and the grade; `expected` is SQL NULL (read as
      // null) for a question that is not a cluster question.
      const stored = [...graded.perQuestion].map(([questionId, g]): GradedAnswerRow => ({
        questionId,
        response: given.get(questionId) ?? answers.get(questionId) ?? {},
        correct: g.correct,
        points: g.points,
        maxPoints: g.maxPoints,
        expected: g.expected ?? null,
      }));
      return { attempt: closed.closed, attempts: closed.attempts, answers: stored };
    }
  }
  throw new QuizError("attemptBusy");
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
  await close(deps, attempt, loaded, "EXPIRED");
  return true;
}

/** What startAttempt found: the attempt, the learner's attempts with it, whether it is new. */
export interface OpenedAttempt {
  attempt: QuizAttempt;
  /** The learner's attempts at this quiz, oldest first, `attempt` included. */
  attempts: QuizAttempt[];
  /** Inserted by this call: no answers yet. */
  fresh: boolean;
}

/** A cuid-shaped id (lower-case letters and digits), like the ones Prisma made before. */
function newAttemptId(): string {
  const n = BigInt(`0x${randomBytes(16).toString("hex")}`);
  return `c${n.toString(36).padStart(25, "0").slice(0, 24)}`;
}

/** Starts an attempt, or returns the one in progress. */
export async function startAttempt(
  deps: QuizDeps,
  userId: string,
  ref: SessionRef,
): Promise<QuizAttempt> {
  return (await openAttempt(deps, userId, ref)).attempt;
}

/**
 * startAttempt with the attempts list it read (the start route's overview needs no other read).
 * `listed`: the learner's attempts at the quiz as the caller already read them (the first
 * round uses them; a round after a lost race reads again).
 */
export async function openAttempt(
  deps: QuizDeps,
  userId: string,
  ref: SessionRef,
  listed?: QuizAttempt[],
): Promise<OpenedAttempt> {
  const loaded = requireQuiz(ref);
  const { settings } = loaded.quiz;
  let known = listed;
  for (let tries = 0; tries < 3; tries++) {
    const attempts = known ?? (await listAttempts(deps.sql, userId, ref.courseId, ref.sessionId));
    known = undefined;
    const open = attempts.find((a) => a.status === "IN_PROGRESS");
    if (open && !(await expireIfDue(deps, open, loaded))) {
      return { attempt: open, attempts, fresh: false };
    }
    if (attemptsLeft(settings, attempts.length) === 0) {
      throw new QuizError("attemptLimitReached", { limit: settings.attempts });
    }
    const now = deps.now();
    const minutes = settings.timeLimitMinutes;
    const created = await insertAttempt(deps.sql, {
      id: newAttemptId(),
      userId,
      courseId: ref.courseId,
      sessionId: ref.sessionId,
      quizId: loaded.quiz.id,
      seed: randomBytes(12).toString("base64url"),
      quizVersion: loaded.version,
      startedAt: now,
      deadlineAt: minutes ? new Date(now.getTime() + minutes * 60_000) : null,
      limit: settings.attempts,
    });
    if (created) return { attempt: created, attempts: [...attempts, created], fresh: true };
    // Another tab started one at the same moment: the next round returns theirs.
  }
  throw new QuizError("attemptNotFound");
}

export interface AnswerInput {
  questionKey: string;
  response: ClientResponse;
}

/** The browser's answers as stored ones; throws before anything is written if one is malformed. */
function decodeAnswers(
  attempt: QuizAttempt,
  loaded: LoadedQuiz,
  inputs: readonly AnswerInput[],
): AnswerWrite[] {
  const presented = presentQuiz(loaded.quiz, attempt.seed);
  // One write per question (the last one sent wins, as when they were saved in turn).
  const byQuestion = new Map<string, StoredResponse>();
  for (const i of inputs) {
    const { question } = findByKey(presented, i.questionKey);
    byQuestion.delete(question.id);
    byQuestion.set(question.id, decodeResponse(question, attempt.seed, i.response));
  }
  return [...byQuestion].map(([questionId, response]) => ({ questionId, response }));
}

/**
 * Saves answers of an attempt in progress (the page saves each change). `read`: the
 * attempt as the caller already read it (ownAttempt).
 */
export async function saveAnswers(
  deps: QuizDeps,
  userId: string,
  attemptId: string,
  inputs: readonly AnswerInput[],
  read?: Promise<QuizAttempt | undefined>,
): Promise<void> {
  const { attempt, loaded } = await ownAttempt(deps, userId, attemptId, read);
  if (await expireIfDue(deps, attempt, loaded)) throw timeLimitError(loaded);
  const answers = decodeAnswers(attempt, loaded, inputs);
  if (answers.length === 0) return;
  const now = deps.now();
  const target = { attemptId, userId, now, cutoff: cutoffOf(now) };
  if (await writeAnswers(deps.sql, target, answers)) return;
  // Refused: closed since we read it (a submit, or the deadline passed meanwhile).
  const current = await findAttempt(deps.sql, attemptId);
  if (current?.status === "EXPIRED" || pastDeadline(attempt.deadlineAt, now)) {
    throw timeLimitError(loaded);
  }
  throw new QuizError("attemptClosed");
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
  return (await submitAttemptRows(deps, userId, attemptId, inputs)).attempt;
}

/**
 * submitAttempt, with the rows its close stored and read when this call closed the
 * attempt (`closed`): the overview it answers with then reads nothing again. `read`: the
 * attempt and its saved answers as the caller already read them (findAttemptForGrading).
 */
export async function submitAttemptRows(
  deps: QuizDeps,
  userId: string,
  attemptId: string,
  inputs: readonly AnswerInput[] = [],
  read: Promise<AttemptForGrading | undefined> = findAttemptForGrading(deps.sql, attemptId),
): Promise<{ attempt: QuizAttempt; closed?: ClosedRows }> {
  // The attempt and its saved answers in one read; the close grades those first.
  const found = await read;
  if (!found || found.attempt.userId !== userId) throw new QuizError("attemptNotFound");
  const { attempt, grading } = found;
  const loaded = requireQuiz(attempt);
  if (attempt.status === "EXPIRED") throw timeLimitError(loaded);
  if (attempt.status === "SUBMITTED") return { attempt };
  if (await expireIfDue(deps, attempt, loaded)) throw timeLimitError(loaded);
  // The answers sent with the submission are stored by the closing statement itself.
  const submitted = decodeAnswers(attempt, loaded, inputs);
  const mine = await close(deps, attempt, loaded, "SUBMITTED", submitted, grading);
  if (mine) return { attempt: mine.attempt, closed: mine };
  // Closed by another request meanwhile (a second submit, or the deadline's close).
  const closed = await findAttempt(deps.sql, attemptId);
  if (!closed) throw new QuizError("attemptNotFound");
  if (closed.status === "EXPIRED") throw timeLimitError(loaded);
  return { attempt: closed };
}
