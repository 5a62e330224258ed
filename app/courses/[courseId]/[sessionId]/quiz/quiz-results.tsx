"use client";

import { CheckCircle2, CircleMinus, XCircle } from "lucide-react";
import type { AttemptView } from "@/lib/quiz/attempts/attempt-view";
import type { PresentedQuestion, QuestionResult } from "@/lib/quiz/client-view";
import type { ClientResponse } from "@/lib/quiz/responses";
import { formatDuration, formatPoints, QuizText } from "./quiz-format";

function answerText(q: PresentedQuestion, r: ClientResponse | undefined): string {
  if (!r) return "(답하지 않음)";
  const text = new Map((q.options ?? []).map((o) => [o.key, o.text]));
  if ("choice" in r) return text.get(r.choice) ?? "";
  if ("choices" in r) return r.choices.map((k) => text.get(k)).join(", ") || "(선택 없음)";
  if ("order" in r) return r.order.map((k, i) => `${i + 1}. ${text.get(k)}`).join("  ");
  return r.text || "(빈 답)";
}

function Verdict({ r }: { r: QuestionResult }) {
  if (r.correct)
    return (
      <span className="inline-flex items-center gap-1 font-medium text-success">
        <CheckCircle2 aria-hidden className="size-4" /> 정답
      </span>
    );
  if (r.points > 0)
    return (
      <span className="inline-flex items-center gap-1 font-medium text-warning">
        <CircleMinus aria-hidden className="size-4" /> 부분 점수
      </span>
    );
  return (
    <span className="inline-flex items-center gap-1 font-medium text-destructive">
      <XCircle aria-hidden className="size-4" /> 오답
    </span>
  );
}

/** A graded attempt: score, and per question the verdict, points, and (if revealed) the answer with its explanation. */
export function QuizResults({ view, lessonHref }: { view: AttemptView; lessonHref: string }) {
  const results = new Map((view.results ?? []).map((r) => [r.key, r]));
  return (
    <section aria-labelledby="quiz-result-heading" className="grid gap-4">
      <div className="rounded-lg border p-4" data-testid="quiz-score">
        <h2 id="quiz-result-heading" className="text-xl font-semibold">
          {view.number}회차 결과: {formatPoints(view.score)} / {formatPoints(view.maxScore)}점 (
          {formatPoints(view.percent)}%) — {view.passed ? "합격" : "불합격"}
        </h2>
        <p className="mt-1 text-sm text-muted-foreground">
          {view.status === "EXPIRED" ? "제한 시간이 지나 저장된 답안으로 채점되었습니다. " : ""}
          걸린 시간 {formatDuration(view.timeTakenMs ?? 0)}
        </p>
        {!view.revealed && (
          <p className="mt-1 text-sm text-muted-foreground">
            이 퀴즈는 정답과 해설을 아직 공개하지 않습니다.
          </p>
        )}
      </div>
      <ol className="grid gap-3">
        {view.questions.map((q) => {
          const r = results.get(q.key);
          if (!r) return null;
          return (
            <li key={q.key} className="rounded-lg border p-4" data-testid="quiz-result">
              <p className="font-medium">
                <span className="mr-2 text-primary tabular-nums">{q.number}.</span>
                <QuizText text={q.prompt} />
              </p>
              <p className="mt-2 flex flex-wrap items-center gap-3 text-sm">
                <Verdict r={r} />
                <span className="tabular-nums">
                  {formatPoints(r.points)} / {formatPoints(r.maxPoints)}점
                </span>
              </p>
              <p className="mt-1 text-sm">
                <span className="text-muted-foreground">내 답: </span>
                {answerText(q, view.answers[q.key])}
              </p>
              {r.reveal && (
                <div className="mt-2 grid gap-1 text-sm">
                  <p>
                    <span className="text-muted-foreground">
                      {q.type === "cluster" ? "채점 당시 클러스터의 답: " : "정답: "}
                    </span>
                    {q.type === "ordering"
                      ? r.reveal.answer.map((a, i) => `${i + 1}. ${a}`).join("  ")
                      : r.reveal.answer.join(" / ")}
                  </p>
                  <p>
                    <QuizText text={r.reveal.explanation} />
                  </p>
                  <p>
                    <a
                      className="text-primary underline-offset-4 hover:underline"
                      href={`${lessonHref}#${r.reveal.section}`}
                    >
                      레슨에서 다시 보기
                    </a>
                  </p>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
