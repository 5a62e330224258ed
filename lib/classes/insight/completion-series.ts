// Completion of the class over time: for each day (Korean time), the share of
// all matrix cells (members × columns) done by the end of that day. Events are
// counted per day in SQL; only the cumulative sum happens here.

import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SERVER_TIME_ZONE } from "@/lib/i18n";
import type { MatrixColumn } from "../matrix/columns";

export interface DailyEvents {
  day: string; // YYYY-MM-DD in SERVER_TIME_ZONE
  ref: string; // "section:…", "lab:…", "quiz:…" = a column key
  n: number;
}

export async function dailyCompletions(
  prisma: PrismaClient,
  classId: string,
  courseId: string,
): Promise<DailyEvents[]> {
  const tz = SERVER_TIME_ZONE;
  return prisma.$queryRaw<DailyEvents[]>`
    WITH m AS (SELECT "userId" FROM "ClassMember" WHERE "classId" = ${classId}),
    e AS (
      SELECT 'section:' || sp."sessionId" || '/' || sp."sectionId" AS ref, sp."readAt" AS at
      FROM m JOIN "SectionProgress" sp ON sp."userId" = m."userId" AND sp."courseId" = ${courseId}
      UNION ALL
      SELECT 'lab:' || p."labId" || '/' || p."taskId", p."firstPassedAt"
      FROM m JOIN "LabTaskPass" p ON p."userId" = m."userId"
      UNION ALL
      SELECT 'quiz:' || q."sessionId", min(q."submittedAt")
      FROM m JOIN "QuizAttempt" q ON q."userId" = m."userId"
      WHERE q."courseId" = ${courseId} AND q."passed" AND q."submittedAt" IS NOT NULL
      GROUP BY q."userId", q."sessionId"
    )
    SELECT to_char((at AT TIME ZONE 'UTC') AT TIME ZONE ${tz}, 'YYYY-MM-DD') AS day, ref,
           count(*)::int AS n
    FROM e GROUP BY 1, 2 ORDER BY 1`;
}

export interface CompletionPoint {
  day: string;
  percent: number;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Cumulative completion per day from the first event to `today`, gaps filled. */
export function completionSeries(
  events: readonly DailyEvents[],
  columns: readonly MatrixColumn[],
  memberCount: number,
  today: string,
): CompletionPoint[] {
  const known = new Set(columns.map((c) => c.key));
  const cells = memberCount * columns.length;
  const perDay = new Map<string, number>();
  for (const e of events) {
    if (!known.has(e.ref)) continue;
    perDay.set(e.day, (perDay.get(e.day) ?? 0) + e.n);
  }
  const days = [...perDay.keys()].sort();
  if (days.length === 0 || cells === 0) return [];
  const points: CompletionPoint[] = [];
  let done = 0;
  const last = days.at(-1)! > today ? days.at(-1)! : today;
  for (let day = days[0]!; day <= last; day = nextDay(day)) {
    done += perDay.get(day) ?? 0;
    points.push({ day, percent: Math.round((done / cells) * 1000) / 10 });
  }
  return points;
}

export interface Bucket {
  label: string;
  learners: number;
}

/** Ten-point buckets (0–9 … 90–100) of scores in percent. */
export function scoreHistogram(percents: readonly number[]): Bucket[] {
  const buckets = Array.from({ length: 10 }, (_, i) => ({
    label: i === 9 ? "90–100" : `${i * 10}–${i * 10 + 9}`,
    learners: 0,
  }));
  for (const p of percents) {
    const i = Math.min(9, Math.max(0, Math.floor(p / 10)));
    buckets[i]!.learners++;
  }
  return buckets;
}
