import type { Question, QuestionOf } from "../schema/quiz-schema";
import type { StoredResponse } from "../responses";
import { matchesAccepted, parseNumericAnswer } from "./normalize-answer";

// Grading of one question on the server. Partial credit (documented for learners
// on the quiz page, see PARTIAL_CREDIT_RULES):
// - multiple (select all): (correct options chosen − wrong options chosen) ÷
//   correct options, never below 0. All right and nothing wrong = full points.
// - ordering: adjacent pairs of the learner's order that are also adjacent, in
//   that direction, in the right order ÷ (items − 1). Moving one block keeps most
//   of the credit; a random order keeps almost none.
// Every other type is right or wrong. Points are rounded to 2 decimals.

export interface GradedAnswer {
  correct: boolean;
  points: number;
  maxPoints: number;
  /** Cluster questions: the live value graded against (null = it has none now). */
  expected?: string | null;
}

/** The truth a cluster question is graded against, read from the sandbox beforehand. */
export type ClusterTruth = { value: string | null; accepted: readonly string[] };

export const PARTIAL_CREDIT_RULES = {
  multiple:
    "여러 개 고르기: (고른 정답 수 − 고른 오답 수) ÷ 전체 정답 수 만큼 점수를 받습니다(0점 미만은 없음).",
  ordering:
    "순서 맞추기: 나란히 놓은 두 항목이 정답에서도 같은 순서로 바로 이어지는 쌍의 비율만큼 점수를 받습니다.",
} as const;

const round2 = (n: number) => Math.round(n * 100) / 100;

function result(
  fraction: number,
  maxPoints: number,
  extra: Partial<GradedAnswer> = {},
): GradedAnswer {
  const f = Math.min(1, Math.max(0, fraction));
  return { correct: f === 1, points: round2(f * maxPoints), maxPoints, ...extra };
}

export function multipleFraction(q: QuestionOf<"multiple">, chosen: readonly string[]): number {
  const picked = new Set(chosen);
  const correct = q.options.filter((o) => o.correct);
  const right = correct.filter((o) => picked.has(o.id)).length;
  const wrong = q.options.filter((o) => !o.correct && picked.has(o.id)).length;
  return (right - wrong) / correct.length;
}

export function orderingFraction(q: QuestionOf<"ordering">, order: readonly string[]): number {
  const truth = q.items.map((i) => i.id);
  // An answer must be a permutation of the items; anything else earns nothing.
  if (order.length !== truth.length || new Set(order).size !== truth.length) return 0;
  if (order.some((id) => !truth.includes(id))) return 0;
  const next = new Map(truth.slice(0, -1).map((id, i) => [id, truth[i + 1]]));
  let pairs = 0;
  for (let i = 0; i + 1 < order.length; i++) if (next.get(order[i]!) === order[i + 1]) pairs++;
  return pairs / (truth.length - 1);
}

export function gradeQuestion(
  q: Question,
  response: StoredResponse | undefined,
  cluster?: ClusterTruth,
): GradedAnswer {
  const max = q.points;
  switch (q.type) {
    case "single": {
      const choice = response && "choice" in response ? response.choice : undefined;
      return result(q.options.some((o) => o.correct && o.id === choice) ? 1 : 0, max);
    }
    case "multiple":
      return result(
        response && "choices" in response ? multipleFraction(q, response.choices) : 0,
        max,
      );
    case "ordering":
      return result(response && "order" in response ? orderingFraction(q, response.order) : 0, max);
    case "short": {
      const text = response && "text" in response ? response.text : "";
      return result(matchesAccepted(text, q.accepted) ? 1 : 0, max);
    }
    case "numeric": {
      const text = response && "text" in response ? response.text : "";
      const n = parseNumericAnswer(text);
      return result(n !== null && Math.abs(n - q.answer) <= q.tolerance ? 1 : 0, max);
    }
    case "cluster": {
      if (!cluster) throw new Error(`cluster question ${q.id} graded without the sandbox's state`);
      const text = response && "text" in response ? response.text : "";
      return result(matchesAccepted(text, cluster.accepted) ? 1 : 0, max, {
        expected: cluster.value,
      });
    }
  }
}
