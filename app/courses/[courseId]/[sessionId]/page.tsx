import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LessonPage } from "@/components/lesson/lesson-page";
import { getSessionUser } from "@/lib/auth/session";
import { getCourse, getRenderedLesson } from "@/lib/content/catalog";
import { readSections } from "@/lib/content/progress/section-progress";
import { db } from "@/lib/db/client";

type Params = { params: Promise<{ courseId: string; sessionId: string }> };

function find(courseId: string, sessionId: string) {
  const course = getCourse(courseId);
  const session = course?.sessions.find((s) => s.id === sessionId);
  return course && session ? { course, session } : null;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { courseId, sessionId } = await params;
  const found = find(courseId, sessionId);
  return { title: found?.session.meta.title ?? "레슨", description: found?.session.meta.summary };
}

// Readable by anyone (also without JavaScript); reading progress needs sign-in.
export default async function LessonRoute({ params }: Params) {
  const { courseId, sessionId } = await params;
  const found = find(courseId, sessionId);
  if (!found) notFound();
  const { course, session } = found;
  const [user, lesson] = await Promise.all([getSessionUser(), getRenderedLesson(session)]);
  const read = user ? await readSections(db(), user.id, { courseId, sessionId }) : new Map();
  return (
    <LessonPage
      course={course}
      session={session}
      lesson={lesson}
      signedIn={!!user}
      initialRead={[...read.keys()]}
    />
  );
}
