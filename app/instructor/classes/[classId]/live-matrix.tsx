"use client";

import { Check, CircleDashed, Minus } from "lucide-react";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import type { Matrix, MatrixCell, MatrixRow } from "@/lib/classes/matrix/build-matrix";
import type { MatrixColumn } from "@/lib/classes/matrix/columns";
import { classText as t } from "@/lib/classes/ui-text";
import { format, formatDate, formatTime } from "@/lib/i18n";

/** How often the matrix is fetched again while the page is visible. */
const POLL_MS = 3_000;
const INACTIVE_MS = 30 * 60_000;

type SortKey = "name" | "completion" | "activity";
type StatusFilter = "all" | "notStarted" | "inProgress" | "done" | "inactive";

function StatusCell({ cell, column }: { cell: MatrixCell; column: MatrixColumn }) {
  const text =
    column.kind === "quiz" && cell.percent !== undefined
      ? format(t.quizScore, { percent: cell.percent })
      : cell.status === "done"
        ? t.statusDone
        : cell.status === "trying"
          ? t.statusTrying
          : t.statusNone;
  const tone =
    cell.status === "done"
      ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
      : cell.status === "trying"
        ? "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        : "text-muted-foreground";
  const Icon = cell.status === "done" ? Check : cell.status === "trying" ? CircleDashed : Minus;
  return (
    <span
      className={`inline-flex min-w-10 items-center justify-center gap-0.5 rounded px-1 py-0.5 text-xs ${tone}`}
      title={`${column.group} · ${column.label}: ${text}`}
    >
      {column.kind === "quiz" && cell.percent !== undefined ? (
        <span aria-hidden>{cell.percent}</span>
      ) : (
        <Icon className="size-3.5" aria-hidden />
      )}
      <span className="sr-only">{text}</span>
    </span>
  );
}

/** Today's activity as a time of day, older activity as a date. */
function whenText(at: string, now: string): string {
  const d = new Date(at);
  return formatDate(d) === formatDate(new Date(now)) ? formatTime(d) : formatDate(d);
}

function shortLabel(column: MatrixColumn, index: number): string {
  if (column.kind === "quiz") return "Q";
  return column.kind === "section" ? `S${index + 1}` : `T${index + 1}`;
}

function groupsOf(columns: MatrixColumn[]) {
  const groups: { name: string; span: number }[] = [];
  for (const c of columns) {
    const last = groups.at(-1);
    if (last && last.name === c.group) last.span++;
    else groups.push({ name: c.group, span: 1 });
  }
  return groups;
}

function matches(row: MatrixRow, query: string, status: StatusFilter, now: number): boolean {
  if (query) {
    const q = query.toLowerCase();
    if (!row.name.toLowerCase().includes(q) && !row.email.toLowerCase().includes(q)) return false;
  }
  switch (status) {
    case "all":
      return true;
    case "notStarted":
      return row.completion === 0;
    case "inProgress":
      return row.completion > 0 && row.completion < 100;
    case "done":
      return row.completion === 100;
    case "inactive":
      return !row.lastActivity || now - Date.parse(row.lastActivity) > INACTIVE_MS;
  }
}

export function LiveMatrix({ classId, initial }: { classId: string; initial: Matrix }) {
  const [matrix, setMatrix] = useState(initial);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState<StatusFilter>("all");
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "name", desc: false });

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    async function poll() {
      if (!document.hidden) {
        try {
          const res = await fetch(`/api/classes/${classId}/matrix`, { cache: "no-store" });
          if (!res.ok) throw new Error(String(res.status));
          const body = (await res.json()) as { matrix: Matrix };
          if (!stopped) {
            setMatrix(body.matrix);
            setFailed(false);
          }
        } catch {
          if (!stopped) setFailed(true);
        }
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    }
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [classId]);

  const now = Date.parse(matrix.generatedAt);
  const rows = useMemo(() => {
    const list = matrix.rows.filter((r) => matches(r, query.trim(), status, now));
    const dir = sort.desc ? -1 : 1;
    return list.sort((a, b) => {
      if (sort.key === "completion") return dir * (a.completion - b.completion);
      if (sort.key === "activity")
        return dir * (a.lastActivity ?? "").localeCompare(b.lastActivity ?? "");
      return dir * a.name.localeCompare(b.name, "ko");
    });
  }, [matrix, query, status, sort, now]);

  const indexInKind = new Map<string, number>();
  const counters = { section: 0, task: 0, quiz: 0 };
  for (const c of matrix.columns) indexInKind.set(c.key, counters[c.kind]++);

  const sortButton = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return (
      <button
        type="button"
        className="inline-flex items-center gap-1 font-medium hover:underline"
        onClick={() => setSort({ key, desc: active ? !sort.desc : key !== "name" })}
        aria-label={`${label} ${t.sortBy}`}
      >
        {label}
        <span aria-hidden>{active ? (sort.desc ? "▼" : "▲") : "↕"}</span>
      </button>
    );
  };
  const ariaSort = (key: SortKey) =>
    sort.key === key ? (sort.desc ? "descending" : "ascending") : "none";

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="grid gap-1 text-sm">
          <span>{t.filterName}</span>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="h-9 rounded-md border bg-background px-3"
            data-testid="matrix-filter"
          />
        </label>
        <label className="grid gap-1 text-sm">
          <span>{t.filterStatus}</span>
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value as StatusFilter)}
            className="h-9 rounded-md border bg-background px-2"
          >
            <option value="all">{t.filterAll}</option>
            <option value="notStarted">{t.filterNotStarted}</option>
            <option value="inProgress">{t.filterInProgress}</option>
            <option value="done">{t.filterDone}</option>
            <option value="inactive">{t.filterInactive}</option>
          </select>
        </label>
        <p className="ml-auto text-sm text-muted-foreground" aria-live="polite">
          {format(t.learnerCount, {
            shown: rows.length,
            total: matrix.rows.length,
            mean: matrix.meanCompletion,
          })}{" "}
          · {format(t.updatedAt, { time: formatTime(new Date(matrix.generatedAt)) })} ·{" "}
          {failed ? t.liveError : t.live}
        </p>
      </div>
      <p className="flex flex-wrap gap-3 text-xs text-muted-foreground">
        <span>{t.legend}:</span>
        <span className="inline-flex items-center gap-1">
          <Check className="size-3.5 text-emerald-700" aria-hidden /> {t.statusDone}
        </span>
        <span className="inline-flex items-center gap-1">
          <CircleDashed className="size-3.5 text-amber-700" aria-hidden /> {t.statusTrying}
        </span>
        <span className="inline-flex items-center gap-1">
          <Minus className="size-3.5" aria-hidden /> {t.statusNone}
        </span>
        <span>S = 강의 섹션 · T = 실습 과제 · Q = 퀴즈 점수</span>
      </p>
      {matrix.rows.length === 0 ? (
        <p className="rounded-lg border p-6 text-center text-muted-foreground">{t.noLearners}</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border">
          <table className="w-full border-collapse text-sm" data-testid="class-matrix">
            <caption className="sr-only">{t.matrixTitle}</caption>
            <thead className="bg-muted text-muted-foreground">
              <tr>
                <th
                  scope="col"
                  rowSpan={2}
                  className="sticky left-0 bg-muted px-3 py-2 text-left"
                  aria-sort={ariaSort("name")}
                >
                  {sortButton("name", t.learner)}
                </th>
                <th
                  scope="col"
                  rowSpan={2}
                  className="px-2 py-2"
                  aria-sort={ariaSort("completion")}
                >
                  {sortButton("completion", t.completion)}
                </th>
                <th scope="col" rowSpan={2} className="px-2 py-2" aria-sort={ariaSort("activity")}>
                  {sortButton("activity", t.lastActivity)}
                </th>
                {groupsOf(matrix.columns).map((g, i) => (
                  <th
                    key={`${g.name}-${i}`}
                    scope="colgroup"
                    colSpan={g.span}
                    className="border-l px-2 py-1 text-xs font-medium"
                  >
                    {g.name}
                  </th>
                ))}
              </tr>
              <tr>
                {matrix.columns.map((c, i) => (
                  <th
                    key={c.key}
                    scope="col"
                    className={`px-1 py-1 text-xs font-normal ${i === 0 || matrix.columns[i - 1]!.group !== c.group ? "border-l" : ""}`}
                  >
                    <abbr title={c.label}>{shortLabel(c, indexInKind.get(c.key)!)}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.userId}
                  className="border-t"
                  data-testid="matrix-row"
                  data-user-id={r.userId}
                >
                  <th
                    scope="row"
                    className="sticky left-0 bg-background px-3 py-1.5 text-left font-medium"
                  >
                    <Link
                      href={`/instructor/classes/${classId}/learners/${r.userId}`}
                      className="hover:underline"
                    >
                      {r.name}
                    </Link>
                    <span className="block text-xs font-normal text-muted-foreground">
                      {r.email}
                    </span>
                  </th>
                  <td className="px-2 py-1.5 text-center tabular-nums" data-testid="completion">
                    {r.completion}%
                  </td>
                  <td className="px-2 py-1.5 text-center text-xs text-muted-foreground">
                    {r.lastActivity ? whenText(r.lastActivity, matrix.generatedAt) : t.never}
                  </td>
                  {matrix.columns.map((c) => (
                    <td
                      key={c.key}
                      className="px-0.5 py-1 text-center"
                      data-testid="cell"
                      data-column={c.key}
                      data-status={r.cells[c.key]!.status}
                    >
                      <StatusCell cell={r.cells[c.key]!} column={c} />
                    </td>
                  ))}
                </tr>
              ))}
              {rows.length === 0 && (
                <tr>
                  <td
                    colSpan={3 + matrix.columns.length}
                    className="p-4 text-center text-muted-foreground"
                  >
                    {t.noMatch}
                  </td>
                </tr>
              )}
            </tbody>
            <tfoot className="border-t bg-muted/50 text-xs">
              <tr>
                <th scope="row" className="sticky left-0 bg-muted px-3 py-2 text-left">
                  {t.totals}
                </th>
                <td className="px-2 py-2 text-center tabular-nums">{matrix.meanCompletion}%</td>
                <td />
                {matrix.columns.map((c) => {
                  const total = matrix.totals[c.key]!;
                  return (
                    <td
                      key={c.key}
                      className="px-0.5 py-2 text-center tabular-nums"
                      data-testid="total"
                      data-column={c.key}
                    >
                      <span
                        title={
                          c.kind === "quiz" && total.meanPercent !== undefined
                            ? format(t.meanScore, { percent: total.meanPercent })
                            : undefined
                        }
                      >
                        {total.done}
                      </span>
                    </td>
                  );
                })}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </div>
  );
}
