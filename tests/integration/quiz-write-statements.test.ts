// The quiz's writes are single statements that guard themselves: counted on a
// recording pool (no BEGIN, no row lock held across statements), each statement's
// own WHERE refusing closed, late or foreign attempts, and database trouble
// answered as 503 "잠시 후 다시 시도" through the quiz routes' error mapping.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/sandboxes/pool";
import type { Sql } from "@/lib/quiz/attempts/attempt-rows";
import { saveAnswers, startAttempt, submitAttempt } from "@/lib/quiz/attempts/attempt-service";
import { closeAttempt, writeAnswers } from "@/lib/quiz/attempts/attempt-writes";
import { withQuizErrors } from "@/lib/quiz/http";
import { createUser } from "./auth-fixtures";
import { answersFor, loaded, REF, testDeps } from "./quiz-fixtures";

function recording() {
  const texts: string[] = [];
  const all: string[] = [];
  const sql: Sql = {
    query: (statement) => {
      texts.push(statement.text);
      all.push(statement.text);
      return pool().query(statement);
    },
  };
  const writes = () => texts.filter((t) => /\b(INSERT|UPDATE|DELETE)\b/.test(t));
  return { sql, texts, all, writes };
}

const TRANSACTIONAL = /\b(BEGIN|COMMIT|FOR UPDATE|FOR SHARE|FOR NO KEY UPDATE)\b/i;

/** What a quiz route answers when `work` throws. */
async function routeAnswer(work: () => Promise<unknown>) {
  const handler = withQuizErrors(async () => {
    await work();
    return Response.json({ ok: true });
  });
  const res = await handler(new Request("http://localhost/api/quiz/attempts/x/answers"));
  return {
    status: res.status,
    body: (await res.json()) as { error?: { code: string; message: string } },
  };
}

const firstQuestion = loaded.quiz.questions[0]!.id;
const answer = [{ questionId: firstQuestion, response: { text: "x" } }];

describe("quiz write statements", () => {
  it("starts, saves and submits with exactly one writing statement each and no transaction", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const rec = recording();
    const d = { ...deps, sql: rec.sql };

    const attempt = await startAttempt(d, user.id, REF);
    expect(rec.writes()).toHaveLength(1);
    expect(rec.texts).toHaveLength(2);

    rec.texts.length = 0;
    await saveAnswers(
      d,
      user.id,
      attempt.id,
      answersFor(attempt, () => false),
    );
    expect(rec.writes()).toHaveLength(1);
    expect(rec.texts).toHaveLength(2);

    rec.texts.length = 0;
    const done = await submitAttempt(d, user.id, attempt.id, answersFor(attempt));
    expect(done).toMatchObject({ status: "SUBMITTED", percent: 100 });
    expect(rec.writes()).toHaveLength(1);
    // The attempt and its answers in one read, then the closing statement returns the
    // closed attempt (no read after it).
    expect(rec.texts).toHaveLength(2);

    rec.texts.length = 0;
    await startAttempt(d, user.id, REF);
    expect(rec.writes()).toHaveLength(1);
    // Every statement stands alone: nothing opens a transaction or holds a row lock.
    expect(rec.all).toHaveLength(8);
    expect(rec.all.filter((t) => TRANSACTIONAL.test(t))).toEqual([]);
  });

  it("the save statement itself refuses a closed, late or foreign attempt", async () => {
    const [user, other] = await Promise.all([createUser("LEARNER"), createUser("LEARNER")]);
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    const now = deps.now();
    const late = new Date(attempt.deadlineAt!.getTime() + 1);
    const sql = pool();
    expect(
      await writeAnswers(
        sql,
        { attemptId: attempt.id, userId: other.id, now, cutoff: now },
        answer,
      ),
    ).toBe(false);
    expect(
      await writeAnswers(
        sql,
        { attemptId: attempt.id, userId: user.id, now, cutoff: late },
        answer,
      ),
    ).toBe(false);
    expect(await db().quizAnswer.count({ where: { attemptId: attempt.id } })).toBe(0);
    expect(
      await writeAnswers(sql, { attemptId: attempt.id, userId: user.id, now, cutoff: now }, answer),
    ).toBe(true);
    await submitAttempt(deps, user.id, attempt.id);
    const before = await db().quizAnswer.findUniqueOrThrow({
      where: { attemptId_questionId: { attemptId: attempt.id, questionId: firstQuestion } },
    });
    const again = [{ questionId: firstQuestion, response: { text: "y" } }];
    expect(
      await writeAnswers(sql, { attemptId: attempt.id, userId: user.id, now, cutoff: now }, again),
    ).toBe(false);
    const after = await db().quizAnswer.findUniqueOrThrow({
      where: { attemptId_questionId: { attemptId: attempt.id, questionId: firstQuestion } },
    });
    expect(after).toEqual(before);
  });

  it("the closing statement writes nothing at a stale revision or, for a submission, after the deadline", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    const now = deps.now();
    await writeAnswers(
      pool(),
      { attemptId: attempt.id, userId: user.id, now, cutoff: now },
      answer,
    );
    const closing = {
      attemptId: attempt.id,
      revision: 0,
      status: "SUBMITTED" as const,
      now,
      cutoff: now,
      score: 1,
      maxScore: 1,
      percent: 100,
      passed: true,
      timeTakenMs: 0,
      grades: [{ questionId: firstQuestion, correct: true, points: 1, maxPoints: 1 }],
    };
    expect(await closeAttempt(pool(), closing)).toBeUndefined();
    const late = new Date(attempt.deadlineAt!.getTime() + 1);
    expect(await closeAttempt(pool(), { ...closing, revision: 1, cutoff: late })).toBeUndefined();
    const stored = await db().quizAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(stored).toMatchObject({ status: "IN_PROGRESS", score: null, answersRevision: 1 });
    const rows = await db().quizAnswer.findMany({ where: { attemptId: attempt.id } });
    expect(rows.map((r) => r.correct)).toEqual([null]);
    // At the revision it read, an expiry closes even past the deadline, and keeps the saved answer.
    const closed = await closeAttempt(pool(), {
      ...closing,
      revision: 1,
      cutoff: late,
      status: "EXPIRED",
    });
    expect(closed).toMatchObject({ id: attempt.id, status: "EXPIRED", score: 1 });
    const graded = await db().quizAnswer.findMany({ where: { attemptId: attempt.id } });
    expect(graded).toEqual([
      expect.objectContaining({ response: { text: "x" }, correct: true, expected: null }),
    ]);
  });

  it("answers 503 databaseUnavailable while Postgres cannot be reached, and saves once it can", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    // A closed port: the real ECONNREFUSED node-postgres raises during a restart.
    const down = new pg.Pool({ connectionString: "postgresql://kubelab@127.0.0.1:1/kubelab" });
    try {
      const res = await routeAnswer(() =>
        saveAnswers({ ...deps, sql: down }, user.id, attempt.id, answersFor(attempt)),
      );
      expect(res.status).toBe(503);
      expect(res.body.error?.code).toBe("databaseUnavailable");
      expect(res.body.error?.message).toContain("잠시 후 다시 시도");
    } finally {
      await down.end();
    }
    expect(await db().quizAnswer.count({ where: { attemptId: attempt.id } })).toBe(0);
    expect(
      (await routeAnswer(() => saveAnswers(deps, user.id, attempt.id, answersFor(attempt)))).status,
    ).toBe(200);
    expect(await db().quizAnswer.count({ where: { attemptId: attempt.id } })).toBe(
      loaded.quiz.questions.length,
    );
  });

  it("answers 503 databaseBusy when the save waits past the lock timeout, writing nothing", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    const holder = await pool().connect();
    const impatient = new pg.Pool({
      connectionString: process.env.DATABASE_URL!,
      max: 1,
      options: "-c lock_timeout=200",
    });
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM "QuizAttempt" WHERE "id" = $1 FOR UPDATE`, [attempt.id]);
      const res = await routeAnswer(() =>
        saveAnswers({ ...deps, sql: impatient }, user.id, attempt.id, answersFor(attempt)),
      );
      expect(res.status).toBe(503);
      expect(res.body.error?.code).toBe("databaseBusy");
      expect(res.body.error?.message).toContain("잠시 후 다시 시도");
    } finally {
      await holder.query("ROLLBACK");
      holder.release();
      await impatient.end();
    }
    const stored = await db().quizAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(stored.answersRevision).toBe(0);
    expect(await db().quizAnswer.count({ where: { attemptId: attempt.id } })).toBe(0);
  });
});
