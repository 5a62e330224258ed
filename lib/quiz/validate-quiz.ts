import { createHash } from "node:crypto";
import type { ContentIssue } from "@/lib/content/content-error";
import { validateYaml } from "@/lib/content/validate-yaml";
import { quizSchema, type Quiz } from "./schema/quiz-schema";

/** What a quiz is checked against: the lesson next to it. */
export interface LessonFacts {
  goals: readonly string[];
  /** Anchor ids of the lesson's headings (section ids and sub-heading slugs). */
  anchors: readonly string[];
}

export type QuizValidation =
  { ok: true; quiz: Quiz; version: string } | { ok: false; issues: ContentIssue[] };

/**
 * Parses and validates quiz.yaml (schema, then the links to its lesson), every
 * problem as file:line:field like the rest of content/.
 */
export function validateQuiz(text: string, file: string, lesson: LessonFacts): QuizValidation {
  const parsed = validateYaml(text, quizSchema, file);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const quiz = parsed.value;
  const issues: ContentIssue[] = [];
  const anchors = new Set(lesson.anchors);
  const issue = (path: (string | number)[], field: string, message: string) =>
    issues.push({ file, line: parsed.lineOf(path), field, message });

  quiz.questions.forEach((q, i) => {
    if (q.goal >= lesson.goals.length) {
      issue(
        ["questions", i, "goal"],
        `questions[${i}].goal`,
        `the lesson has ${lesson.goals.length} goals (0..${lesson.goals.length - 1})`,
      );
    }
    if (!anchors.has(q.section)) {
      issue(
        ["questions", i, "section"],
        `questions[${i}].section`,
        `no heading with anchor "${q.section}" in the lesson`,
      );
    }
  });
  lesson.goals.forEach((goal, g) => {
    if (!quiz.questions.some((q) => q.goal === g)) {
      issue(["questions"], "questions", `no question checks goal ${g} ("${goal}")`);
    }
  });
  if (issues.length > 0) return { ok: false, issues };
  const version = createHash("sha256").update(text).digest("hex").slice(0, 12);
  return { ok: true, quiz, version };
}
