// The quiz routes end to end against PostgreSQL and the learner's real sandbox:
// authorization, the no-leak rule on what the browser receives, grading of the
// cluster questions against live state, idempotent submit, late submission.
import { describe, expect, it } from "vitest";
import { POST as start, GET as overview } from "@/app/api/quiz/attempts/route";
import { PUT as save } from "@/app/api/quiz/attempts/[id]/answers/route";
import { POST as submit } from "@/app/api/quiz/attempts/[id]/submit/route";
import { db } from "@/lib/db/client";
import { probeCluster } from "@/lib/quiz/cluster-probes";
import { presentQuiz } from "@/lib/quiz/client-view";
import { sandboxEnv } from "@/lib/terminal/db-env";
import { userSandbox } from "@/lib/terminal/user-sandbox";
import { APP_ORIGIN, createUser, jsonRequest, sessionCookie } from "./auth-fixtures";
import { answersFor, loaded, REF, rightAnswer, totalPoints } from "./quiz-fixtures";

const params = (id: string) => ({ params: Promise.resolve({ id }) });
const startReq = (cookie?: string, headers: Record<string, string> = {}) =>
  start(
    jsonRequest("/api/quiz/attempts", "POST", REF, { ...(cookie ? { cookie } : {}), ...headers }),
  );
const saveReq = (id: string, body: unknown, cookie?: string) =>
  save(
    jsonRequest(`/api/quiz/attempts/${id}/answers`, "PUT", body, cookie ? { cookie } : {}),
    params(id),
  );
const submitReq = (id: string, body: unknown, cookie?: string) =>
  submit(
    jsonRequest(`/api/quiz/attempts/${id}/submit`, "POST", body, cookie ? { cookie } : {}),
    params(id),
  );

/** Every property name anywhere in a JSON value. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

/** What must never reach the browser before submission. */
function assertNoAnswers(payload: string, learnerTyped = false) {
  for (const q of loaded.quiz.questions) {
    expect(payload, q.id).not.toContain(q.explanation.slice(0, 40));
    expect(payload).not.toContain(`"${q.id}"`);
    // Once the learner typed an answer it is theirs to see again.
    if (q.type === "short" && !learnerTyped) expect(payload).not.toContain(q.accepted[0]);
  }
}

describe("quiz API", () => {
  it("requires sign-in on every route", async () => {
    expect((await startReq()).status).toBe(401);
    expect(
      (
        await overview(
          new Request(`${APP_ORIGIN}/api/quiz/attempts?courseId=kubernetes&sessionId=architecture`),
        )
      ).status,
    ).toBe(401);
    expect(
      (await saveReq("x", { answers: [{ questionKey: "k", response: { text: "a" } }] })).status,
    ).toBe(401);
    expect((await submitReq("x", {})).status).toBe(401);
  });

  it("refuses cross-site writes, unknown sessions and malformed bodies", async () => {
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    expect((await startReq(cookie, { origin: "https://evil.example" })).status).toBe(403);
    const none = await start(
      jsonRequest(
        "/api/quiz/attempts",
        "POST",
        { courseId: "kubernetes", sessionId: "nope" },
        { cookie },
      ),
    );
    expect(none.status).toBe(404);
    expect((await none.json()).error.message).toBe("이 세션에는 퀴즈가 없습니다.");
    expect((await saveReq("x", { answers: "all" }, cookie)).status).toBe(400);
    expect(await db().quizAttempt.count({ where: { userId: user.id } })).toBe(0);
  });

  it("sends no correct answers, explanations or question ids before submission", async () => {
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    const res = await startReq(cookie);
    expect(res.status).toBe(201);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.current.status).toBe("IN_PROGRESS");
    expect(body.current.questions).toHaveLength(loaded.quiz.questions.length);
    expect(body.current.results).toBeNull();
    const keys = keysOf(body);
    for (const leak of [
      "correct",
      "accepted",
      "explanation",
      "answer",
      "probe",
      "section",
      "goal",
      "reveal",
      "expected",
    ]) {
      expect(keys.has(leak), leak).toBe(false);
    }
    assertNoAnswers(text);
    // Saving answers does not leak either: the overview stays answer-free.
    const attempt = await db().quizAttempt.findFirstOrThrow({ where: { userId: user.id } });
    expect((await saveReq(attempt.id, { answers: answersFor(attempt) }, cookie)).status).toBe(200);
    const again = await overview(
      new Request(`${APP_ORIGIN}/api/quiz/attempts?courseId=kubernetes&sessionId=architecture`, {
        headers: { cookie },
      }),
    );
    const againText = await again.text();
    assertNoAnswers(againText, true);
    expect(Object.keys(JSON.parse(againText).current.answers)).toHaveLength(
      loaded.quiz.questions.length,
    );
  });

  it("grades cluster questions against the learner's live sandbox; a second submit returns the same", async () => {
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    await startReq(cookie);
    const attempt = await db().quizAttempt.findFirstOrThrow({ where: { userId: user.id } });
    const state = await sandboxEnv(await userSandbox(user.id)).state();
    const answers = presentQuiz(loaded.quiz, attempt.seed).map(({ question, view }) => ({
      questionKey: view.key,
      response:
        question.type === "cluster"
          ? { text: probeCluster(state, question.probe).value ?? "없음" }
          : rightAnswer(question, attempt.seed),
    }));
    const first = await submitReq(attempt.id, { answers }, cookie);
    expect(first.status).toBe(200);
    const result = await first.json();
    expect(result.current).toMatchObject({
      status: "SUBMITTED",
      score: totalPoints,
      percent: 100,
      passed: true,
    });
    // after-submit: every result carries the answer, the explanation and its lesson anchor
    const cluster = loaded.quiz.questions.find((q) => q.id === "live-ready-nodes")!;
    const view = presentQuiz(loaded.quiz, attempt.seed).find(
      (p) => p.question.id === cluster.id,
    )!.view;
    const r = result.current.results.find((x: { key: string }) => x.key === view.key);
    expect(r).toMatchObject({
      correct: true,
      expected: "3",
      reveal: { answer: ["3"], explanation: cluster.explanation, section: cluster.section },
    });
    const second = await submitReq(attempt.id, {}, cookie);
    expect(second.status).toBe(200);
    const again = await second.json();
    expect({ ...again.current, serverNow: 0 }).toEqual({ ...result.current, serverNow: 0 });
    expect(await db().quizAttempt.count({ where: { userId: user.id } })).toBe(1);
  });

  it("answers a late submission with 409 and the Korean message; others' attempts are 404", async () => {
    const [user, other] = await Promise.all([createUser("LEARNER"), createUser("LEARNER")]);
    const cookie = await sessionCookie(user.id);
    await startReq(cookie);
    const attempt = await db().quizAttempt.findFirstOrThrow({ where: { userId: user.id } });
    const otherCookie = await sessionCookie(other.id);
    expect((await submitReq(attempt.id, {}, otherCookie)).status).toBe(404);
    expect((await saveReq(attempt.id, { answers: answersFor(attempt) }, otherCookie)).status).toBe(
      404,
    );

    await db().quizAttempt.update({
      where: { id: attempt.id },
      data: {
        startedAt: new Date(Date.now() - 31 * 60_000),
        deadlineAt: new Date(Date.now() - 60_000),
      },
    });
    const late = await submitReq(attempt.id, { answers: answersFor(attempt) }, cookie);
    expect(late.status).toBe(409);
    expect(await late.json()).toEqual({
      error: {
        code: "timeLimitPassed",
        message:
          "제한 시간(30분)이 지나 제출할 수 없습니다. 제한 시간 안에 저장된 답안으로 채점했습니다.",
      },
    });
    expect(await db().quizAttempt.findUniqueOrThrow({ where: { id: attempt.id } })).toMatchObject({
      status: "EXPIRED",
      score: 0,
    });
  });
});
