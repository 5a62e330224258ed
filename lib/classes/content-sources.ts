// What the classes feature reads from the other features' content: the labs of
// a course (lib/labs) and how each session's quiz counts attempts (lib/quiz).
// Kept in one file so the matrix, insight and export agree.

import { allLabs } from "@/lib/labs/catalog";
import { getQuiz } from "@/lib/quiz/quiz-catalog";
import type { LabOutline } from "./matrix/columns";
import type { QuizCounting } from "./matrix/activity-query";

export function labOutlines(courseId: string): LabOutline[] {
  return allLabs()
    .filter((l) => l.courseId === courseId)
    .map((l) => ({
      id: l.id,
      title: l.sample.title,
      tasks: l.sample.tasks.map((t) => ({ id: t.id, title: t.title })),
    }));
}

export function quizCounting(courseId: string): QuizCounting {
  return (sessionId) => getQuiz(courseId, sessionId)?.quiz.settings.counts ?? "highest";
}

/** Question ids of a session's quiz in quiz order, or null when the quiz is not known. */
export function quizQuestionIds(courseId: string, sessionId: string): string[] | null {
  return getQuiz(courseId, sessionId)?.quiz.questions.map((q) => q.id) ?? null;
}

/** A quiz question for the insight page: its prompt and the text of its options/items. */
export function quizQuestion(
  courseId: string,
  sessionId: string,
  questionId: string,
): { prompt: string; type: string; labels: Record<string, string> } | null {
  const q = getQuiz(courseId, sessionId)?.quiz.questions.find((x) => x.id === questionId);
  if (!q) return null;
  const labels: Record<string, string> = {};
  if ("options" in q) for (const o of q.options) labels[o.id] = o.text;
  if ("items" in q) for (const i of q.items) labels[i.id] = i.text;
  return { prompt: q.prompt, type: q.type, labels };
}

/** Whether `labId` is a lab of the course. */
export function hasLab(courseId: string, labId: string): boolean {
  return labOutlines(courseId).some((l) => l.id === labId);
}

/** Replaces the learner's sandbox of the lab with the lab's start state → the new sandbox id. */
export async function resetLabSandbox(userId: string, labId: string): Promise<string> {
  // Loaded on use: the lab server module configures the sandbox engine when imported.
  const labs = await import("@/lib/labs/server/lab-sandbox");
  return labs.resetLabSandbox(userId, labId);
}
