import { z } from "zod";
import { contentId } from "./course-schema";

const positiveInt = z.int().positive();

const sectionSchema = z.strictObject({
  /** Stable id: the anchor of the section and the key of reading progress. */
  id: contentId,
  /** Text of the `## ` heading in the lesson body that opens this section. */
  heading: z.string().min(1),
  minutes: positiveInt,
});

const keywordSchema = z.strictObject({
  term: z.string().min(1),
  /** Short Korean definition shown on hover. */
  definition: z.string().min(5).max(200),
  /** Text of the heading (any level) where the term is explained. */
  explainedIn: z.string().min(1),
});

const referenceSchema = z.strictObject({
  title: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
});

const labLinksSchema = z.strictObject({
  /** Lab whose terminal runs the lesson's kubectl/etcdctl commands. */
  commandLab: contentId,
  /** First match wins: a command containing `contains` opens `lab` instead. */
  commandOverrides: z
    .array(z.strictObject({ contains: z.string().min(1), lab: contentId }))
    .default([]),
  /** Lab whose editor opens the lesson's kubeadm configuration. */
  editorLab: contentId,
});

/** Front matter of content/<course>/week-<n>/day-<n>/session-<n>/lesson.md */
export const lessonFrontMatterSchema = z
  .strictObject({
    id: contentId,
    title: z.string().min(1),
    position: z.strictObject({ week: positiveInt, day: positiveInt, session: positiveInt }),
    summary: z.string().min(1),
    durationMinutes: positiveInt,
    goals: z.array(z.string().min(1)).min(1),
    sections: z.array(sectionSchema).min(1),
    keywordsHeading: z.string().min(1),
    keywords: z.array(keywordSchema).min(1),
    labLinks: labLinksSchema,
    references: z.array(referenceSchema).default([]),
  })
  .superRefine((fm, ctx) => {
    const total = fm.sections.reduce((sum, s) => sum + s.minutes, 0);
    if (total !== fm.durationMinutes) {
      ctx.addIssue({
        code: "custom",
        path: ["durationMinutes"],
        message: `sections add up to ${total} minutes, not ${fm.durationMinutes}`,
      });
    }
    const seen = new Map<string, number>();
    fm.sections.forEach((s, i) => {
      if (seen.has(s.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["sections", i, "id"],
          message: `duplicate id "${s.id}"`,
        });
      }
      seen.set(s.id, i);
      // The heading states its minutes ("(20분)"); both must agree.
      const stated = /\((\d+)분\)\s*$/.exec(s.heading);
      if (stated && Number(stated[1]) !== s.minutes) {
        ctx.addIssue({
          code: "custom",
          path: ["sections", i, "minutes"],
          message: `heading says ${stated[1]}분 but minutes is ${s.minutes}`,
        });
      }
    });
    const terms = new Set<string>();
    fm.keywords.forEach((k, i) => {
      if (terms.has(k.term)) {
        ctx.addIssue({
          code: "custom",
          path: ["keywords", i, "term"],
          message: `duplicate term "${k.term}"`,
        });
      }
      terms.add(k.term);
    });
  });

export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;
export type LessonSectionMeta = LessonFrontMatter["sections"][number];
export type LessonKeyword = LessonFrontMatter["keywords"][number];
