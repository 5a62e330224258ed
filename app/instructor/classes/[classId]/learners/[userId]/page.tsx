import { BookOpen, ClipboardCheck, ListChecks, TerminalSquare } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/session";
import { ClassError } from "@/lib/classes/class-error";
import { labOutlines } from "@/lib/classes/content-sources";
import { learnerDetail } from "@/lib/classes/learner/learner-detail";
import type { TimelineEvent } from "@/lib/classes/learner/timeline";
import { classText as t } from "@/lib/classes/ui-text";
import { getCourse } from "@/lib/content/catalog";
import { db } from "@/lib/db/client";
import { format, formatDate, formatTime, SERVER_TIME_ZONE } from "@/lib/i18n";
import { RemoveLearnerButton } from "./remove-learner-button";
import { SandboxPanel } from "./sandbox-panel";

export const metadata: Metadata = { title: t.learnerTitle };

type Props = { params: Promise<{ classId: string; userId: string }> };

function When({ at }: { at: string }) {
  const d = new Date(at);
  return (
    <time dateTime={at} className="shrink-0 text-xs text-muted-foreground tabular-nums">
      {formatDate(d, SERVER_TIME_ZONE)} {formatTime(d, SERVER_TIME_ZONE)}
    </time>
  );
}

function Event({
  e,
  sectionTitle,
  labTitle,
}: {
  e: TimelineEvent;
  sectionTitle: (sessionId: string, sectionId: string) => string;
  labTitle: (labId: string) => string;
}) {
  switch (e.kind) {
    case "section":
      return (
        <p className="flex items-center gap-2">
          <BookOpen className="size-4 text-sky-700" aria-hidden />
          <span className="sr-only">{t.sectionRead}:</span>
          {sectionTitle(e.sessionId, e.sectionId)}
        </p>
      );
    case "command":
      return (
        <p className="flex items-center gap-2">
          <TerminalSquare className="size-4" aria-hidden />
          <span className="sr-only">{t.commandRun}:</span>
          <code className="font-mono text-xs break-all">$ {e.command}</code>
          {e.exitCode !== 0 && <span className="text-xs text-destructive">exit {e.exitCode}</span>}
          {e.labId && <span className="text-xs text-muted-foreground">({labTitle(e.labId)})</span>}
        </p>
      );
    case "check":
      return (
        <details>
          <summary className="flex cursor-pointer items-center gap-2">
            <ListChecks className="size-4 text-emerald-700" aria-hidden />
            {t.checkAttempt}: {labTitle(e.labId)} ·{" "}
            {format(t.score, { score: e.score, max: e.maxScore })}
          </summary>
          <ul className="mt-1 ml-6 grid gap-1 text-xs">
            {e.results.map((r, i) => (
              <li key={i} data-testid="check-result" data-passed={r.passed}>
                <span className={r.passed ? "text-emerald-700" : "text-destructive"}>
                  {r.passed ? `✓ ${t.passed}` : `✗ ${t.failed}`}
                </span>{" "}
                {r.taskId}/{r.checkId}
                {r.feedback ? ` — ${r.feedback}` : ""}
                {!r.passed && r.actual !== undefined && (
                  <span className="text-muted-foreground">
                    {" "}
                    ({t.actual}: <code>{JSON.stringify(r.actual)}</code>)
                  </span>
                )}
              </li>
            ))}
          </ul>
        </details>
      );
    case "quiz":
      return (
        <details>
          <summary className="flex cursor-pointer items-center gap-2">
            <ClipboardCheck className="size-4 text-violet-700" aria-hidden />
            {t.quizAttempt} · {format(t.attemptNumber, { number: e.number })} ·{" "}
            {e.percent === null
              ? t.inProgress
              : `${Math.round(e.percent)}% ${e.passed ? t.passed : t.failed}`}
          </summary>
          <ul className="mt-1 ml-6 grid gap-1 text-xs">
            {e.answers.map((a) => (
              <li key={a.questionId}>
                {a.correct === null ? "·" : a.correct ? "✓" : "✗"} {a.questionId}:{" "}
                <code>{JSON.stringify(a.response)}</code>
                {a.points !== null && ` (${a.points}/${a.maxPoints ?? "?"})`}
              </li>
            ))}
          </ul>
        </details>
      );
  }
}

export default async function LearnerPage({ params }: Props) {
  const { classId, userId } = await params;
  const user = await requireRole("INSTRUCTOR", `/instructor/classes/${classId}/learners/${userId}`);
  if (!user) forbidden();
  const detail = await learnerDetail(db(), user, classId, userId).catch((e: unknown) => {
    if (e instanceof ClassError) notFound();
    throw e;
  });
  const course = getCourse(detail.class.courseId);
  const labs = labOutlines(detail.class.courseId);
  const labTitles = Object.fromEntries(labs.map((l) => [l.id, l.title]));
  const sectionTitle = (sessionId: string, sectionId: string) =>
    course?.sessions.find((s) => s.id === sessionId)?.meta.sections.find((s) => s.id === sectionId)
      ?.heading ?? `${sessionId}/${sectionId}`;
  return (
    <div className="mx-auto grid max-w-6xl gap-6 px-4 py-8">
      <div className="flex flex-wrap items-end gap-4">
        <div className="grid gap-1">
          <p className="text-sm text-muted-foreground">
            <Link href={`/instructor/classes/${classId}`} className="hover:underline">
              {detail.class.name}
            </Link>{" "}
            / {t.learnerTitle}
          </p>
          <h1 className="text-2xl font-bold" data-testid="learner-name">
            {detail.learner.name}
          </h1>
          <p className="text-sm text-muted-foreground">{detail.learner.email}</p>
        </div>
        <div className="ml-auto">
          <RemoveLearnerButton classId={classId} learner={detail.learner} />
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t.timeline}</CardTitle>
          </CardHeader>
          <CardContent>
            {detail.timeline.length === 0 ? (
              <p className="text-muted-foreground">{t.timelineEmpty}</p>
            ) : (
              <ol className="grid gap-2 text-sm" data-testid="timeline">
                {detail.timeline.map((e, i) => (
                  <li key={i} className="flex gap-3 border-b pb-2 last:border-0" data-kind={e.kind}>
                    <When at={e.at} />
                    <div className="min-w-0">
                      <Event
                        e={e}
                        sectionTitle={sectionTitle}
                        labTitle={(id) => labTitles[id] ?? id}
                      />
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t.sandboxTitle}</CardTitle>
            <p className="text-sm text-muted-foreground">{t.sandboxDescription}</p>
          </CardHeader>
          <CardContent>
            <SandboxPanel classId={classId} learnerId={userId} labTitles={labTitles} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
