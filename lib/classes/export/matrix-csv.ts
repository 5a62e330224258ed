// The matrix as CSV: one row per learner. Column names are stable keys
// (section:<session>/<section>, lab:<lab>/<task>, quiz:<session>), not the
// Korean headings, so a spreadsheet built on last week's export still lines up.
// Sections: 1 read. Lab tasks: 1 passed, 0 tried and not passed. Quizzes: the
// counted score in percent. Empty: not started.

import type { Matrix } from "../matrix/build-matrix";
import { toCsv, type CsvValue } from "./csv";

export const MATRIX_FIXED_COLUMNS = [
  "user_id",
  "name",
  "email",
  "joined_at",
  "completion_percent",
  "done_count",
  "last_activity",
] as const;

export function matrixCsv(matrix: Matrix): string {
  const header = [...MATRIX_FIXED_COLUMNS, ...matrix.columns.map((c) => c.key)];
  const rows = matrix.rows.map((r): CsvValue[] => [
    r.userId,
    r.name,
    r.email,
    r.joinedAt,
    r.completion,
    r.done,
    r.lastActivity,
    ...matrix.columns.map((c) => {
      const cell = r.cells[c.key]!;
      if (c.kind === "quiz") return cell.percent ?? null;
      if (cell.status === "done") return 1;
      return cell.status === "trying" ? 0 : null;
    }),
  ]);
  return toCsv(header, rows);
}
