// The attempt service against PostgreSQL: grading from saved answers, attempt
// limit, time limit, idempotent and concurrent submission, resume after a restart.
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { QuizError } from "@/lib/quiz/quiz-error";
import { saveAnswers, startAttempt, submitAttempt } from "@/lib/quiz/attempts/attempt-service";
import { quizOverview } from "@/lib/quiz/attempts/attempt-view";
import { storedResponse } from "@/lib/quiz/attempts/grade-attempt";
import { gradeQuestion } from "@/lib/quiz/grading/grade-question";
import { createUser } from "./auth-fixtures";
import { answersFor, loaded, REF, testDeps, totalPoints } from "./quiz-fixtures";

const settings = loaded.quiz.settings;
const pointsOf = (goal: number) =>
  loaded.quiz.questions.filter((q) => q.goal === goal).reduce((s, q) => s + q.points, 0);

async function rejection(p: Promise<unknown>): Promise<QuizError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(QuizError);
  return e as QuizError;
}

describe("quiz attempts", () => {
  it("grades a fully right attempt at full marks and records every question", async () => {
    const user = await createUser("LEARNER");
    const { deps, advance } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    expect(attempt).toMatchObject({
      number: 1,
      status: "IN_PROGRESS",
      quizId: "architecture-quiz",
    });
    expect(attempt.deadlineAt!.getTime() - attempt.startedAt.getTime()).toBe(
      settings.timeLimitMinutes! * 60_000,
    );
    await saveAnswers(deps, user.id, attempt.id, answersFor(attempt));
    advance(95_000);
    const done = await submitAttempt(deps, user.id, attempt.id);
    expect(done).toMatchObject({
      status: "SUBMITTED",
      score: totalPoints,
      maxScore: totalPoints,
      percent: 100,
      passed: true,
      timeTakenMs: 95_000,
    });
    const rows = await db().quizAnswer.findMany({ where: { attemptId: attempt.id } });
    expect(rows).toHaveLength(loaded.quiz.questions.length);
    expect(rows.every((r) => r.correct && r.points === r.maxPoints)).toBe(true);
    expect(rows.find((r) => r.questionId === "live-scheduler-leader")!.expected).toBe("master1");
  });

  it("scores wrong and unanswered questions 0, fails below the pass mark", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    // Right on goal 0, wrong on goal 1, nothing on goal 2 (answers sent with the submit).
    const inputs = answersFor(
      attempt,
      (q) => q.goal === 0,
      (q) => q.goal !== 2,
    );
    const done = await submitAttempt(deps, user.id, attempt.id, inputs);
    expect(done.score).toBe(pointsOf(0));
    expect(done.percent).toBeCloseTo((pointsOf(0) / totalPoints) * 100, 1);
    expect(done.passed).toBe(false);
    const rows = await db().quizAnswer.findMany({ where: { attemptId: attempt.id } });
    expect(rows).toHaveLength(loaded.quiz.questions.length);
    for (const q of loaded.quiz.questions.filter((x) => x.goal === 2)) {
      expect(rows.find((r) => r.questionId === q.id)).toMatchObject({
        response: {},
        correct: false,
        points: 0,
      });
    }
  });

  it("keeps the latest saved answer per question", async () => {
    const user = await createUser("LEARNER");
    const { deps, advance } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    await saveAnswers(
      deps,
      user.id,
      attempt.id,
      answersFor(attempt, () => false),
    );
    advance(10_000);
    await saveAnswers(deps, user.id, attempt.id, answersFor(attempt));
    const rows = await db().quizAnswer.findMany({ where: { attemptId: attempt.id } });
    expect(rows.every((r) => r.answeredAt.getTime() - r.firstAnsweredAt.getTime() === 10_000)).toBe(
      true,
    );
    expect((await submitAttempt(deps, user.id, attempt.id)).percent).toBe(100);
  });

  it("enforces the attempt limit and returns the open attempt instead of a second one", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const first = await startAttempt(deps, user.id, REF);
    expect((await startAttempt(deps, user.id, REF)).id).toBe(first.id);
    for (let n = 1; n <= settings.attempts; n++) {
      const a = await startAttempt(deps, user.id, REF);
      expect(a.number).toBe(n);
      await submitAttempt(
        deps,
        user.id,
        a.id,
        answersFor(a, (q) => q.goal !== n - 1),
      );
    }
    const e = await rejection(startAttempt(deps, user.id, REF));
    expect(e.code).toBe("attemptLimitReached");
    expect(e.message).toBe(`응시 가능 횟수(${settings.attempts}회)를 모두 사용했습니다.`);
    expect(await db().quizAttempt.count({ where: { userId: user.id } })).toBe(settings.attempts);
    const overview = await quizOverview(deps, user.id, REF);
    expect(overview.attemptsLeft).toBe(0);
    // "highest": the best of the three counts
    const best = Math.max(...overview.attempts.map((a) => a.percent!));
    expect(overview.counting?.percent).toBe(best);
  });

  it("two tabs starting at once get the same attempt", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const [a, b] = await Promise.all([
      startAttempt(deps, user.id, REF),
      startAttempt(deps, user.id, REF),
    ]);
    expect(a.id).toBe(b.id);
    expect(await db().quizAttempt.count({ where: { userId: user.id } })).toBe(1);
  });

  it("counts a double submission once and returns the same result", async () => {
    const user = await createUser("LEARNER");
    const { deps, advance } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    const inputs = answersFor(attempt, (q) => q.goal !== 1);
    const [x, y] = await Promise.all([
      submitAttempt(deps, user.id, attempt.id, inputs),
      submitAttempt(deps, user.id, attempt.id, inputs),
    ]);
    expect(x).toEqual(y);
    advance(60_000);
    const again = await submitAttempt(deps, user.id, attempt.id, answersFor(attempt));
    expect(again).toEqual(x);
    expect(again.score).toBe(totalPoints - pointsOf(1));
    expect(await db().quizAttempt.count({ where: { userId: user.id } })).toBe(1);
    const e = await rejection(saveAnswers(deps, user.id, attempt.id, answersFor(attempt)));
    expect(e.code).toBe("attemptClosed");
  });

  it("never lets a save racing a submit change an answer after it was graded", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    const saves = Array.from({ length: 4 }, () =>
      saveAnswers(
        deps,
        user.id,
        attempt.id,
        answersFor(attempt, () => false),
      ).catch((e: unknown) => (e as QuizError).code),
    );
    const [done, ...outcomes] = await Promise.all([
      submitAttempt(deps, user.id, attempt.id, answersFor(attempt)),
      ...saves,
    ]);
    for (const o of outcomes) expect([undefined, "attemptClosed"]).toContain(o);
    const rows = await db().quizAnswer.findMany({ where: { attemptId: attempt.id } });
    // Each stored answer is exactly the one its grade was computed from.
    for (const q of loaded.quiz.questions.filter((x) => x.type !== "cluster")) {
      const row = rows.find((r) => r.questionId === q.id)!;
      expect(gradeQuestion(q, storedResponse(row) ?? undefined).correct, q.id).toBe(row.correct);
    }
    expect(done.score).toBe(rows.reduce((s, r) => s + (r.points ?? 0), 0));
  });

  it("rejects a submission after the time limit, grading the answers saved in time", async () => {
    const user = await createUser("LEARNER");
    const { deps, advance } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    await saveAnswers(
      deps,
      user.id,
      attempt.id,
      answersFor(
        attempt,
        () => true,
        (q) => q.goal === 0,
      ),
    );
    advance(settings.timeLimitMinutes! * 60_000 + 5_000);
    const late = await rejection(saveAnswers(deps, user.id, attempt.id, answersFor(attempt)));
    expect(late.code).toBe("timeLimitPassed");
    const e = await rejection(submitAttempt(deps, user.id, attempt.id, answersFor(attempt)));
    expect(e.code).toBe("timeLimitPassed");
    expect(e.status).toBe(409);
    expect(e.message).toBe(
      `제한 시간(${settings.timeLimitMinutes}분)이 지나 제출할 수 없습니다. 제한 시간 안에 저장된 답안으로 채점했습니다.`,
    );
    const stored = await db().quizAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(stored).toMatchObject({
      status: "EXPIRED",
      score: pointsOf(0),
      timeTakenMs: settings.timeLimitMinutes! * 60_000,
    });
  });

  it("accepts a submission within the grace after the deadline", async () => {
    const user = await createUser("LEARNER");
    const { deps, advance } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    advance(settings.timeLimitMinutes! * 60_000 + 1_000);
    const done = await submitAttempt(deps, user.id, attempt.id, answersFor(attempt));
    expect(done).toMatchObject({ status: "SUBMITTED", percent: 100 });
  });

  it("closes an expired attempt when the learner comes back, and lets them start the next", async () => {
    const user = await createUser("LEARNER");
    const { deps, advance } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    advance(24 * 3600_000);
    const overview = await quizOverview(deps, user.id, REF);
    expect(overview.attempts).toEqual([
      expect.objectContaining({ id: attempt.id, status: "EXPIRED", percent: 0 }),
    ]);
    const next = await startAttempt(deps, user.id, REF);
    expect(next.number).toBe(2);
  });

  it("hides other learners' attempts", async () => {
    const [a, b] = await Promise.all([createUser("LEARNER"), createUser("LEARNER")]);
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, a.id, REF);
    expect((await rejection(saveAnswers(deps, b.id, attempt.id, answersFor(attempt)))).code).toBe(
      "attemptNotFound",
    );
    expect((await rejection(submitAttempt(deps, b.id, attempt.id))).code).toBe("attemptNotFound");
    expect(await db().quizAnswer.count({ where: { attemptId: attempt.id } })).toBe(0);
  });

  it("refuses answers of the wrong shape or for unknown questions, saving nothing", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    const [first, second] = answersFor(attempt);
    const bad = [
      [first!, { questionKey: "nope", response: { text: "x" } }],
      [{ questionKey: first!.questionKey, response: { choice: "not-a-key" } }],
      [{ questionKey: second!.questionKey, response: { order: [] } }],
    ];
    for (const inputs of bad) {
      const e = await rejection(saveAnswers(deps, user.id, attempt.id, inputs));
      expect(["unknownQuestion", "invalidAnswer"]).toContain(e.code);
    }
    expect(await db().quizAnswer.count({ where: { attemptId: attempt.id } })).toBe(0);
  });

  it("resumes an attempt after a restart: same order, saved answers, deadline", async () => {
    const user = await createUser("LEARNER");
    const { deps, clock } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    const saved = answersFor(
      attempt,
      () => true,
      (q) => q.goal === 1,
    );
    await saveAnswers(deps, user.id, attempt.id, saved);
    const before = await quizOverview(deps, user.id, REF);

    // A new process: fresh modules (quiz cache, engine) and a new database pool.
    vi.resetModules();
    const fresh = new pg.Pool({ connectionString: process.env.DATABASE_URL!, max: 1 });
    try {
      const view = await import("@/lib/quiz/attempts/attempt-view");
      const after = await view.quizOverview(
        { ...deps, sql: fresh, now: () => new Date(clock.now) },
        user.id,
        REF,
      );
      expect(after.current?.id).toBe(attempt.id);
      expect(after.current?.status).toBe("IN_PROGRESS");
      expect(after.current?.questions).toEqual(before.current?.questions);
      expect(after.current?.deadlineAt).toBe(attempt.deadlineAt!.toISOString());
      expect(after.current?.answers).toEqual(
        Object.fromEntries(saved.map((s) => [s.questionKey, s.response])),
      );
    } finally {
      await fresh.end();
    }
  });
});
