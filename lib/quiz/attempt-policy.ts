import type { QuizSettings } from "./schema/quiz-schema";

// The quiz settings' rules about attempts, as pure functions (the service and the
// instructor views use the same ones).

/** Late by at most this much, a submission still counts: the browser's auto-submit at the deadline needs a moment to arrive. */
export const SUBMIT_GRACE_MS = 2_000;

export interface GradedAttemptSummary {
  id: string;
  number: number;
  percent: number | null;
  submittedAt: Date | null;
}

/** Attempts the learner may still start; null = unlimited. */
export function attemptsLeft(settings: QuizSettings, started: number): number | null {
  return settings.attempts === 0 ? null : Math.max(0, settings.attempts - started);
}

/** The attempt that is the learner's result: the best (earliest among equals) or the newest graded one. */
export function countingAttempt<T extends GradedAttemptSummary>(
  settings: Pick<QuizSettings, "counts">,
  attempts: readonly T[],
): T | null {
  const graded = attempts.filter((a) => a.percent !== null);
  if (graded.length === 0) return null;
  const byNumber = [...graded].sort((a, b) => a.number - b.number);
  if (settings.counts === "last") return byNumber.at(-1)!;
  return byNumber.reduce((best, a) => (a.percent! > best.percent! ? a : best));
}

export function hasPassed(settings: QuizSettings, percent: number): boolean {
  return percent >= settings.passPercent;
}

/** Whether correct answers and explanations may be shown for a graded attempt. */
export function mayReveal(settings: QuizSettings, started: number): boolean {
  switch (settings.reveal) {
    case "after-submit":
      return true;
    case "after-final-attempt":
      return attemptsLeft(settings, started) === 0;
    case "never":
      return false;
  }
}

/** Whether an attempt started at `startedAt` is past its deadline (plus the grace) at `now`. */
export function pastDeadline(deadlineAt: Date | null, now: Date): boolean {
  return deadlineAt !== null && now.getTime() > deadlineAt.getTime() + SUBMIT_GRACE_MS;
}
