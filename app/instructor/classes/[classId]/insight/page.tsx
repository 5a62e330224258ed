import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/session";
import { ClassError } from "@/lib/classes/class-error";
import { labOutlines } from "@/lib/classes/content-sources";
import { classInsight } from "@/lib/classes/insight/class-insight";
import { classText as t } from "@/lib/classes/ui-text";
import { db } from "@/lib/db/client";
import { format } from "@/lib/i18n";
import { CompletionChart, HistogramChart } from "./insight-charts";

export const metadata: Metadata = { title: t.insightTitle };

type Props = { params: Promise<{ classId: string }> };

export default async function InsightPage({ params }: Props) {
  const { classId } = await params;
  const user = await requireRole("INSTRUCTOR", `/instructor/classes/${classId}/insight`);
  if (!user) forbidden();
  const insight = await classInsight(db(), user, classId).catch((e: unknown) => {
    if (e instanceof ClassError) notFound();
    throw e;
  });
  const labs = new Map(labOutlines(insight.class.courseId).map((l) => [l.id, l]));
  const taskTitle = (labId: string, taskId: string) =>
    labs.get(labId)?.tasks.find((x) => x.id === taskId)?.title ?? taskId;
  return (
    <div className="mx-auto grid max-w-6xl gap-6 px-4 py-8">
      <div className="grid gap-1">
        <p className="text-sm text-muted-foreground">
          <Link href={`/instructor/classes/${classId}`} className="hover:underline">
            {insight.class.name}
          </Link>{" "}
          / {t.insightTitle}
        </p>
        <h1 className="text-2xl font-bold">{t.insightTitle}</h1>
        <p className="text-muted-foreground">{format(t.members, { count: insight.memberCount })}</p>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t.completionChart}</CardTitle>
          </CardHeader>
          <CardContent>
            <CompletionChart points={insight.completion} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t.scoreChart}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            {insight.quizScores.map((q) => (
              <HistogramChart key={q.key} title={q.label} buckets={q.buckets} />
            ))}
            <HistogramChart title={t.completionHistogram} buckets={insight.completionBuckets} />
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t.checksTitle}</CardTitle>
        </CardHeader>
        <CardContent>
          {insight.checks.length === 0 ? (
            <p className="text-muted-foreground">{t.checksEmpty}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-sm" data-testid="check-failures">
                <thead className="bg-muted text-left text-muted-foreground">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      {t.check}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t.attempted}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t.failedEver}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t.failingNow}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t.topActual}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {insight.checks.map((c) => (
                    <tr key={`${c.labId}/${c.taskId}/${c.checkId}`} className="border-t">
                      <th scope="row" className="px-3 py-2 text-left font-normal">
                        <span className="font-medium">{labs.get(c.labId)?.title ?? c.labId}</span>
                        <span className="block text-xs text-muted-foreground">
                          {taskTitle(c.labId, c.taskId)} · {c.checkId}
                        </span>
                      </th>
                      <td className="px-3 py-2 tabular-nums">
                        {format(t.learnersCount, { count: c.attempted })}
                      </td>
                      <td className="px-3 py-2 tabular-nums">
                        {format(t.learnersCount, { count: c.failedEver })}
                      </td>
                      <td className="px-3 py-2 tabular-nums">
                        {format(t.learnersCount, { count: c.failingNow })}
                      </td>
                      <td className="px-3 py-2">
                        <ul className="grid gap-0.5 text-xs">
                          {c.topActual.map((a) => (
                            <li key={a.actual}>
                              <code className="break-all">{a.actual}</code> (
                              {format(t.learnersCount, { count: a.learners })})
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t.questionsTitle}</CardTitle>
        </CardHeader>
        <CardContent>
          {insight.questions.length === 0 ? (
            <p className="text-muted-foreground">{t.questionsEmpty}</p>
          ) : (
            <ol className="grid gap-4">
              {insight.questions.map((q) => (
                <li
                  key={`${q.sessionId}/${q.questionId}`}
                  className="grid gap-2 border-b pb-3 last:border-0"
                >
                  <p className="font-medium">{q.prompt ?? q.questionId}</p>
                  <p className="text-xs text-muted-foreground">
                    {format(t.correctRate, { correct: q.correctLearners, total: q.learners })}
                  </p>
                  <ul className="grid gap-1 text-sm">
                    {q.answers.map((a) => {
                      const width = q.learners ? Math.round((a.learners / q.learners) * 100) : 0;
                      return (
                        <li
                          key={a.response}
                          className="grid grid-cols-[1fr_auto] items-center gap-2"
                        >
                          <span className="relative overflow-hidden rounded px-2 py-1">
                            <span
                              aria-hidden
                              className={`absolute inset-y-0 left-0 ${a.correct ? "bg-emerald-200 dark:bg-emerald-900" : "bg-muted"}`}
                              style={{ width: `${width}%` }}
                            />
                            <span className="relative">
                              {a.correct ? "✓ " : ""}
                              {a.label}
                            </span>
                          </span>
                          <span className="tabular-nums">
                            {format(t.learnersCount, { count: a.learners })}
                          </span>
                        </li>
                      );
                    })}
                  </ul>
                </li>
              ))}
            </ol>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
