import { BookOpen, CheckCircle2, Circle, ClipboardCheck, FlaskConical } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { SessionContent } from "@/lib/content/load-content";
import type { ReadSections } from "@/lib/content/progress/section-progress";
import { positionLabel } from "./curriculum-position";
import { InlineMarkdown } from "./inline-markdown";

/**
 * One session on the course overview: curriculum position, learning goals,
 * timed sections with the learner's progress, and the session's labs and quiz.
 */
export function SessionOverview({
  session,
  read,
  signedIn,
}: {
  session: SessionContent;
  read: ReadSections | null;
  signedIn: boolean;
}) {
  const { meta } = session;
  const lessonHref = `/courses/${session.courseId}/${session.id}`;
  const readCount = meta.sections.filter((s) => read?.has(s.id)).length;
  // "이어서 읽기" jumps to the first section not read yet.
  const firstUnread = meta.sections.find((s) => !read?.has(s.id));
  const continueHref =
    readCount > 0 && firstUnread ? `${lessonHref}#${firstUnread.id}` : lessonHref;
  const headingId = `session-${session.id}`;
  return (
    <Card data-testid={`session-${session.id}`}>
      <CardHeader>
        <p className="text-sm font-medium text-primary">{positionLabel(meta.position)}</p>
        <CardTitle id={headingId}>{meta.title}</CardTitle>
        <CardDescription>{meta.summary}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <section aria-labelledby={`${headingId}-goals`}>
          <h3 id={`${headingId}-goals`} className="mb-2 font-semibold">
            학습 목표
          </h3>
          <ul className="list-disc space-y-1 pl-5">
            {meta.goals.map((g) => (
              <li key={g}>
                <InlineMarkdown text={g} />
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby={`${headingId}-sections`}>
          <h3 id={`${headingId}-sections`} className="mb-2 font-semibold">
            섹션 구성 ({meta.durationMinutes}분)
            {signedIn && (
              <span
                className="ml-2 text-sm font-normal text-muted-foreground"
                data-testid="read-count"
              >
                {readCount}/{meta.sections.length} 읽음
              </span>
            )}
          </h3>
          <ol className="grid gap-1">
            {meta.sections.map((s) => {
              const isRead = read?.has(s.id) ?? false;
              return (
                <li
                  key={s.id}
                  className="flex items-center gap-3"
                  data-section={s.id}
                  data-read={isRead}
                >
                  {signedIn &&
                    (isRead ? (
                      <CheckCircle2 aria-label="읽음" className="size-4 shrink-0 text-success" />
                    ) : (
                      <Circle
                        aria-label="읽지 않음"
                        className="size-4 shrink-0 text-muted-foreground"
                      />
                    ))}
                  <Link
                    href={`${lessonHref}#${s.id}`}
                    className="flex-1 underline-offset-4 hover:underline"
                  >
                    {s.heading.replace(/\s*\(\d+분\)\s*$/, "")}
                  </Link>
                  <span className="text-sm text-muted-foreground tabular-nums">{s.minutes}분</span>
                </li>
              );
            })}
          </ol>
          {!signedIn && (
            <p className="mt-2 text-sm text-muted-foreground">
              <Link
                href={`/signin?callbackUrl=${encodeURIComponent(`/courses/${session.courseId}`)}`}
                className="text-primary underline"
              >
                로그인
              </Link>
              하면 읽은 섹션이 저장됩니다.
            </p>
          )}
        </section>

        <div className="grid gap-4 sm:grid-cols-2">
          <section aria-labelledby={`${headingId}-labs`}>
            <h3 id={`${headingId}-labs`} className="mb-2 flex items-center gap-2 font-semibold">
              <FlaskConical aria-hidden className="size-4" /> 실습
            </h3>
            {session.labs.length > 0 ? (
              <ul className="grid gap-1">
                {session.labs.map((lab) => (
                  <li key={lab.id}>
                    <Link
                      href={`/labs/${lab.id}`}
                      className="text-primary underline-offset-4 hover:underline"
                    >
                      {lab.id}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-muted-foreground">이 세션의 실습은 준비 중입니다.</p>
            )}
          </section>
          <section aria-labelledby={`${headingId}-quiz`}>
            <h3 id={`${headingId}-quiz`} className="mb-2 flex items-center gap-2 font-semibold">
              <ClipboardCheck aria-hidden className="size-4" /> 퀴즈
            </h3>
            {session.quizFile ? (
              <Link
                href={`${lessonHref}/quiz`}
                className="text-primary underline-offset-4 hover:underline"
              >
                세션 마무리 퀴즈 풀기
              </Link>
            ) : (
              <p className="text-sm text-muted-foreground">이 세션의 퀴즈는 준비 중입니다.</p>
            )}
          </section>
        </div>

        <div>
          <Button asChild>
            <Link href={continueHref}>
              <BookOpen aria-hidden />
              {readCount > 0 ? "이어서 읽기" : "레슨 읽기"}
            </Link>
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
