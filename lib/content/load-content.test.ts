import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentValidationError, type ContentIssue } from "./content-error";
import { loadContent } from "./load-content";

const fixtures = path.join(import.meta.dirname, "test-fixtures");
const realContent = path.join(process.cwd(), "content");
const temps: string[] = [];

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the real content in a temp folder, so a test can break one thing. */
function copyOfRealContent(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "kubelab-content-"));
  temps.push(dir);
  cpSync(realContent, dir, { recursive: true });
  return dir;
}

const lessonOf = (root: string) => path.join(root, "kubernetes/week-2/day-3/session-2/lesson.md");

function editLesson(root: string, from: string, to: string) {
  const file = lessonOf(root);
  const text = readFileSync(file, "utf8");
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

function issuesOf(root: string): ContentIssue[] {
  try {
    loadContent(root);
  } catch (e) {
    expect(e).toBeInstanceOf(ContentValidationError);
    return [...(e as ContentValidationError).issues];
  }
  throw new Error("content loaded without errors");
}

function lineOf(file: string, needle: string): number {
  return (
    readFileSync(file, "utf8")
      .split("\n")
      .findIndex((l) => l.includes(needle)) + 1
  );
}

describe("loadContent", () => {
  it("loads the real course with its session in curriculum order", () => {
    const [course] = loadContent(realContent);
    expect(course?.meta.id).toBe("kubernetes");
    const session = course!.sessions[0]!;
    expect(session.id).toBe("architecture");
    expect(session.meta.position).toEqual({ week: 2, day: 3, session: 2 });
    expect(session.meta.sections.map((s) => s.minutes)).toEqual([5, 20, 15, 10, 7, 3]);
    expect(session.lessonFile).toBe("content/kubernetes/week-2/day-3/session-2/lesson.md");
    // Heading lines point into the file itself, front matter included.
    const h = session.headings.find((x) => x.text === "토론 주제")!;
    expect(h.line).toBe(lineOf(lessonOf(realContent), "### 토론 주제"));
  });

  it("names file, line and field of a wrong type in the broken fixture", () => {
    const root = path.join(fixtures, "broken");
    const file = path.join(root, "demo/week-1/day-1/session-1/lesson.md");
    const issues = issuesOf(root);
    expect(issues).toEqual([
      expect.objectContaining({
        file: path.relative(process.cwd(), file),
        line: lineOf(file, 'minutes: "five"'),
        field: "sections[1].minutes",
      }),
    ]);
    try {
      loadContent(root);
    } catch (e) {
      expect(String((e as Error).message)).toContain(
        `lib/content/test-fixtures/broken/demo/week-1/day-1/session-1/lesson.md:${lineOf(file, 'minutes: "five"')}: sections[1].minutes:`,
      );
    }
  });

  it("rejects minutes that do not add up to the session duration", () => {
    const root = copyOfRealContent();
    editLesson(root, "durationMinutes: 60", "durationMinutes: 50");
    const [issue] = issuesOf(root);
    expect(issue).toMatchObject({
      field: "durationMinutes",
      line: lineOf(lessonOf(root), "durationMinutes:"),
    });
    expect(issue?.message).toContain("60 minutes, not 50");
  });

  it("rejects minutes that contradict the heading", () => {
    const root = copyOfRealContent();
    editLesson(root, "    minutes: 15\n", "    minutes: 14\n");
    editLesson(root, "durationMinutes: 60", "durationMinutes: 59");
    expect(issuesOf(root)).toEqual([
      expect.objectContaining({
        field: "sections[2].minutes",
        message: "heading says 15분 but minutes is 14",
      }),
    ]);
  });

  it("rejects a section heading missing from the body", () => {
    const root = copyOfRealContent();
    editLesson(root, "## 5. 토론 및 정리 (3분)", "## 5. 토론 (3분)");
    const issues = issuesOf(root);
    expect(issues).toEqual([
      expect.objectContaining({
        field: "sections[5].heading",
        line: lineOf(lessonOf(root), "heading: 5. 토론 및 정리 (3분)"),
      }),
    ]);
  });

  it("rejects a keyword whose explanation heading does not exist", () => {
    const root = copyOfRealContent();
    editLesson(root, "explainedIn: 통신 보안 및 인증\n", "explainedIn: 보안\n");
    const issues = issuesOf(root);
    expect(issues[0]).toMatchObject({ field: "keywords[10].explainedIn" });
  });

  it("rejects a position that disagrees with the folders", () => {
    const root = copyOfRealContent();
    editLesson(root, "  day: 3\n", "  day: 4\n");
    expect(issuesOf(root)).toEqual([
      expect.objectContaining({ field: "position.day", line: lineOf(lessonOf(root), "  day: 4") }),
    ]);
  });

  it("reports YAML syntax errors with their line", () => {
    const root = copyOfRealContent();
    editLesson(root, "summary: ", "summary: [unclosed ");
    const [issue] = issuesOf(root);
    expect(issue).toMatchObject({ field: "(yaml)" });
    expect(issue!.line).toBeGreaterThanOrEqual(lineOf(lessonOf(root), "summary: [unclosed"));
  });

  it("rejects unknown fields and misnamed folders", () => {
    const root = copyOfRealContent();
    editLesson(root, "durationMinutes: 60", "durationMinutes: 60\nlevel: hard");
    renameSync(path.join(root, "kubernetes/week-2"), path.join(root, "kubernetes/week2"));
    const issues = issuesOf(root);
    expect(issues).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/kubernetes\/week2$/),
        field: "(folder)",
      }),
    ]);
    renameSync(path.join(root, "kubernetes/week2"), path.join(root, "kubernetes/week-2"));
    expect(issuesOf(root)).toEqual([
      expect.objectContaining({
        field: "level",
        line: lineOf(lessonOf(root), "level: hard"),
        message: "unknown field",
      }),
    ]);
  });
});

describe("lab files with the lesson", () => {
  it("reports a lesson link to a lab the session does not have, and a broken lab file", () => {
    const root = copyOfRealContent();
    editLesson(root, "commandLab: cluster-anatomy", "commandLab: cluster-anatomyy");
    const labFile = path.join(root, "kubernetes/week-2/day-3/session-2/labs/pod-journey.yaml");
    writeFileSync(
      labFile,
      readFileSync(labFile, "utf8").replace("estimatedMinutes: 25", "estimatedMinutes: soon"),
    );
    const issues = issuesOf(root);
    expect(issues).toContainEqual({
      file: expect.stringMatching(/session-2\/lesson\.md$/),
      line: lineOf(lessonOf(root), "commandLab: cluster-anatomyy"),
      field: "labLinks.commandLab",
      message: expect.stringMatching(/^no lab "cluster-anatomyy" in /),
    });
    expect(issues).toContainEqual({
      file: expect.stringMatching(/labs\/pod-journey\.yaml$/),
      line: lineOf(labFile, "estimatedMinutes: soon"),
      field: "estimatedMinutes",
      message: expect.any(String),
    });
  });
});
