import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentValidationError } from "@/lib/content/content-error";
import { loadContent } from "@/lib/content/load-content";
import { loadSessionQuiz } from "./quiz-catalog";
import { validateQuiz } from "./validate-quiz";

const realContent = path.join(process.cwd(), "content");
const session = loadContent(realContent)[0]!.sessions[0]!;
const quizText = readFileSync(path.join(process.cwd(), session.quizFile!), "utf8");
const lesson = { goals: session.meta.goals, anchors: session.headings.map((h) => h.id) };
const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

const issuesOf = (text: string) => {
  const r = validateQuiz(text, "quiz.yaml", lesson);
  if (r.ok) throw new Error("expected issues");
  return r.issues;
};
const lineOf = (text: string, needle: string) =>
  text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("the session's quiz (content)", () => {
  const loaded = loadSessionQuiz(session)!;
  const { quiz } = loaded;

  it("has at least 15 questions, at least 4 per learning goal", () => {
    expect(quiz.questions.length).toBeGreaterThanOrEqual(15);
    expect(session.meta.goals).toHaveLength(3);
    for (let g = 0; g < 3; g++) {
      expect(quiz.questions.filter((q) => q.goal === g).length, `goal ${g}`).toBeGreaterThanOrEqual(
        4,
      );
    }
  });

  it("uses every question type, with explanations linking to lesson headings", () => {
    const types = new Set(quiz.questions.map((q) => q.type));
    expect([...types].sort()).toEqual([
      "cluster",
      "multiple",
      "numeric",
      "ordering",
      "short",
      "single",
    ]);
    const anchors = new Set(lesson.anchors);
    for (const q of quiz.questions) {
      expect(anchors.has(q.section), q.id).toBe(true);
      expect(q.explanation.length, q.id).toBeGreaterThan(20);
      expect(q.prompt, q.id).toMatch(/[가-힣]/);
    }
  });

  it("is versioned by its content", () => {
    expect(loaded.version).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe("validateQuiz", () => {
  it("reports an unknown section anchor and goal at their lines", () => {
    const broken = quizText
      .replace("section: 워커-노드-컴포넌트-분석", "section: no-such-heading")
      .replace("goal: 2\n    type: numeric", "goal: 7\n    type: numeric");
    const issues = issuesOf(broken);
    expect(issues).toContainEqual({
      file: "quiz.yaml",
      line: lineOf(broken, "section: no-such-heading"),
      field: "questions[1].section",
      message: 'no heading with anchor "no-such-heading" in the lesson',
    });
    expect(issues).toContainEqual(
      expect.objectContaining({
        line: lineOf(broken, "goal: 7"),
        message: "the lesson has 3 goals (0..2)",
      }),
    );
  });

  it("needs exactly one correct option for single choice and a known type", () => {
    const broken = quizText.replace(
      "- { id: cri, text: CRI (Container Runtime Interface), correct: true }",
      "- { id: cri, text: CRI (Container Runtime Interface) }",
    );
    expect(issuesOf(broken)).toContainEqual(
      expect.objectContaining({
        message: "a single-choice question needs exactly one correct option (has 0)",
      }),
    );
    const unknown = quizText.replace("type: numeric", "type: essay");
    expect(issuesOf(unknown)[0]).toMatchObject({ line: lineOf(unknown, "type: essay") });
  });

  it("refuses duplicate ids, unknown fields and a goal without questions", () => {
    const dup = quizText.replace("- id: odd-members", "- id: quorum-five");
    expect(issuesOf(dup)).toContainEqual(
      expect.objectContaining({ message: 'duplicate id "quorum-five"' }),
    );
    const extra = quizText.replace("  passPercent: 70", "  passPercent: 70\n  bonus: 3");
    expect(issuesOf(extra)).toContainEqual(
      expect.objectContaining({
        field: "settings.bonus",
        message: "unknown field",
        line: lineOf(extra, "bonus: 3"),
      }),
    );
    const r = validateQuiz(quizText, "quiz.yaml", {
      ...lesson,
      goals: [...lesson.goals, "네 번째 목표"],
    });
    expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([
      'no question checks goal 3 ("네 번째 목표")',
    ]);
  });

  it("makes the content loader fail on a broken quiz, naming the file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kubelab-quiz-"));
    temps.push(dir);
    cpSync(realContent, dir, { recursive: true });
    const file = path.join(dir, "kubernetes/week-2/day-3/session-2/quiz.yaml");
    writeFileSync(file, quizText.replace("passPercent: 70", "passPercent: 170"));
    let error: unknown;
    try {
      loadContent(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentValidationError);
    expect((error as ContentValidationError).issues).toEqual([
      expect.objectContaining({
        field: "settings.passPercent",
        line: lineOf(quizText, "passPercent"),
      }),
    ]);
  });
});
