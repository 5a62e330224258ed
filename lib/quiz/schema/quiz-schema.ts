import { z } from "zod";
import { contentId } from "@/lib/content/schema/course-schema";

// The schema of content/<course>/week-<n>/day-<n>/session-<n>/quiz.yaml.
// Everything the grader needs (correct options, accepted answers, explanations)
// lives here and stays on the server; see lib/quiz/client-view.ts for what the
// browser receives before submission.

const text = z.string().trim().min(1);
const points = z.number().positive().max(100).default(1);

const base = {
  id: contentId,
  /** Index (0-based) of the learning goal in the lesson's `goals` it checks. */
  goal: z.int().min(0),
  points,
  prompt: text,
  /** Shown after submission (see settings.reveal). */
  explanation: text,
  /** Anchor of the lesson heading that teaches it (a section id or a sub-heading slug). */
  section: text,
};

const option = z.strictObject({ id: contentId, text, correct: z.boolean().default(false) });

const singleQuestion = z.strictObject({
  ...base,
  type: z.literal("single"),
  options: z.array(option).min(2).max(8),
});

const multipleQuestion = z.strictObject({
  ...base,
  type: z.literal("multiple"),
  options: z.array(option).min(3).max(8),
});

const orderingQuestion = z.strictObject({
  ...base,
  type: z.literal("ordering"),
  /** In the correct order; shown shuffled. */
  items: z
    .array(z.strictObject({ id: contentId, text }))
    .min(3)
    .max(8),
});

const shortQuestion = z.strictObject({
  ...base,
  type: z.literal("short"),
  /** Every accepted spelling; compared after normalization (lib/quiz/grading/normalize-answer.ts). */
  accepted: z.array(text).min(1),
  placeholder: text.optional(),
});

const numericQuestion = z.strictObject({
  ...base,
  type: z.literal("numeric"),
  answer: z.number().finite(),
  tolerance: z.number().min(0).default(0),
  unit: text.optional(),
});

/** What a cluster question reads from the learner's live sandbox (lib/quiz/cluster-probes.ts). */
export const clusterProbes = [
  "scheduler-leader-node",
  "controller-manager-leader-node",
  "etcd-leader-member",
  "etcd-member-count",
  "ready-node-count",
] as const;
export type ClusterProbe = (typeof clusterProbes)[number];

const clusterQuestion = z.strictObject({
  ...base,
  type: z.literal("cluster"),
  probe: z.enum(clusterProbes),
  /** A command to suggest for finding the answer (shown with the prompt). */
  hint: text.optional(),
  placeholder: text.optional(),
});

export const questionSchema = z.discriminatedUnion("type", [
  singleQuestion,
  multipleQuestion,
  orderingQuestion,
  shortQuestion,
  numericQuestion,
  clusterQuestion,
]);

export const revealPolicies = ["after-submit", "after-final-attempt", "never"] as const;
export type RevealPolicy = (typeof revealPolicies)[number];

const settingsSchema = z.strictObject({
  /** Attempts a learner may start; 0 = unlimited. */
  attempts: z.int().min(0).max(100).default(0),
  /** Optional time limit per attempt. */
  timeLimitMinutes: z.int().positive().max(600).optional(),
  shuffleQuestions: z.boolean().default(false),
  shuffleOptions: z.boolean().default(false),
  /** Percent (0..100) of the points needed to pass. */
  passPercent: z.number().min(0).max(100).default(60),
  /** Which attempt is the learner's result. */
  counts: z.enum(["highest", "last"]).default("highest"),
  /**
   * When correct answers and explanations are shown (per-question correctness and
   * points are always shown after submission): right after each submission, only
   * once no attempt is left, or never.
   */
  reveal: z.enum(revealPolicies).default("after-submit"),
});

export const quizSchema = z
  .strictObject({
    id: contentId,
    title: text,
    description: text.optional(),
    settings: settingsSchema.prefault({}),
    questions: z.array(questionSchema).min(1),
  })
  .superRefine((quiz, ctx) => {
    const ids = new Set<string>();
    quiz.questions.forEach((q, i) => {
      if (ids.has(q.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["questions", i, "id"],
          message: `duplicate id "${q.id}"`,
        });
      }
      ids.add(q.id);
      if (q.type === "single" || q.type === "multiple") {
        const correct = q.options.filter((o) => o.correct).length;
        if (q.type === "single" && correct !== 1) {
          ctx.addIssue({
            code: "custom",
            path: ["questions", i, "options"],
            message: `a single-choice question needs exactly one correct option (has ${correct})`,
          });
        }
        if (q.type === "multiple" && correct < 1) {
          ctx.addIssue({
            code: "custom",
            path: ["questions", i, "options"],
            message: "a multiple-choice question needs at least one correct option",
          });
        }
      }
      const itemIds =
        q.type === "ordering"
          ? q.items.map((o) => o.id)
          : "options" in q
            ? q.options.map((o) => o.id)
            : [];
      const key = q.type === "ordering" ? "items" : "options";
      itemIds.forEach((id, j) => {
        if (itemIds.indexOf(id) !== j) {
          ctx.addIssue({
            code: "custom",
            path: ["questions", i, key, j, "id"],
            message: `duplicate id "${id}"`,
          });
        }
      });
    });
    if (quiz.settings.reveal === "after-final-attempt" && quiz.settings.attempts === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["settings", "reveal"],
        message: "after-final-attempt needs a limited number of attempts",
      });
    }
  });

export type Quiz = z.infer<typeof quizSchema>;
export type QuizSettings = Quiz["settings"];
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question["type"];
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;
