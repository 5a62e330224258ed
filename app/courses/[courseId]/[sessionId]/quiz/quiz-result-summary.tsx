import { ClipboardCheck } from "lucide-react";
import Link from "next/link";
import type { SessionQuizResult } from "@/lib/quiz/attempts/results";
import { formatPoints } from "./quiz-format";

/** The learner's quiz result for one session, shown on the course overview. */
export function QuizResultSummary({
  href,
  result,
}: {
  href: string;
  result: SessionQuizResult | undefined;
}) {
  let text: string;
  if (!result) text = "아직 응시하지 않았습니다.";
  else if (result.inProgress) text = "응시 중인 퀴즈가 있습니다.";
  else if (result.counting)
    text = `최종 결과 ${formatPoints(result.counting.percent)}% · ${result.counting.passed ? "합격" : "불합격"}`;
  else text = "채점된 응시가 없습니다.";
  const used = result
    ? ` (응시 ${result.attemptsUsed}회${result.attemptsLeft !== null ? `, 남은 ${result.attemptsLeft}회` : ""})`
    : "";
  return (
    <p
      className="mx-4 flex flex-wrap items-center gap-2 rounded-b-lg border border-t-0 bg-muted/40 px-4 py-2 text-sm"
      data-testid="quiz-result-summary"
    >
      <ClipboardCheck aria-hidden className="size-4 text-primary" />
      <span className="font-medium">세션 마무리 퀴즈:</span>
      <span>
        {text}
        {used}
      </span>
      <Link href={href} className="text-primary underline-offset-4 hover:underline">
        {result?.inProgress ? "이어서 풀기" : result ? "퀴즈 보기" : "퀴즈 풀기"}
      </Link>
    </p>
  );
}
