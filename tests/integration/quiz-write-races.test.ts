// The quiz's single-statement writes under concurrency, against PostgreSQL:
// parallel saves, saves racing a submit (including one forced between the
// submit's read and its write), many submits at once, parallel starts.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/sandboxes/pool";
import type { Sql } from "@/lib/quiz/attempts/attempt-rows";
import { saveAnswers, startAttempt, submitAttempt } from "@/lib/quiz/attempts/attempt-service";
import { storedResponse } from "@/lib/quiz/attempts/grade-attempt";
import { gradeQuestion } from "@/lib/quiz/grading/grade-question";
import { QuizError } from "@/lib/quiz/quiz-error";
import { createUser } from "./auth-fixtures";
import { answersFor, loaded, REF, T0, testDeps, totalPoints } from "./quiz-fixtures";

const nonCluster = loaded.quiz.questions.filter((q) => q.type !== "cluster");
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof QuizError ? e.code : String(e)),
  );

async function rowsOf(attemptId: string) {
  return db().quizAnswer.findMany({ where: { attemptId } });
}

/** Each stored answer carries exactly the grade computed from it. */
async function expectGradesMatchAnswers(attemptId: string, score: number | null) {
  const rows = await rowsOf(attemptId);
  expect(rows).toHaveLength(loaded.quiz.questions.length);
  for (const q of nonCluster) {
    const row = rows.find((r) => r.questionId === q.id)!;
    expect(gradeQuestion(q, storedResponse(row) ?? undefined).correct, q.id).toBe(row.correct);
  }
  expect(score).toBe(Math.round(rows.reduce((s, r) => s + (r.points ?? 0), 0) * 100) / 100);
}

describe("quiz writes under concurrency", () => {
  it("stores times as the clock gave them, whatever the process time zone", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    expect(attempt.startedAt.getTime()).toBe(T0);
    const viaPrisma = await db().quizAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(viaPrisma.startedAt.getTime()).toBe(T0);
    expect(viaPrisma.deadlineAt).toEqual(attempt.deadlineAt);
  });

  it("accepts 20 parallel saves; each question keeps one of the sent answers and its first time", async () => {
    const user = await createUser("LEARNER");
    const { deps, advance } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    await saveAnswers(
      deps,
      user.id,
      attempt.id,
      answersFor(attempt, () => false),
    );
    advance(5_000);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        codeOf(
          saveAnswers(
            deps,
            user.id,
            attempt.id,
            answersFor(attempt, () => i % 2 === 0),
          ),
        ),
      ),
    );
    expect(outcomes).toEqual(Array(20).fill("ok"));
    const stored = await db().quizAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(stored.answersRevision).toBe(21);
    const rows = await rowsOf(attempt.id);
    expect(rows).toHaveLength(loaded.quiz.questions.length);
    for (const r of rows) expect(r.answeredAt.getTime() - r.firstAnsweredAt.getTime()).toBe(5_000);
  });

  it("a submit racing 20 saves wins; later saves are refused and grades match the stored answers", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    const saves = Array.from({ length: 20 }, (_, i) =>
      codeOf(
        saveAnswers(
          deps,
          user.id,
          attempt.id,
          answersFor(attempt, () => i % 3 === 0),
        ),
      ),
    );
    const [done, ...outcomes] = await Promise.all([
      submitAttempt(deps, user.id, attempt.id, answersFor(attempt)),
      ...saves,
    ]);
    for (const o of outcomes) expect(["ok", "attemptClosed"]).toContain(o);
    expect(done.status).toBe("SUBMITTED");
    await expectGradesMatchAnswers(attempt.id, done.score);
    const late = await saveAnswers(deps, user.id, attempt.id, answersFor(attempt)).catch(
      (e: unknown) => e,
    );
    expect(late).toBeInstanceOf(QuizError);
    expect((late as QuizError).code).toBe("attemptClosed");
    expect((late as QuizError).message).toBe("이미 제출한 응시입니다. 답안을 바꿀 수 없습니다.");
    await expectGradesMatchAnswers(attempt.id, done.score);
  });

  it("a save landing between the submit's read and its write is graded (the submit grades again)", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    await saveAnswers(
      deps,
      user.id,
      attempt.id,
      answersFor(attempt, () => false),
    );
    // Before the submit's first closing statement, the learner's other tab saves right answers.
    let closes = 0;
    const sql: Sql = {
      query: async (statement) => {
        if (statement.text.includes(`"status" = $3::text::"QuizAttemptStatus"`) && closes++ === 0) {
          await saveAnswers(deps, user.id, attempt.id, answersFor(attempt));
        }
        return pool().query(statement);
      },
    };
    const done = await submitAttempt({ ...deps, sql }, user.id, attempt.id);
    expect(closes).toBe(2);
    expect(done).toMatchObject({ status: "SUBMITTED", score: totalPoints, percent: 100 });
    await expectGradesMatchAnswers(attempt.id, done.score);
  });

  it("gives up with 503 attemptBusy when saves keep landing before every closing statement", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    let closes = 0;
    const sql: Sql = {
      query: async (statement) => {
        if (statement.text.includes(`"status" = $3::text::"QuizAttemptStatus"`)) {
          closes++;
          await saveAnswers(deps, user.id, attempt.id, answersFor(attempt));
        }
        return pool().query(statement);
      },
    };
    const e = await submitAttempt({ ...deps, sql }, user.id, attempt.id).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QuizError);
    expect(e).toMatchObject({ code: "attemptBusy", status: 503 });
    expect((e as QuizError).message).toContain("잠시 후 다시 시도");
    expect(closes).toBe(8);
    const stored = await db().quizAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(stored).toMatchObject({ status: "IN_PROGRESS", score: null, answersRevision: 8 });
    // Once the saves pause, the same submission goes through.
    expect((await submitAttempt(deps, user.id, attempt.id)).percent).toBe(100);
  });

  it("ten simultaneous submits close the attempt once and all return the same result", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        submitAttempt(
          deps,
          user.id,
          attempt.id,
          answersFor(attempt, () => i % 2 === 0),
        ),
      ),
    );
    for (const r of results) expect(r).toEqual(results[0]);
    expect([0, totalPoints]).toContain(results[0]!.score);
    await expectGradesMatchAnswers(attempt.id, results[0]!.score);
    expect(await db().quizAttempt.count({ where: { userId: user.id } })).toBe(1);
  });

  it("eight tabs starting at once share one attempt; after it expires they share the next", async () => {
    const user = await createUser("LEARNER");
    const { deps, advance } = testDeps();
    const tabs = () =>
      Promise.all(Array.from({ length: 8 }, () => startAttempt(deps, user.id, REF)));
    const first = await tabs();
    expect(new Set(first.map((a) => a.id)).size).toBe(1);
    expect(first[0]!.number).toBe(1);
    advance(24 * 3600_000);
    const second = await tabs();
    expect(new Set(second.map((a) => a.id)).size).toBe(1);
    expect(second[0]!.number).toBe(2);
    const all = await db().quizAttempt.findMany({
      where: { userId: user.id },
      orderBy: { number: "asc" },
    });
    expect(all.map((a) => [a.number, a.status])).toEqual([
      [1, "EXPIRED"],
      [2, "IN_PROGRESS"],
    ]);
  });
});
