"use client";

// The instructions pane: the lab's tasks in order with their state, hints revealed
// one at a time on request, and 채점 (grading on the server against what the cluster
// now is) with each check's result and field-level expected-vs-actual feedback.

import { CheckCircle2, CircleDashed, Lightbulb, ListChecks, XCircle } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

export interface TaskItem {
  id: string;
  title: string;
  instructions: ReactNode;
  hintCount: number;
  /** Hints opened before (they stay open). */
  hints: string[];
  /** Passed in an earlier attempt (passing stays recorded). */
  passed: boolean;
}

interface CheckResult {
  taskId: string;
  checkId: string;
  description: string;
  passed: boolean;
  points: number;
  max: number;
  feedback: string[];
}

interface GradeResponse {
  score: number;
  maxScore: number;
  tasks: { taskId: string; passed: boolean; points: number; max: number }[];
  results: CheckResult[];
}

interface Props {
  labId: string;
  tasks: TaskItem[];
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).catch(() => null);
  if (!r) throw new Error("서버에 연결하지 못했습니다. 잠시 후 다시 시도하세요.");
  const data = (await r.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (r.status === 404 && !data?.error)
    throw new Error("이 실습의 채점 기능은 아직 준비 중입니다.");
  if (!r.ok || !data)
    throw new Error(data?.error?.message ?? `요청이 실패했습니다. (HTTP ${r.status})`);
  return data;
}

function TaskState({ passed, graded }: { passed: boolean; graded: boolean }) {
  if (passed)
    return (
      <span className="inline-flex items-center gap-1 text-xs text-green-700 dark:text-green-400">
        <CheckCircle2 aria-hidden className="size-4" />
        통과
      </span>
    );
  if (graded)
    return (
      <span className="text-destructive inline-flex items-center gap-1 text-xs">
        <XCircle aria-hidden className="size-4" />
        미통과
      </span>
    );
  return (
    <span className="text-muted-foreground inline-flex items-center gap-1 text-xs">
      <CircleDashed aria-hidden className="size-4" />
      진행 전
    </span>
  );
}

export function LabInstructions({ labId, tasks }: Props) {
  const [grade, setGrade] = useState<GradeResponse | null>(null);
  const [grading, setGrading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [hints, setHints] = useState<Record<string, string[]>>(() =>
    Object.fromEntries(tasks.map((t) => [t.id, t.hints])),
  );
  const [hintBusy, setHintBusy] = useState<string | null>(null);
  const passed = new Set(tasks.filter((t) => t.passed).map((t) => t.id));
  for (const t of grade?.tasks ?? []) if (t.passed) passed.add(t.taskId);

  async function runGrade() {
    setGrading(true);
    setError(null);
    try {
      setGrade(await post<GradeResponse>(`/api/labs/${labId}/check`, {}));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setGrading(false);
    }
  }

  async function revealHint(taskId: string) {
    setHintBusy(taskId);
    setError(null);
    try {
      const r = await post<{ hints: string[] }>(`/api/labs/${labId}/hints`, { taskId });
      setHints((h) => ({ ...h, [taskId]: r.hints }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setHintBusy(null);
    }
  }

  const allPassed = tasks.every((t) => passed.has(t.id));

  return (
    <div className="grid gap-4">
      <ol className="grid gap-4">
        {tasks.map((task, i) => {
          const results = grade?.results.filter((r) => r.taskId === task.id) ?? [];
          const shown = hints[task.id] ?? [];
          return (
            <li key={task.id} className="grid gap-2 rounded-md border p-3" data-task={task.id}>
              <div className="flex items-start justify-between gap-2">
                <h3 className="font-semibold">
                  {i + 1}. {task.title}
                </h3>
                <TaskState passed={passed.has(task.id)} graded={!!grade} />
              </div>
              <div className="text-sm leading-relaxed">{task.instructions}</div>
              {shown.length > 0 && (
                <ul className="grid gap-1 rounded bg-amber-50 p-2 text-sm dark:bg-amber-950/40">
                  {shown.map((h, j) => (
                    <li key={j}>
                      <strong>힌트 {j + 1}.</strong> {h}
                    </li>
                  ))}
                </ul>
              )}
              {task.hintCount > shown.length && (
                <Button
                  variant="ghost"
                  size="sm"
                  className="justify-self-start"
                  disabled={hintBusy === task.id}
                  onClick={() => revealHint(task.id)}
                >
                  <Lightbulb aria-hidden />
                  {hintBusy === task.id
                    ? "힌트 여는 중…"
                    : `힌트 보기 (${shown.length}/${task.hintCount})`}
                </Button>
              )}
              {results.length > 0 && (
                <ul className="grid gap-1 text-sm" aria-label={`${task.title} 채점 결과`}>
                  {results.map((r) => (
                    <li key={r.checkId} className="grid gap-0.5">
                      <span className="inline-flex items-center gap-1">
                        {r.passed ? (
                          <CheckCircle2 aria-hidden className="size-4 text-green-600" />
                        ) : (
                          <XCircle aria-hidden className="text-destructive size-4" />
                        )}
                        <span>
                          {r.passed ? "통과" : "실패"} · {r.description} ({r.points}/{r.max})
                        </span>
                      </span>
                      {!r.passed &&
                        r.feedback.map((f, j) => (
                          <span key={j} className="text-muted-foreground pl-5 font-mono text-xs">
                            {f}
                          </span>
                        ))}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={runGrade} disabled={grading}>
          <ListChecks aria-hidden />
          {grading ? "채점 중…" : "채점"}
        </Button>
        <p aria-live="polite" className="text-sm" data-testid="grade-summary">
          {grade && `점수 ${grade.score}/${grade.maxScore}`}
          {allPassed && " · 모든 과제를 통과했습니다! 🎉"}
        </p>
      </div>
      {error && (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      )}
    </div>
  );
}
