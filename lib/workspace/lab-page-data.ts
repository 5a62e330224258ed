// What the lab pages show, read from the content (lib/content) and the labs feature
// (lib/labs): a learner's view of a lab with their own parameter values and without
// the reference solution or the checks. One adapter, so the pages do not depend on
// how labs are stored.

import { getCourses } from "@/lib/content/catalog";
import { instantiateLab, type LoadedLab } from "@/lib/labs/load-labs";

export interface LabTaskView {
  id: string;
  title: string;
  /** Korean Markdown, parameters filled in. */
  instructions: string;
  hintCount: number;
}

export interface LabView {
  id: string;
  title: string;
  goal: string;
  estimatedMinutes: number;
  courseId: string;
  sessionId: string;
  tasks: LabTaskView[];
}

export interface LabSummary {
  id: string;
  title: string;
  goal: string;
  estimatedMinutes: number;
  taskCount: number;
  sessionTitle: string;
}

function loadedLabs(): LoadedLab[] {
  return getCourses().flatMap((course) =>
    course.sessions.flatMap((session) =>
      session.labs.map((lab) => ({
        ...lab,
        courseId: course.meta.id,
        sessionId: session.id,
      })),
    ),
  );
}

export function listLabSummaries(): LabSummary[] {
  return getCourses().flatMap((course) =>
    course.sessions.flatMap((session) =>
      session.labs.map((lab) => ({
        id: lab.id,
        title: lab.sample.title,
        goal: lab.sample.goal,
        estimatedMinutes: lab.sample.estimatedMinutes,
        taskCount: lab.sample.tasks.length,
        sessionTitle: session.meta.title,
      })),
    ),
  );
}

/** The lab as this learner sees it, or null for an unknown id. */
export function labViewFor(userId: string, labId: string): LabView | null {
  const lab = loadedLabs().find((l) => l.id === labId);
  if (!lab) return null;
  const { def } = instantiateLab(lab, userId);
  return {
    id: def.id,
    title: def.title,
    goal: def.goal,
    estimatedMinutes: def.estimatedMinutes,
    courseId: lab.courseId,
    sessionId: lab.sessionId,
    tasks: def.tasks.map((t) => ({
      id: t.id,
      title: t.title,
      instructions: t.instructions,
      hintCount: t.hints.length,
    })),
  };
}
