import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { AuthError } from "@/lib/auth/auth-error";
import { quizOverviewListed } from "@/lib/quiz/attempts/attempt-view";
import { defaultQuizDeps } from "@/lib/quiz/attempts/deps";
import { attemptsRequester } from "@/lib/quiz/attempts/quiz-requester";
import { getQuiz } from "@/lib/quiz/quiz-catalog";
import { formatDuration, formatPoints } from "./quiz-format";
import { QuizRunner } from "./quiz-runner";

type Params = { params: Promise<{ courseId: string; sessionId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { courseId, sessionId } = await params;
  return { title: getQuiz(courseId, sessionId)?.quiz.title ?? "퀴즈" };
}

const COUNTS = { highest: "가장 높은 점수", last: "마지막 응시" } as const;
const REVEAL: Record<string, string> = {
  "after-submit": "제출 직후 정답과 해설 공개",
  "after-final-attempt": "응시 기회를 모두 쓴 뒤 정답과 해설 공개",
  never: "정답과 해설 비공개 (문항별 정오만 표시)",
};
const STATUS = { IN_PROGRESS: "응시 중", SUBMITTED: "제출", EXPIRED: "시간 초과" } as const;

// Signed-in learners only: the page holds their attempt. The client receives the
// overview (prompts and options, never answers) and talks to /api/quiz/*.
export default async function QuizPage({ params }: Params) {
  const { courseId, sessionId } = await params;
  const loaded = getQuiz(courseId, sessionId);
  if (!loaded) notFound();
  const lessonHref = `/courses/${courseId}/${sessionId}`;
  // The user's row (re-read: a deleted user or a signed-out session goes to sign-in) and
  // their attempts at this quiz in one query, as the overview route reads them.
  const ref = { courseId, sessionId };
  const { userId, attempts } = await attemptsRequester({ headers: await headers() }, ref).catch(
    (error: unknown) => {
      if (error instanceof AuthError && error.code === "unauthenticated") {
        redirect(`/signin?callbackUrl=${encodeURIComponent(`${lessonHref}/quiz`)}`);
      }
      throw error;
    },
  );
  const overview = await quizOverviewListed(await defaultQuizDeps(), userId, ref, attempts);
  const { settings } = overview;
  return (
    <div className="mx-auto grid max-w-3xl gap-6 px-4 py-10">
      <nav aria-label="이동 경로" className="text-sm text-muted-foreground">
        <Link href={`/courses/${courseId}`} className="underline-offset-4 hover:underline">
          과정
        </Link>
        {" › "}
        <Link href={lessonHref} className="underline-offset-4 hover:underline">
          {loaded.session.meta.title}
        </Link>
      </nav>
      <header className="grid gap-2">
        <h1 id="quiz-top" tabIndex={-1} className="text-3xl font-bold tracking-tight outline-none">
          {overview.title}
        </h1>
        {overview.description && <p className="text-muted-foreground">{overview.description}</p>}
      </header>
      <section aria-labelledby="quiz-rules" className="rounded-lg border p-4 text-sm">
        <h2 id="quiz-rules" className="mb-2 font-semibold">
          응시 안내
        </h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            {overview.questionCount}문항, 총 {overview.maxScore}점 · 합격 기준{" "}
            {settings.passPercent}%
          </li>
          <li>
            응시 횟수 {settings.attempts === 0 ? "제한 없음" : `${settings.attempts}회`} ·{" "}
            {COUNTS[settings.counts]}이 최종 결과
          </li>
          <li>
            {settings.timeLimitMinutes
              ? `제한 시간 ${settings.timeLimitMinutes}분 (시간이 지나면 자동 제출되며, 늦은 제출은 받지 않습니다)`
              : "제한 시간 없음"}
          </li>
          <li>답은 입력할 때마다 자동 저장되어 새로고침해도 이어서 풀 수 있습니다.</li>
          <li>{REVEAL[settings.revealWhen]}</li>
          {overview.partialCredit.map((rule) => (
            <li key={rule}>부분 점수 — {rule}</li>
          ))}
        </ul>
      </section>
      {overview.attempts.length > 0 && (
        <section aria-labelledby="quiz-history" className="text-sm">
          <h2 id="quiz-history" className="mb-2 font-semibold">
            내 응시 기록
            {overview.counting && (
              <span className="ml-2 font-normal" data-testid="quiz-counting">
                최종 결과 {formatPoints(overview.counting.percent)}% (
                {overview.counting.passed ? "합격" : "불합격"})
              </span>
            )}
          </h2>
          <table className="w-full text-left">
            <thead className="text-muted-foreground">
              <tr>
                <th scope="col" className="py-1 font-normal">
                  회차
                </th>
                <th scope="col" className="py-1 font-normal">
                  상태
                </th>
                <th scope="col" className="py-1 font-normal">
                  점수
                </th>
                <th scope="col" className="py-1 font-normal">
                  걸린 시간
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.attempts.map((a) => (
                <tr key={a.id} className="border-t">
                  <td className="py-1 tabular-nums">{a.number}</td>
                  <td className="py-1">{STATUS[a.status]}</td>
                  <td className="py-1 tabular-nums">
                    {a.percent === null
                      ? "-"
                      : `${formatPoints(a.score)}/${formatPoints(a.maxScore)} (${formatPoints(a.percent)}%)`}
                  </td>
                  <td className="py-1 tabular-nums">
                    {a.timeTakenMs === null ? "-" : formatDuration(a.timeTakenMs)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <QuizRunner initial={overview} lessonHref={lessonHref} />
    </div>
  );
}
