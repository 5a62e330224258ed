// What a learner may see of a lab: Korean texts with their own parameters filled,
// the hints they opened, each check's description, and which tasks they passed.
// Never the reference solution nor a check's expected values.
import { requireLab, listLabs, type LabSummary } from "../catalog";
import { instantiateLab } from "../load-labs";
import { drawParams } from "../params";
import { taskPasses } from "./attempts";
import { revealedHints } from "./hints";

export interface PublicLabTask {
  id: string;
  title: string;
  instructions: string;
  /** Hints the learner has opened so far. */
  hints: string[];
  hintCount: number;
  checks: { id: string; description: string; points: number }[];
  passed: boolean;
  firstPassedAt: string | null;
}

export interface PublicLabView {
  id: string;
  courseId: string;
  sessionId: string;
  title: string;
  goal: string;
  learningGoal: number;
  estimatedMinutes: number;
  tasks: PublicLabTask[];
  maxScore: number;
  complete: boolean;
}

export async function publicLabView(
  userId: string,
  labId: string,
  /** The learner's task passes and hint reveals when the caller read them (lab-page.ts). */
  known?: { passes: Map<string, Date>; hints: Map<string, number> },
): Promise<PublicLabView> {
  const lab = requireLab(labId);
  const { def } = instantiateLab(lab, userId);
  const [passes, hints] = known
    ? [known.passes, known.hints]
    : await Promise.all([taskPasses(userId, labId), revealedHints(userId, labId)]);
  const tasks = def.tasks.map((t) => ({
    id: t.id,
    title: t.title,
    instructions: t.instructions,
    hints: t.hints.slice(0, hints.get(t.id) ?? 0),
    hintCount: t.hints.length,
    checks: t.checks.map((c) => ({ id: c.id, description: c.description, points: c.points })),
    passed: passes.has(t.id),
    firstPassedAt: passes.get(t.id)?.toISOString() ?? null,
  }));
  return {
    id: def.id,
    courseId: lab.courseId,
    sessionId: lab.sessionId,
    title: def.title,
    goal: def.goal,
    learningGoal: def.learningGoal,
    estimatedMinutes: def.estimatedMinutes,
    tasks,
    maxScore: def.tasks.reduce((n, t) => n + t.checks.reduce((m, c) => m + c.points, 0), 0),
    complete: tasks.every((t) => t.passed),
  };
}

/**
 * The values of the lab's `name` parameters drawn for this learner (`anatomy-iqme`): the
 * only part of a lab's texts that differs between learners with the same int/choice
 * values (lib/labs/instructions-markdown.ts parses the rest once).
 */
export function learnerNames(userId: string, labId: string): string[] {
  const specs = requireLab(labId).sample.params;
  const values = drawParams(userId, labId, specs);
  return Object.keys(specs)
    .filter((k) => specs[k]!.type === "name")
    .map((k) => String(values[k]));
}

export { listLabs, type LabSummary };
