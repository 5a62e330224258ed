import { readFileSync } from "node:fs";
import path from "node:path";
import { getSession } from "@/lib/content/catalog";
import { ContentValidationError } from "@/lib/content/content-error";
import type { SessionContent } from "@/lib/content/load-content";
import type { Quiz } from "./schema/quiz-schema";
import { validateQuiz } from "./validate-quiz";

// Server-only: the quiz with its answers. lib/content's loader validates every
// quiz.yaml up front (so content errors surface at start-up and in tests); this
// reads the one a request needs, once per process (every call in development).

export interface LoadedQuiz {
  session: SessionContent;
  quiz: Quiz;
  /** Hash of quiz.yaml: recorded with each attempt. */
  version: string;
}

const reload = process.env.NODE_ENV === "development";
const cache = new Map<string, LoadedQuiz | null>();

export function loadSessionQuiz(session: SessionContent): LoadedQuiz | null {
  if (!session.quizFile) return null;
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), session.quizFile);
  const result = validateQuiz(readFileSync(file, "utf8"), session.quizFile, {
    goals: session.meta.goals,
    anchors: session.headings.map((h) => h.id),
  });
  if (!result.ok) throw new ContentValidationError(result.issues);
  return { session, quiz: result.quiz, version: result.version };
}

/** Held per session of the content (a fixed set); unknown ids are not remembered. */
export function quizCacheSize(): number {
  return cache.size;
}

export function getQuiz(courseId: string, sessionId: string): LoadedQuiz | null {
  const key = `${courseId}/${sessionId}`;
  if (!reload && cache.has(key)) return cache.get(key)!;
  const session = getSession(courseId, sessionId);
  if (!session) return null; // ids from a request: caching misses would grow without bound
  const loaded = loadSessionQuiz(session);
  cache.set(key, loaded);
  return loaded;
}
