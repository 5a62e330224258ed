// Shared by the quiz integration tests: a test clock, a live cluster for the
// cluster questions, and answers built from the quiz content (right or wrong).
import type { QuizAttempt } from "@/lib/generated/prisma/client";
import { pool } from "@/lib/db/sandboxes/pool";
import { presentQuiz } from "@/lib/quiz/client-view";
import { probeCluster } from "@/lib/quiz/cluster-probes";
import { getQuiz } from "@/lib/quiz/quiz-catalog";
import type { ClientResponse } from "@/lib/quiz/responses";
import type { Question } from "@/lib/quiz/schema/quiz-schema";
import { opaqueKey } from "@/lib/quiz/shuffle";
import type { QuizDeps } from "@/lib/quiz/attempts/deps";
import { createClusterSandbox, type SandboxState } from "@/lib/sim";

export const REF = { courseId: "kubernetes", sessionId: "architecture" };
export const loaded = getQuiz(REF.courseId, REF.sessionId)!;
export const T0 = Date.parse("2026-11-26T09:00:00Z");

let cluster: SandboxState | undefined;
export function liveCluster(): SandboxState {
  cluster ??= createClusterSandbox({ seed: "quiz-integration", now: T0 }).state;
  return cluster;
}

export function testDeps(start = T0) {
  const clock = { now: start };
  const deps: QuizDeps = {
    sql: pool(),
    now: () => new Date(clock.now),
    clusterState: async () => liveCluster(),
  };
  return { deps, clock, advance: (ms: number) => (clock.now += ms) };
}

/** The right answer to a question, in the browser's keys for this attempt. */
export function rightAnswer(q: Question, seed: string): ClientResponse {
  const key = (id: string) => opaqueKey(seed, q.id, id);
  switch (q.type) {
    case "single":
      return { choice: key(q.options.find((o) => o.correct)!.id) };
    case "multiple":
      return { choices: q.options.filter((o) => o.correct).map((o) => key(o.id)) };
    case "ordering":
      return { order: q.items.map((i) => key(i.id)) };
    case "short":
      return { text: q.accepted[0]! };
    case "numeric":
      return { text: String(q.answer) };
    case "cluster":
      return { text: probeCluster(liveCluster(), q.probe).value ?? "없음" };
  }
}

/** A wrong answer to a question. */
export function wrongAnswer(q: Question, seed: string): ClientResponse {
  const key = (id: string) => opaqueKey(seed, q.id, id);
  switch (q.type) {
    case "single":
      return { choice: key(q.options.find((o) => !o.correct)!.id) };
    case "multiple":
      return { choices: q.options.filter((o) => !o.correct).map((o) => key(o.id)) };
    case "ordering":
      return { order: [...q.items].reverse().map((i) => key(i.id)) };
    default:
      return { text: "모르겠음" };
  }
}

/** Answers for the questions `include` keeps: right for those `right` accepts. */
export function answersFor(
  attempt: Pick<QuizAttempt, "seed">,
  right: (q: Question) => boolean = () => true,
  include: (q: Question) => boolean = () => true,
) {
  return presentQuiz(loaded.quiz, attempt.seed)
    .filter(({ question }) => include(question))
    .map(({ question, view }) => ({
      questionKey: view.key,
      response: right(question)
        ? rightAnswer(question, attempt.seed)
        : wrongAnswer(question, attempt.seed),
    }));
}

export const totalPoints = loaded.quiz.questions.reduce((s, q) => s + q.points, 0);
