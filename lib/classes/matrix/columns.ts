// The matrix's columns, in course order: every lesson section, every task of
// every lab, every quiz. Keys are stable strings (also the CSV column names), so
// an export opened next week lines up with today's.

import type { CourseContent } from "@/lib/content/load-content";

export interface LabOutline {
  id: string;
  title: string;
  tasks: { id: string; title: string }[];
}

export type MatrixColumn =
  | { key: string; kind: "section"; group: string; label: string; ref: string }
  | { key: string; kind: "task"; group: string; label: string; ref: string; labId: string }
  | { key: string; kind: "quiz"; group: string; label: string; ref: string };

/**
 * `ref` is what the aggregate query returns for a done cell: "session/section",
 * "lab/task", or the session id of a quiz (one quiz per session).
 */
export function matrixColumns(course: CourseContent, labs: readonly LabOutline[]): MatrixColumn[] {
  const columns: MatrixColumn[] = [];
  for (const session of course.sessions) {
    for (const section of session.meta.sections) {
      const ref = `${session.id}/${section.id}`;
      columns.push({
        key: `section:${ref}`,
        kind: "section",
        group: session.meta.title,
        label: section.heading,
        ref,
      });
    }
  }
  for (const lab of labs) {
    for (const task of lab.tasks) {
      const ref = `${lab.id}/${task.id}`;
      columns.push({
        key: `lab:${ref}`,
        kind: "task",
        group: lab.title,
        label: task.title,
        ref,
        labId: lab.id,
      });
    }
  }
  for (const session of course.sessions) {
    if (!session.quizFile) continue;
    columns.push({
      key: `quiz:${session.id}`,
      kind: "quiz",
      group: "퀴즈",
      label: `${session.meta.title} 퀴즈`,
      ref: session.id,
    });
  }
  return columns;
}
