// The JSON the quiz page and API hand to the browser. Before submission it holds
// only what lib/quiz/client-view.ts presents (no answers); after, the result, and
// answers with explanations when the reveal policy allows.

import type { QuizAttempt } from "@/lib/generated/prisma/client";
import { attemptsLeft, countingAttempt, mayReveal } from "../attempt-policy";
import {
  encodeResponse,
  presentQuiz,
  revealedAnswer,
  type PresentedQuestion,
  type QuestionResult,
} from "../client-view";
import { PARTIAL_CREDIT_RULES } from "../grading/grade-question";
import type { LoadedQuiz } from "../quiz-catalog";
import type { ClientResponse } from "../responses";
import type { QuizDeps } from "./deps";
import {
  expireIfDue,
  openAttempt,
  requireQuiz,
  submitAttemptRows,
  type AnswerInput,
  type GradedAnswerRow,
  type SessionRef,
} from "./attempt-service";
import { storedResponse } from "./grade-attempt";
import { listAnswers, listAttempts, type AttemptForGrading } from "./attempt-rows";

export interface AttemptSummary {
  id: string;
  number: number;
  status: QuizAttempt["status"];
  startedAt: string;
  submittedAt: string | null;
  score: number | null;
  maxScore: number | null;
  percent: number | null;
  passed: boolean | null;
  timeTakenMs: number | null;
}

export interface AttemptView extends AttemptSummary {
  deadlineAt: string | null;
  /** The server's clock when this view was made (the page's countdown corrects with it). */
  serverNow: string;
  questions: PresentedQuestion[];
  /** The learner's answers by question key. */
  answers: Record<string, ClientResponse>;
  /** Per-question results, in the question order; after submission only. */
  results: QuestionResult[] | null;
  revealed: boolean;
}

export interface QuizOverview {
  courseId: string;
  sessionId: string;
  title: string;
  description: string | null;
  settings: {
    attempts: number;
    timeLimitMinutes: number | null;
    passPercent: number;
    counts: "highest" | "last";
    revealWhen: string;
  };
  questionCount: number;
  maxScore: number;
  partialCredit: string[];
  attempts: AttemptSummary[];
  counting: AttemptSummary | null;
  attemptsLeft: number | null;
  current: AttemptView | null;
}

export function summarize(a: QuizAttempt): AttemptSummary {
  return {
    id: a.id,
    number: a.number,
    status: a.status,
    startedAt: a.startedAt.toISOString(),
    submittedAt: a.submittedAt?.toISOString() ?? null,
    score: a.score,
    maxScore: a.maxScore,
    percent: a.percent,
    passed: a.passed,
    timeTakenMs: a.timeTakenMs,
  };
}

export function attemptView(
  loaded: LoadedQuiz,
  attempt: QuizAttempt,
  answers: readonly GradedAnswerRow[],
  started: number,
  now: Date,
): AttemptView {
  const presented = presentQuiz(loaded.quiz, attempt.seed);
  const graded = attempt.status !== "IN_PROGRESS";
  const revealed = graded && mayReveal(loaded.quiz.settings, started);
  const byQuestion = new Map(answers.map((a) => [a.questionId, a]));
  const mine: Record<string, ClientResponse> = {};
  for (const { question, view } of presented) {
    const r = storedResponse(byQuestion.get(question.id));
    if (r) mine[view.key] = encodeResponse(question, attempt.seed, r);
  }
  const results = graded
    ? presented.map(({ question, view }): QuestionResult => {
        const row = byQuestion.get(question.id);
        const expected = row?.expected as string | null | undefined;
        const result: QuestionResult = {
          key: view.key,
          correct: row?.correct ?? false,
          points: row?.points ?? 0,
          maxPoints: row?.maxPoints ?? question.points,
          answered: !!storedResponse(row),
        };
        if (question.type === "cluster" && revealed) result.expected = expected ?? null;
        if (revealed) {
          result.reveal = revealedAnswer(question, {
            correct: result.correct,
            points: result.points,
            maxPoints: result.maxPoints,
            expected: expected ?? null,
          });
        }
        return result;
      })
    : null;
  return {
    ...summarize(attempt),
    deadlineAt: attempt.deadlineAt?.toISOString() ?? null,
    serverNow: now.toISOString(),
    questions: presented.map((p) => p.view),
    answers: mine,
    results,
    revealed,
  };
}

/**
 * What a caller already read, so the overview does not read it again: the learner's
 * attempts (as just read, an open one not past its deadline) and, optionally, the
 * shown attempt's answers.
 */
export interface KnownRows {
  attempts: QuizAttempt[];
  answers?: GradedAnswerRow[];
}

/** Everything the quiz page shows a learner, closing an attempt whose time ran out. */
export async function quizOverview(
  deps: QuizDeps,
  userId: string,
  ref: SessionRef,
  show?: { attemptId?: string },
  known?: KnownRows,
): Promise<QuizOverview> {
  const loaded = requireQuiz(ref);
  const list = () => listAttempts(deps.sql, userId, ref.courseId, ref.sessionId);
  let attempts = known?.attempts;
  if (!attempts) {
    attempts = await list();
    const open = attempts.find((a) => a.status === "IN_PROGRESS");
    if (open && (await expireIfDue(deps, open, loaded))) attempts = await list();
  }
  const current =
    attempts.find((a) => a.id === show?.attemptId) ??
    attempts.find((a) => a.status === "IN_PROGRESS") ??
    attempts.at(-1) ??
    null;
  const answers = !current ? [] : (known?.answers ?? (await listAnswers(deps.sql, current.id)));
  const { quiz } = loaded;
  const counting = countingAttempt(quiz.settings, attempts);
  return {
    courseId: ref.courseId,
    sessionId: ref.sessionId,
    title: quiz.title,
    description: quiz.description ?? null,
    settings: {
      attempts: quiz.settings.attempts,
      timeLimitMinutes: quiz.settings.timeLimitMinutes ?? null,
      passPercent: quiz.settings.passPercent,
      counts: quiz.settings.counts,
      revealWhen: quiz.settings.reveal,
    },
    questionCount: quiz.questions.length,
    maxScore: quiz.questions.reduce((s, q) => s + q.points, 0),
    partialCredit: [PARTIAL_CREDIT_RULES.multiple, PARTIAL_CREDIT_RULES.ordering],
    attempts: attempts.map(summarize),
    counting: counting ? summarize(counting) : null,
    attemptsLeft: attemptsLeft(quiz.settings, attempts.length),
    current: current ? attemptView(loaded, current, answers, attempts.length, deps.now()) : null,
  };
}

/**
 * GET /api/quiz/attempts: quizOverview from the learner's attempts as the caller already
 * read them (with the user's row), closing an open one whose time ran out as quizOverview
 * does (and then listing again).
 */
export async function quizOverviewListed(
  deps: QuizDeps,
  userId: string,
  ref: SessionRef,
  listed: QuizAttempt[],
): Promise<QuizOverview> {
  const loaded = requireQuiz(ref);
  const open = listed.find((a) => a.status === "IN_PROGRESS");
  const expired = open !== undefined && (await expireIfDue(deps, open, loaded));
  return quizOverview(deps, userId, ref, undefined, expired ? undefined : { attempts: listed });
}

/**
 * POST /api/quiz/attempts: starts (or resumes) the attempt and shows it, reading the
 * attempts once - a new attempt has no answers, so it is two statements (the list
 * and the insert) where start-then-overview took four.
 */
export async function startAttemptOverview(
  deps: QuizDeps,
  userId: string,
  ref: SessionRef,
  listed?: QuizAttempt[],
): Promise<QuizOverview> {
  const { attempt, attempts, fresh } = await openAttempt(deps, userId, ref, listed);
  return quizOverview(
    deps,
    userId,
    ref,
    { attemptId: attempt.id },
    { attempts, ...(fresh ? { answers: [] } : {}) },
  );
}

/**
 * POST /api/quiz/attempts/:id/submit: grades and closes the attempt and shows the result.
 * A close that this call made hands over what its statement stored and read (the answers
 * and the learner's attempts), so the overview reads nothing after it (two statements
 * where the close then the overview's list and answers took four); a repeated submission
 * or one another request closed first reads the overview as before.
 */
export async function submitAttemptOverview(
  deps: QuizDeps,
  userId: string,
  attemptId: string,
  inputs: readonly AnswerInput[] = [],
  read?: Promise<AttemptForGrading | undefined>,
): Promise<QuizOverview> {
  const { attempt, closed } = await submitAttemptRows(deps, userId, attemptId, inputs, read);
  return quizOverview(
    deps,
    userId,
    attempt,
    { attemptId: attempt.id },
    closed ? { attempts: closed.attempts, answers: closed.answers } : undefined,
  );
}
