// What the classes feature reads from the other features' content: the labs of
// a course (lib/labs) and how each session's quiz counts attempts (lib/quiz).
// Kept in one file so the matrix, insight and export agree.

import { ClassError } from "./class-error";
import type { LabOutline } from "./matrix/columns";
import type { QuizCounting } from "./matrix/activity-query";

export function labOutlines(courseId: string): LabOutline[] {
  void courseId;
  return [];
}

export function quizCounting(courseId: string): QuizCounting {
  void courseId;
  return () => "highest";
}

/** Question ids of a session's quiz in quiz order, or null when the quiz is not known. */
export function quizQuestionIds(courseId: string, sessionId: string): string[] | null {
  void courseId;
  void sessionId;
  return null;
}

/** Whether `labId` is a lab of the course. */
export function hasLab(courseId: string, labId: string): boolean {
  return labOutlines(courseId).some((l) => l.id === labId);
}

/** Replaces the learner's sandbox of the lab with the lab's start state → the new sandbox id. */
export async function resetLabSandbox(userId: string, labId: string): Promise<string> {
  void userId;
  void labId;
  throw new ClassError("labNotFound");
}
