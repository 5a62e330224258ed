// Every lab of every course, from the validated content (lib/content loads and
// checks lab files with the lessons, so a broken lab fails start-up and tests).
import { getCourses } from "../content/catalog";
import { LabError } from "./lab-error";
import type { LoadedLab } from "./load-labs";

export function allLabs(): LoadedLab[] {
  return getCourses().flatMap((course) =>
    course.sessions.flatMap((session) =>
      session.labs.map((ref) => ({
        id: ref.id,
        file: ref.file,
        courseId: course.meta.id,
        sessionId: session.id,
        raw: ref.raw,
        sample: ref.sample,
      })),
    ),
  );
}

export function findLab(labId: string): LoadedLab | undefined {
  return allLabs().find((l) => l.id === labId);
}

export function requireLab(labId: string): LoadedLab {
  const lab = findLab(labId);
  if (!lab) throw new LabError("unknown-lab", `실습 "${labId}"을(를) 찾을 수 없습니다.`);
  return lab;
}

/** Labs for listings: id, Korean title and goal, size; no tasks' internals. */
export interface LabSummary {
  id: string;
  courseId: string;
  sessionId: string;
  title: string;
  goal: string;
  learningGoal: number;
  estimatedMinutes: number;
  taskCount: number;
}

export function listLabs(): LabSummary[] {
  return allLabs().map((l) => ({
    id: l.id,
    courseId: l.courseId,
    sessionId: l.sessionId,
    title: l.sample.title,
    goal: l.sample.goal,
    learningGoal: l.sample.learningGoal,
    estimatedMinutes: l.sample.estimatedMinutes,
    taskCount: l.sample.tasks.length,
  }));
}
