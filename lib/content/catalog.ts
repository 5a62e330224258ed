import { loadContent, type CourseContent, type SessionContent } from "./load-content";
import { renderLesson, type RenderedLesson } from "./markdown/render-lesson";

// Content is data in git: load and validate it once per server process. In
// development it is reloaded on every call so edits show without a restart.
const reload = process.env.NODE_ENV === "development";
let courses: CourseContent[] | undefined;
const rendered = new Map<string, Promise<RenderedLesson>>();

export function getCourses(): CourseContent[] {
  if (reload || !courses) courses = loadContent();
  return courses;
}

export function getCourse(courseId: string): CourseContent | null {
  return getCourses().find((c) => c.meta.id === courseId) ?? null;
}

export function getSession(courseId: string, sessionId: string): SessionContent | null {
  return getCourse(courseId)?.sessions.find((s) => s.id === sessionId) ?? null;
}

/** Whether a (course, session, section) triple names a timed section of the content. */
export function isKnownSection(courseId: string, sessionId: string, sectionId: string): boolean {
  return !!getSession(courseId, sessionId)?.meta.sections.some((s) => s.id === sectionId);
}

export function getRenderedLesson(session: SessionContent): Promise<RenderedLesson> {
  const key = `${session.courseId}/${session.id}`;
  let lesson = reload ? undefined : rendered.get(key);
  if (!lesson) {
    lesson = renderLesson(session);
    rendered.set(key, lesson);
    lesson.catch(() => rendered.delete(key));
  }
  return lesson;
}
