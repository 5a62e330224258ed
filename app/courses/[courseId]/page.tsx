import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SessionOverview } from "@/components/lesson/session-overview";
import { getSessionUser } from "@/lib/auth/session";
import { getCourse } from "@/lib/content/catalog";
import { readSectionsOfCourse } from "@/lib/content/progress/section-progress";
import { db } from "@/lib/db/client";
import { quizResultsOfCourse } from "@/lib/quiz/attempts/results";
import { QuizResultSummary } from "./[sessionId]/quiz/quiz-result-summary";

type Params = { params: Promise<{ courseId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const course = getCourse((await params).courseId);
  return { title: course?.meta.title ?? "과정" };
}

// Readable by anyone; the learner's progress is shown when signed in.
export default async function CourseOverviewPage({ params }: Params) {
  const course = getCourse((await params).courseId);
  if (!course) notFound();
  const user = await getSessionUser();
  const [progress, quizResults] = user
    ? await Promise.all([
        readSectionsOfCourse(db(), user.id, course.meta.id),
        quizResultsOfCourse(db(), user.id, course.meta.id),
      ])
    : [null, null];
  return (
    <div className="mx-auto grid max-w-4xl gap-6 px-4 py-10">
      <header className="grid gap-2">
        <h1 className="text-3xl font-bold tracking-tight">{course.meta.title}</h1>
        <p className="text-muted-foreground">{course.meta.description}</p>
      </header>
      {course.sessions.map((session) => (
        <div key={session.id} className="grid">
          <SessionOverview
            session={session}
            signedIn={!!user}
            read={progress?.get(session.id) ?? (user ? new Map() : null)}
          />
          {quizResults && session.quizFile && (
            <QuizResultSummary
              href={`/courses/${course.meta.id}/${session.id}/quiz`}
              result={quizResults.get(session.id)}
            />
          )}
        </div>
      ))}
    </div>
  );
}
