import Link from "next/link";
import type { CourseContent, SessionContent } from "@/lib/content/load-content";
import type { RenderedLesson } from "@/lib/content/markdown/render-lesson";
import { GlossaryList } from "./glossary-list";
import { LessonContent } from "./lesson-content";
import { LessonProgressProvider } from "./lesson-progress";
import { LessonToc, type TocEntry } from "./lesson-toc";
import { positionLabel } from "./curriculum-position";
import "./lesson.css";

/**
 * The lesson page body: breadcrumb, the lesson, its glossary, and the table of
 * contents (a sticky sidebar on wide screens, a collapsible list on phones).
 */
export function LessonPage({
  course,
  session,
  lesson,
  signedIn,
  initialRead,
}: {
  course: CourseContent;
  session: SessionContent;
  lesson: RenderedLesson;
  signedIn: boolean;
  initialRead: string[];
}) {
  const minutes = new Map(session.meta.sections.map((s) => [s.id, s.minutes]));
  const toc: TocEntry[] = session.headings
    .filter((h) => h.depth === 2 || h.depth === 3)
    .map((h) => ({ id: h.id, text: h.text, depth: h.depth, minutes: minutes.get(h.id) }));
  toc.push({ id: "glossary-heading", text: "용어 사전", depth: 2 });
  const sectionTitles = Object.fromEntries(session.meta.sections.map((s) => [s.id, s.heading]));

  return (
    <LessonProgressProvider
      courseId={course.meta.id}
      sessionId={session.id}
      signedIn={signedIn}
      initialRead={initialRead}
    >
      <div className="mx-auto max-w-6xl px-4 py-8 lg:grid lg:grid-cols-[minmax(0,1fr)_16rem] lg:gap-10">
        <div className="min-w-0">
          <nav aria-label="현재 위치" className="mb-4 text-sm text-muted-foreground">
            <Link
              href={`/courses/${course.meta.id}`}
              className="underline-offset-4 hover:underline"
            >
              {course.meta.title}
            </Link>
            <span aria-hidden> › </span>
            <span>{positionLabel(session.meta.position)}</span>
          </nav>
          {!signedIn && (
            <p className="mb-4 rounded-md border bg-muted px-3 py-2 text-sm">
              <Link
                href={`/signin?callbackUrl=${encodeURIComponent(`/courses/${course.meta.id}/${session.id}`)}`}
                className="text-primary underline"
              >
                로그인
              </Link>
              하면 읽은 섹션이 저장됩니다.
            </p>
          )}
          <details className="mb-6 rounded-md border px-3 py-2 lg:hidden">
            <summary className="cursor-pointer font-medium">목차</summary>
            <nav aria-label="목차" className="mt-2">
              <LessonToc entries={toc} />
            </nav>
          </details>
          <article className="lesson-article" data-testid="lesson-article">
            <LessonContent lesson={lesson} sectionTitles={sectionTitles} />
            <GlossaryList entries={lesson.glossary} />
          </article>
        </div>
        <aside className="hidden lg:block">
          <nav
            aria-label="목차"
            className="sticky top-20 max-h-[calc(100dvh-6rem)] overflow-y-auto"
          >
            <p className="mb-2 px-2 text-sm font-semibold">목차</p>
            <LessonToc entries={toc} />
          </nav>
        </aside>
      </div>
    </LessonProgressProvider>
  );
}
