// Turns the aggregate query's one row per learner into the matrix the page,
// the polling endpoint and the CSV export show. Pure, so the figures are tested
// without a database.

import type { MatrixColumn } from "./columns";

/** What the aggregate query returns per learner. */
export interface LearnerActivity {
  userId: string;
  name: string;
  email: string;
  joinedAt: Date;
  /** "session/section" of every section read */
  sections: readonly string[];
  /** "lab/task" of every task passed */
  passes: readonly string[];
  /** labs with at least one check attempt */
  attemptedLabs: readonly string[];
  /** best counted score per quiz */
  quizzes: readonly { quizId: string; percent: number; passed: boolean }[];
  lastActivity: Date | null;
}

export type CellStatus = "done" | "trying" | "none";

export interface MatrixCell {
  status: CellStatus;
  /** Quiz cells: the counted score in percent. */
  percent?: number;
}

export interface MatrixRow {
  userId: string;
  name: string;
  email: string;
  joinedAt: string;
  cells: Record<string, MatrixCell>;
  done: number;
  completion: number;
  lastActivity: string | null;
}

export interface ColumnTotal {
  done: number;
  trying: number;
  /** Quiz columns: mean score of learners who took it, rounded. */
  meanPercent?: number;
}

export interface Matrix {
  columns: MatrixColumn[];
  rows: MatrixRow[];
  totals: Record<string, ColumnTotal>;
  /** Mean completion of the class, in percent. */
  meanCompletion: number;
  generatedAt: string;
}

function cellOf(
  column: MatrixColumn,
  a: LearnerActivity,
  sets: { sections: Set<string>; passes: Set<string>; labs: Set<string> },
  quizzes: Map<string, { percent: number; passed: boolean }>,
): MatrixCell {
  switch (column.kind) {
    case "section":
      return { status: sets.sections.has(column.ref) ? "done" : "none" };
    case "task":
      if (sets.passes.has(column.ref)) return { status: "done" };
      return { status: sets.labs.has(column.labId) ? "trying" : "none" };
    case "quiz": {
      const q = quizzes.get(column.ref);
      if (!q) return { status: "none" };
      return { status: q.passed ? "done" : "trying", percent: q.percent };
    }
  }
}

export function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100);
}

export function buildMatrix(
  columns: MatrixColumn[],
  learners: readonly LearnerActivity[],
  now: Date = new Date(),
): Matrix {
  const totals: Record<string, ColumnTotal> = {};
  const quizSums = new Map<string, { sum: number; n: number }>();
  for (const c of columns) totals[c.key] = { done: 0, trying: 0 };

  const rows = learners.map((a): MatrixRow => {
    const sets = {
      sections: new Set(a.sections),
      passes: new Set(a.passes),
      labs: new Set(a.attemptedLabs),
    };
    const quizzes = new Map(a.quizzes.map((q) => [q.quizId, q]));
    const cells: Record<string, MatrixCell> = {};
    let done = 0;
    for (const c of columns) {
      const cell = cellOf(c, a, sets, quizzes);
      cells[c.key] = cell;
      const total = totals[c.key]!;
      if (cell.status === "done") {
        done++;
        total.done++;
      } else if (cell.status === "trying") total.trying++;
      if (cell.percent !== undefined) {
        const s = quizSums.get(c.key) ?? { sum: 0, n: 0 };
        s.sum += cell.percent;
        s.n++;
        quizSums.set(c.key, s);
      }
    }
    return {
      userId: a.userId,
      name: a.name,
      email: a.email,
      joinedAt: a.joinedAt.toISOString(),
      cells,
      done,
      completion: percentOf(done, columns.length),
      lastActivity: a.lastActivity?.toISOString() ?? null,
    };
  });
  for (const [key, s] of quizSums) totals[key]!.meanPercent = Math.round(s.sum / s.n);
  rows.sort((x, y) => x.name.localeCompare(y.name, "ko") || x.email.localeCompare(y.email));
  const meanCompletion = rows.length
    ? Math.round(rows.reduce((sum, r) => sum + r.completion, 0) / rows.length)
    : 0;
  return { columns, rows, totals, meanCompletion, generatedAt: now.toISOString() };
}
