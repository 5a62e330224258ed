// Everything the insight page shows for one class, for a viewer who teaches it.

import type { SessionUser } from "@/lib/auth/session";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SERVER_TIME_ZONE } from "@/lib/i18n";
import { requireClassInstructor, type ClassRef } from "../access";
import { matrixOfClass, type MatrixOptions } from "../matrix/class-matrix";
import { quizQuestion } from "../content-sources";
import { describeResponse } from "./describe-response";
import { checkFailures, type CheckFailure } from "./check-failures";
import {
  completionSeries,
  dailyCompletions,
  scoreHistogram,
  type Bucket,
  type CompletionPoint,
} from "./completion-series";
import { quizAnswerDistribution, type QuestionDistribution } from "./quiz-answers";

export interface ClassInsight {
  class: ClassRef;
  memberCount: number;
  checks: CheckFailure[];
  questions: (Omit<QuestionDistribution, "answers"> & {
    prompt: string | null;
    answers: (QuestionDistribution["answers"][number] & { label: string })[];
  })[];
  completion: CompletionPoint[];
  /** Per quiz column: histogram of the counted scores. */
  quizScores: { key: string; label: string; buckets: Bucket[] }[];
  /** Histogram of the learners' completion percent. */
  completionBuckets: Bucket[];
}

export async function classInsight(
  prisma: PrismaClient,
  viewer: SessionUser,
  classId: string,
  options: MatrixOptions = {},
): Promise<ClassInsight> {
  const cls = await requireClassInstructor(prisma, viewer, classId);
  const [matrix, checks, questions, events] = await Promise.all([
    matrixOfClass(prisma, cls, options),
    checkFailures(prisma, classId),
    quizAnswerDistribution(prisma, classId, cls.courseId),
    dailyCompletions(prisma, classId, cls.courseId),
  ]);
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: SERVER_TIME_ZONE }).format(
    options.now ?? new Date(),
  );
  return {
    class: cls,
    memberCount: matrix.rows.length,
    checks,
    questions: questions.map((q) => {
      const info = quizQuestion(cls.courseId, q.sessionId, q.questionId);
      return {
        ...q,
        prompt: info?.prompt ?? null,
        answers: q.answers.map((a) => ({
          ...a,
          label: describeResponse(a.response, info?.labels ?? {}),
        })),
      };
    }),
    completion: completionSeries(events, matrix.columns, matrix.rows.length, today),
    quizScores: matrix.columns
      .filter((c) => c.kind === "quiz")
      .map((c) => ({
        key: c.key,
        label: c.label,
        buckets: scoreHistogram(
          matrix.rows.flatMap((r) => {
            const p = r.cells[c.key]?.percent;
            return p === undefined ? [] : [p];
          }),
        ),
      })),
    completionBuckets: scoreHistogram(matrix.rows.map((r) => r.completion)),
  };
}
