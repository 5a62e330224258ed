import type { QuizAnswer } from "@/lib/generated/prisma/client";
import type { SandboxState } from "@/lib/sim";
import { hasPassed } from "../attempt-policy";
import { probeCluster } from "../cluster-probes";
import { gradeQuestion, type ClusterTruth, type GradedAnswer } from "../grading/grade-question";
import { storedResponseSchema, type StoredResponse } from "../responses";
import type { ClusterProbe, Quiz } from "../schema/quiz-schema";

// Grades a whole attempt from its saved answers (pure; the service stores the result).

export interface GradedAttempt {
  perQuestion: Map<string, GradedAnswer & { response: StoredResponse | null }>;
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
}

export function probesOf(quiz: Quiz): ClusterProbe[] {
  return [...new Set(quiz.questions.flatMap((q) => (q.type === "cluster" ? [q.probe] : [])))];
}

export function clusterTruths(
  quiz: Quiz,
  state: SandboxState | null,
): Map<ClusterProbe, ClusterTruth> {
  const out = new Map<ClusterProbe, ClusterTruth>();
  if (state) for (const p of probesOf(quiz)) out.set(p, probeCluster(state, p));
  return out;
}

/** A stored answer, or null for none (`{}` marks a question left unanswered). */
export function storedResponse(
  row: Pick<QuizAnswer, "response"> | undefined,
): StoredResponse | null {
  const parsed = storedResponseSchema.safeParse(row?.response);
  return parsed.success ? parsed.data : null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function gradeAttempt(
  quiz: Quiz,
  answers: readonly Pick<QuizAnswer, "questionId" | "response">[],
  truths: ReadonlyMap<ClusterProbe, ClusterTruth>,
): GradedAttempt {
  const perQuestion: GradedAttempt["perQuestion"] = new Map();
  let score = 0;
  let maxScore = 0;
  for (const q of quiz.questions) {
    const response = storedResponse(answers.find((a) => a.questionId === q.id));
    const graded = gradeQuestion(
      q,
      response ?? undefined,
      q.type === "cluster" ? truths.get(q.probe) : undefined,
    );
    perQuestion.set(q.id, { ...graded, response });
    score += graded.points;
    maxScore += graded.maxPoints;
  }
  score = round2(score);
  const percent = maxScore === 0 ? 0 : round2((score / maxScore) * 100);
  return { perQuestion, score, maxScore, percent, passed: hasPassed(quiz.settings, percent) };
}
