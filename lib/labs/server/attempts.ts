// "채점": grade the learner's lab sandbox as it is now, store the attempt, and
// record each task's first pass (kept even if the cluster is broken later).
import { db } from "@/lib/db/client";
import { requireLab } from "../catalog";
import { gradeLab, type LabGrade } from "../grade/grade-lab";
import { instantiateLab } from "../load-labs";
import { needsTraces, readGradeInput } from "./grade-input";
import { labSandboxId } from "./lab-sandbox";
import { storeAttempt } from "./store-attempt";

/** One stored check result (LabAttempt.results[]). */
export interface StoredCheckResult {
  taskId: string;
  checkId: string;
  passed: boolean;
  points: number;
  max: number;
  feedback: string[];
  expected: unknown;
  actual: unknown;
}

export interface AttemptOutcome {
  attemptId: string;
  createdAt: string;
  sandboxId: string;
  score: number;
  maxScore: number;
  /** Per task: passed now, and the first time it ever passed (null: never). */
  tasks: {
    taskId: string;
    passed: boolean;
    points: number;
    max: number;
    firstPassedAt: string | null;
  }[];
  results: (StoredCheckResult & { description: string; type: string })[];
  complete: boolean;
}

/** Grades the learner's lab sandbox (`sandboxId` when the caller already resolved it). */
export async function checkLab(
  userId: string,
  labId: string,
  knownSandboxId?: string,
): Promise<AttemptOutcome> {
  const { def } = instantiateLab(requireLab(labId), userId);
  const sandboxId = knownSandboxId ?? (await labSandboxId(userId, labId));
  const input = await readGradeInput(sandboxId, { traces: needsTraces(def) });
  const grade: LabGrade = gradeLab(def, input);
  const stored: StoredCheckResult[] = grade.results.map((r) => ({
    taskId: r.taskId,
    checkId: r.checkId,
    passed: r.passed,
    points: r.points,
    max: r.max,
    feedback: r.feedback,
    expected: r.expected ?? null,
    actual: r.actual ?? null,
  }));
  const passedTasks = grade.tasks.filter((t) => t.passed).map((t) => t.taskId);
  const { attemptId, createdAt, passes } = await storeAttempt({
    userId,
    labId,
    sandboxId,
    score: grade.score,
    maxScore: grade.maxScore,
    results: stored,
    passedTasks,
  });
  const firstPass = new Map([...passes].map(([taskId, at]) => [taskId, at.toISOString()]));
  return {
    attemptId,
    createdAt: createdAt.toISOString(),
    sandboxId,
    score: grade.score,
    maxScore: grade.maxScore,
    tasks: grade.tasks.map((t) => ({ ...t, firstPassedAt: firstPass.get(t.taskId) ?? null })),
    results: grade.results.map((r) => ({
      ...stored.find((s) => s.taskId === r.taskId && s.checkId === r.checkId)!,
      description: r.description,
      type: r.type,
    })),
    complete: def.tasks.every((t) => firstPass.has(t.id)),
  };
}

/** Task ids the learner has ever passed in this lab, with the first time. */
export async function taskPasses(userId: string, labId: string): Promise<Map<string, Date>> {
  const rows = await db().labTaskPass.findMany({ where: { userId, labId } });
  return new Map(rows.map((r) => [r.taskId, r.firstPassedAt]));
}
