import { BarChart3, Download } from "lucide-react";
import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import Link from "next/link";
import { headers } from "next/headers";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/session";
import { listActions } from "@/lib/classes/audit";
import { ClassError } from "@/lib/classes/class-error";
import { getClassSummary } from "@/lib/classes/class-service";
import { labOutlines } from "@/lib/classes/content-sources";
import { displayJoinCode } from "@/lib/classes/join-code";
import { matrixOfClass } from "@/lib/classes/matrix/class-matrix";
import { classText as t } from "@/lib/classes/ui-text";
import { db } from "@/lib/db/client";
import { formatDate, formatTime, SERVER_TIME_ZONE } from "@/lib/i18n";
import { CopyButton, InstructorsPanel, PushLabForm } from "./class-tools";
import { LiveMatrix } from "./live-matrix";

export const metadata: Metadata = { title: t.matrixTitle };

type Props = { params: Promise<{ classId: string }> };

async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return process.env.NEXTAUTH_URL?.replace(/\/$/, "") ?? `${proto}://${host}`;
}

export default async function ClassMatrixPage({ params }: Props) {
  const { classId } = await params;
  const user = await requireRole("INSTRUCTOR", `/instructor/classes/${classId}`);
  if (!user) forbidden();
  const summary = await getClassSummary(db(), user, classId).catch((e: unknown) => {
    if (e instanceof ClassError) notFound();
    throw e;
  });
  const [matrix, actions] = await Promise.all([
    matrixOfClass(db(), summary),
    listActions(db(), classId, 20),
  ]);
  const joinLink = `${await origin()}/join/${displayJoinCode(summary.joinCode)}`;
  return (
    <div className="mx-auto grid max-w-[96rem] gap-6 px-4 py-8">
      <div className="flex flex-wrap items-end gap-4">
        <div className="grid gap-1">
          <p className="text-sm text-muted-foreground">
            <Link href="/classes" className="hover:underline">
              {t.listTitle}
            </Link>{" "}
            / {summary.term}
          </p>
          <h1 className="text-2xl font-bold" data-testid="class-name">
            {summary.name}
          </h1>
        </div>
        <div className="ml-auto flex flex-wrap gap-2">
          <Button asChild variant="outline" size="sm">
            <Link href={`/instructor/classes/${classId}/insight`}>
              <BarChart3 aria-hidden />
              {t.insightTitle}
            </Link>
          </Button>
          <Button asChild variant="outline" size="sm">
            <a href={`/api/classes/${classId}/export?kind=matrix`} download>
              <Download aria-hidden />
              {t.exportMatrix}
            </a>
          </Button>
          <Button asChild variant="outline" size="sm">
            <a href={`/api/classes/${classId}/export?kind=quiz`} download>
              <Download aria-hidden />
              {t.exportQuiz}
            </a>
          </Button>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3 rounded-lg border px-4 py-3 text-sm">
        <span>
          {t.joinCode}:{" "}
          <code className="rounded bg-muted px-2 py-1 font-mono text-base" data-testid="join-code">
            {displayJoinCode(summary.joinCode)}
          </code>
        </span>
        <CopyButton text={displayJoinCode(summary.joinCode)} label={t.joinCode} />
        <span className="break-all">
          {t.joinLink}: <code className="font-mono">{joinLink}</code>
        </span>
        <CopyButton text={joinLink} label={t.joinLink} />
      </div>

      <section aria-labelledby="matrix-title" className="grid gap-3">
        <h2 id="matrix-title" className="text-xl font-semibold">
          {t.matrixTitle}
        </h2>
        <LiveMatrix classId={classId} initial={matrix} />
      </section>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card>
          <CardHeader>
            <CardTitle>{t.pushTitle}</CardTitle>
            <p className="text-sm text-muted-foreground">{t.pushDescription}</p>
          </CardHeader>
          <CardContent>
            <PushLabForm
              classId={classId}
              labs={labOutlines(summary.courseId).map((l) => ({ id: l.id, title: l.title }))}
              memberCount={matrix.rows.length}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t.coInstructors}</CardTitle>
          </CardHeader>
          <CardContent>
            <InstructorsPanel
              classId={classId}
              instructors={summary.instructors}
              canManage={user.role === "ADMIN"}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t.auditTitle}</CardTitle>
          </CardHeader>
          <CardContent>
            {actions.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t.auditEmpty}</p>
            ) : (
              <ul className="grid gap-1 text-sm" data-testid="audit">
                {actions.map((a) => (
                  <li key={a.id}>
                    <time dateTime={a.createdAt} className="text-muted-foreground">
                      {formatDate(new Date(a.createdAt), SERVER_TIME_ZONE)}{" "}
                      {formatTime(new Date(a.createdAt), SERVER_TIME_ZONE)}
                    </time>{" "}
                    {a.actorEmail} · {t.actions[a.action] ?? a.action}
                    {a.targetUserId && (
                      <>
                        {" "}
                        ·{" "}
                        <Link
                          href={`/instructor/classes/${classId}/learners/${a.targetUserId}`}
                          className="underline"
                        >
                          {matrix.rows.find((r) => r.userId === a.targetUserId)?.name ??
                            a.targetUserId}
                        </Link>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
