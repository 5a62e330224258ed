import { loadContent, type CourseContent, type SessionContent } from "./load-content";
import { renderLesson, type RenderedLesson } from "./markdown/render-lesson";

// Content is data in git: load and validate it once per server process. In
// development it is reloaded on every call so edits show without a restart.
const reload = process.env.NODE_ENV === "development";
// On globalThis: a production build bundles this module once per layer (instrumentation,
// route handlers, server components), and loading and validating the content takes a
// second or more of CPU; instrumentation.ts loads it at start for every copy.
const shared = globalThis as unknown as { kubelabCoursesV1?: CourseContent[] };
const rendered = new Map<string, Promise<RenderedLesson>>();

export function getCourses(): CourseContent[] {
  if (reload || !shared.kubelabCoursesV1) shared.kubelabCoursesV1 = loadContent();
  return shared.kubelabCoursesV1;
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
