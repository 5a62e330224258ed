import type { LessonHeading } from "./lesson-outline";
import type { LessonFrontMatter } from "./schema/lesson-schema";

export interface BodyProblem {
  path: PropertyKey[];
  field: string;
  message: string;
}

/**
 * Cross-checks the front matter against the Markdown body: every timed section,
 * the keyword heading and every keyword's explanation must exist as headings,
 * in the stated order, and every keyword must appear in the keyword list.
 */
export function checkLessonBody(
  meta: LessonFrontMatter,
  headings: readonly LessonHeading[],
  textUnder: (heading: string) => string | null,
): BodyProblem[] {
  const problems: BodyProblem[] = [];
  const h2 = headings.filter((h) => h.depth === 2);
  let lastIndex = -1;
  meta.sections.forEach((section, i) => {
    const index = h2.findIndex((h) => h.text === section.heading);
    if (index < 0) {
      problems.push({
        path: ["sections", i, "heading"],
        field: `sections[${i}].heading`,
        message: `no "## ${section.heading}" heading in the lesson body`,
      });
    } else if (index < lastIndex) {
      problems.push({
        path: ["sections", i, "heading"],
        field: `sections[${i}].heading`,
        message: "sections must be listed in the order of the lesson body",
      });
    }
    lastIndex = Math.max(lastIndex, index);
  });

  const keywordText = textUnder(meta.keywordsHeading);
  if (keywordText === null) {
    problems.push({
      path: ["keywordsHeading"],
      field: "keywordsHeading",
      message: `no "${meta.keywordsHeading}" heading in the lesson body`,
    });
  }
  const headingTexts = new Set(headings.map((h) => h.text));
  meta.keywords.forEach((k, i) => {
    if (!headingTexts.has(k.explainedIn)) {
      problems.push({
        path: ["keywords", i, "explainedIn"],
        field: `keywords[${i}].explainedIn`,
        message: `no heading "${k.explainedIn}" in the lesson body`,
      });
    }
    if (keywordText !== null && !keywordText.includes(k.term)) {
      problems.push({
        path: ["keywords", i, "term"],
        field: `keywords[${i}].term`,
        message: `"${k.term}" does not appear under "${meta.keywordsHeading}"`,
      });
    }
  });
  return problems;
}
