import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ContentValidationError, formatFieldPath, type ContentIssue } from "./content-error";
import { outlineOf, parseMarkdown, textUnderHeading, type LessonHeading } from "./lesson-outline";
import { courseSchema, type CourseMeta } from "./schema/course-schema";
import { lessonFrontMatterSchema, type LessonFrontMatter } from "./schema/lesson-schema";
import { validateYaml } from "./validate-yaml";
import { checkLessonBody } from "./check-lesson-body";
import { validateQuiz } from "@/lib/quiz/validate-quiz";
import { validateLabFile } from "../labs/load-labs";
import type { LabDefinition } from "../labs/schema/lab-schema";

export interface LabRef {
  id: string;
  file: string;
  /** The lab's YAML as parsed, before per-learner `{{param}}` values are filled (lib/labs). */
  raw: unknown;
  /** The validated definition with a sample learner's parameters. */
  sample: LabDefinition;
}

export interface SessionContent {
  courseId: string;
  id: string;
  /** Folder relative to the working directory, e.g. content/kubernetes/week-2/day-3/session-2 */
  dir: string;
  lessonFile: string;
  meta: LessonFrontMatter;
  /** Markdown after the front matter */
  body: string;
  bodyFirstLine: number;
  headings: LessonHeading[];
  /** labs/*.yaml of the session; their schema belongs to the labs feature. */
  labs: LabRef[];
  quizFile: string | null;
}

export interface CourseContent {
  meta: CourseMeta;
  dir: string;
  /** Ordered by week, day, session */
  sessions: SessionContent[];
}

const WEEK = /^week-(\d+)$/;
const DAY = /^day-(\d+)$/;
const SESSION = /^session-(\d+)$/;
const LAB_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.ya?ml$/;

// Content folders are only known at run time; tell Turbopack not to trace the
// whole project because of these joins (content/ is read from the working dir).
function join(...parts: string[]): string {
  return path.join(/*turbopackIgnore: true*/ ...parts);
}

function subdirs(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith(".") && statSync(join(dir, name)).isDirectory())
    .sort();
}

function rel(p: string): string {
  return path.relative(process.cwd(), p).split(path.sep).join("/");
}

/**
 * Loads and validates every course under `contentRoot` (default ./content).
 * Collects all problems before failing, so one run shows every mistake.
 */
export function loadContent(contentRoot = join(process.cwd(), "content")): CourseContent[] {
  const issues: ContentIssue[] = [];
  const courses: CourseContent[] = [];
  for (const courseFolder of subdirs(contentRoot)) {
    const course = loadCourse(join(contentRoot, courseFolder), courseFolder, issues);
    if (course) courses.push(course);
  }
  if (issues.length > 0) throw new ContentValidationError(issues);
  return courses;
}

function loadCourse(dir: string, folder: string, issues: ContentIssue[]): CourseContent | null {
  const file = join(dir, "course.yaml");
  if (!existsSync(file)) {
    issues.push({ file: rel(file), line: 1, field: "(file)", message: "missing course.yaml" });
    return null;
  }
  const parsed = validateYaml(readFileSync(file, "utf8"), courseSchema, rel(file));
  if (!parsed.ok) {
    issues.push(...parsed.issues);
    return null;
  }
  if (parsed.value.id !== folder) {
    issues.push({
      file: rel(file),
      line: parsed.lineOf(["id"]),
      field: "id",
      message: `must equal the folder name "${folder}"`,
    });
  }
  const sessions: SessionContent[] = [];
  for (const week of subdirs(dir)) {
    const w = WEEK.exec(week);
    if (!w) {
      issues.push(folderIssue(join(dir, week), "week-<n>"));
      continue;
    }
    for (const day of subdirs(join(dir, week))) {
      const d = DAY.exec(day);
      if (!d) {
        issues.push(folderIssue(join(dir, week, day), "day-<n>"));
        continue;
      }
      for (const session of subdirs(join(dir, week, day))) {
        const s = SESSION.exec(session);
        const sessionDir = join(dir, week, day, session);
        if (!s) {
          issues.push(folderIssue(sessionDir, "session-<n>"));
          continue;
        }
        const position = { week: Number(w[1]), day: Number(d[1]), session: Number(s[1]) };
        const loaded = loadSession(sessionDir, folder, position, issues);
        if (loaded) sessions.push(loaded);
      }
    }
  }
  const ids = new Set<string>();
  for (const s of sessions) {
    if (ids.has(s.id)) {
      issues.push({
        file: s.lessonFile,
        line: 2,
        field: "id",
        message: `duplicate session id "${s.id}" in course`,
      });
    }
    ids.add(s.id);
  }
  const order = (s: SessionContent) =>
    s.meta.position.week * 1e6 + s.meta.position.day * 1e3 + s.meta.position.session;
  sessions.sort((a, b) => order(a) - order(b));
  return { meta: parsed.value, dir: rel(dir), sessions };
}

function folderIssue(dir: string, expected: string): ContentIssue {
  return {
    file: rel(dir),
    line: 1,
    field: "(folder)",
    message: `folder name must look like ${expected}`,
  };
}

function loadSession(
  dir: string,
  courseId: string,
  position: { week: number; day: number; session: number },
  issues: ContentIssue[],
): SessionContent | null {
  const lessonPath = join(dir, "lesson.md");
  const lessonFile = rel(lessonPath);
  if (!existsSync(lessonPath)) {
    issues.push({ file: lessonFile, line: 1, field: "(file)", message: "missing lesson.md" });
    return null;
  }
  const source = readFileSync(lessonPath, "utf8").replace(/\r\n/g, "\n");
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (!fm) {
    issues.push({
      file: lessonFile,
      line: 1,
      field: "(front matter)",
      message: "must start with a --- front matter block ---",
    });
    return null;
  }
  const parsed = validateYaml(fm[1]!, lessonFrontMatterSchema, lessonFile, 2);
  if (!parsed.ok) {
    issues.push(...parsed.issues);
    return null;
  }
  const meta = parsed.value;
  const before = issues.length;
  for (const key of ["week", "day", "session"] as const) {
    if (meta.position[key] !== position[key]) {
      issues.push({
        file: lessonFile,
        line: parsed.lineOf(["position", key]),
        field: `position.${key}`,
        message: `is ${meta.position[key]} but the folder says ${position[key]}`,
      });
    }
  }
  const body = source.slice(fm[0].length);
  const bodyFirstLine = fm[0].split("\n").length;
  const tree = parseMarkdown(body);
  const sectionIds = new Map(meta.sections.map((s) => [s.heading, s.id]));
  const { headings } = outlineOf(tree, sectionIds, bodyFirstLine);
  issues.push(
    ...checkLessonBody(meta, headings, (h) => textUnderHeading(tree, h)).map((p) => ({
      file: lessonFile,
      line: parsed.lineOf(p.path),
      field: p.field,
      message: p.message,
    })),
  );
  const labs = listLabs(dir, issues);
  // Once a session has labs, the lesson's "실습 터미널에서 실행" / "에디터에서 열기" links must open one of them.
  if (labs.length > 0) {
    const known = new Set(labs.map((l) => l.id));
    const links = meta.labLinks;
    const linked: [readonly PropertyKey[], string][] = [
      [["labLinks", "commandLab"], links.commandLab],
      [["labLinks", "editorLab"], links.editorLab],
      ...links.commandOverrides.map((o, i): [readonly PropertyKey[], string] => [
        ["labLinks", "commandOverrides", i, "lab"],
        o.lab,
      ]),
    ];
    for (const [path, id] of linked)
      if (!known.has(id))
        issues.push({
          file: lessonFile,
          line: parsed.lineOf(path),
          field: formatFieldPath(path),
          message: `no lab "${id}" in ${rel(join(dir, "labs"))}`,
        });
  }
  const quizPath = join(dir, "quiz.yaml");
  // The quiz is validated with its lesson (goals, heading anchors); lib/quiz loads it on use.
  if (existsSync(quizPath)) {
    const quiz = validateQuiz(readFileSync(quizPath, "utf8"), rel(quizPath), {
      goals: meta.goals,
      anchors: headings.map((h) => h.id),
    });
    if (!quiz.ok) issues.push(...quiz.issues);
  }
  if (issues.length > before) return null;
  return {
    courseId,
    id: meta.id,
    dir: rel(dir),
    lessonFile,
    meta,
    body,
    bodyFirstLine,
    headings,
    labs,
    quizFile: existsSync(quizPath) ? rel(quizPath) : null,
  };
}

function listLabs(dir: string, issues: ContentIssue[]): LabRef[] {
  const labsDir = join(dir, "labs");
  if (!existsSync(labsDir)) return [];
  const labs: LabRef[] = [];
  for (const name of readdirSync(labsDir).sort()) {
    const m = LAB_FILE.exec(name);
    if (!m) {
      issues.push({
        file: rel(join(labsDir, name)),
        line: 1,
        field: "(file)",
        message: "lab files are named <kebab-case-id>.yaml",
      });
      continue;
    }
    const checked = validateLabFile(join(labsDir, name), rel(join(labsDir, name)), m[1]!);
    if (!checked.ok) {
      issues.push(...checked.issues);
      continue;
    }
    labs.push({
      id: m[1]!,
      file: rel(join(labsDir, name)),
      raw: checked.raw,
      sample: checked.sample,
    });
  }
  return labs;
}
