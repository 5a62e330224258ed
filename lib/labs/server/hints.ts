// Hints open one at a time on request; how many a learner opened is recorded
// (LabHintReveal) so the page shows them again and instructors can see it.
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/sandboxes/pool";
import { requireLab } from "../catalog";
import { LabError } from "../lab-error";
import { instantiateLab } from "../load-labs";

export async function revealedHints(userId: string, labId: string): Promise<Map<string, number>> {
  const rows = await db().labHintReveal.findMany({ where: { userId, labId } });
  return new Map(rows.map((r) => [r.taskId, r.revealed]));
}

// $1 user, $2 lab, $3 task, $4 the task's hint count.
const REVEAL_HINT = `INSERT INTO "LabHintReveal" ("userId", "labId", "taskId", "revealed", "updatedAt")
  VALUES ($1, $2, $3, 1, now())
  ON CONFLICT ("userId", "labId", "taskId") DO UPDATE
    SET "revealed" = "LabHintReveal"."revealed" + 1, "updatedAt" = now()
    WHERE "LabHintReveal"."revealed" < $4
  RETURNING "revealed"`;

/** Reveals the task's next hint; returns every hint revealed so far (params filled). */
export async function revealNextHint(
  userId: string,
  labId: string,
  taskId: string,
): Promise<{ taskId: string; hints: string[]; remaining: number }> {
  const { def } = instantiateLab(requireLab(labId), userId);
  const task = def.tasks.find((t) => t.id === taskId);
  if (!task) throw new LabError("unknown-task", `과제 "${taskId}"을(를) 찾을 수 없습니다.`);
  if (task.hints.length === 0) throw new LabError("no-more-hints", "이 과제에는 힌트가 없습니다.");
  // One statement: concurrent clicks cannot reveal past the last hint. Named, on the sandbox
  // pool: parsed and planned once per pooled connection (a class clicks hints at the same minute).
  const { rows } = await pool().query<{ revealed: number }>({
    name: "kubelab_reveal_hint",
    text: REVEAL_HINT,
    values: [userId, labId, taskId, task.hints.length],
  });
  if (rows.length === 0) throw new LabError("no-more-hints", "이 과제의 힌트를 모두 열었습니다.");
  const revealed = Math.min(rows[0]!.revealed, task.hints.length);
  return { taskId, hints: task.hints.slice(0, revealed), remaining: task.hints.length - revealed };
}
