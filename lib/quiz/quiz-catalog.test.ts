// The quiz catalog's per-process cache holds the content's sessions only: ids come from
// requests, and remembering every unknown one would grow the process without bound.
import { describe, expect, it } from "vitest";
import { getCourses } from "@/lib/content/catalog";
import { getQuiz, quizCacheSize } from "./quiz-catalog";

describe("quiz catalog cache", () => {
  it("remembers known sessions and forgets unknown ids", () => {
    const session = getCourses()
      .flatMap((c) => c.sessions)
      .find((s) => s.quizFile)!;
    expect(getQuiz(session.courseId, session.id)?.quiz).toBeDefined();
    const known = quizCacheSize();
    for (let i = 0; i < 500; i++) expect(getQuiz("kubernetes", `no-such-session-${i}`)).toBeNull();
    expect(getQuiz(`../course-${Math.random()}`, "x")).toBeNull();
    expect(quizCacheSize()).toBe(known);
    expect(getQuiz(session.courseId, session.id)).toBe(getQuiz(session.courseId, session.id));
  });
});
