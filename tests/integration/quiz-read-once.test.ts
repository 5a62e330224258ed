// The quiz routes read each row once (issue #11's load: 200 learners start and
// submit at the same minute): starting shows the overview from the attempts list
// it read (a new attempt has no answers), and a submission grades the answers it
// read with the attempt - unless a save lands before the close, which then grades
// again - and a submission shows its result from what the close stored and read.
// Each answer equals the one of the longer path.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/sandboxes/pool";
import type { Sql } from "@/lib/quiz/attempts/attempt-rows";
import { saveAnswers, startAttempt, submitAttempt } from "@/lib/quiz/attempts/attempt-service";
import {
  quizOverview,
  startAttemptOverview,
  submitAttemptOverview,
} from "@/lib/quiz/attempts/attempt-view";
import { createUser } from "./auth-fixtures";
import { answersFor, liveCluster, loaded, REF, testDeps, totalPoints } from "./quiz-fixtures";

function recording() {
  const texts: string[] = [];
  const sql: Sql = {
    query: (statement) => {
      texts.push(statement.text);
      return pool().query(statement);
    },
  };
  return { sql, texts };
}

describe("quiz rows read once", () => {
  it("starts with two statements and shows what a fresh overview shows", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const rec = recording();
    const started = await startAttemptOverview({ ...deps, sql: rec.sql }, user.id, REF);
    expect(rec.texts).toHaveLength(2);
    expect(started.current).toMatchObject({ number: 1, status: "IN_PROGRESS", answers: {} });
    expect(started).toEqual(
      await quizOverview(deps, user.id, REF, { attemptId: started.current!.id }),
    );
  });

  it("resumes the open attempt with its saved answers in two statements", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    const some = answersFor(attempt).slice(0, 3);
    await saveAnswers(deps, user.id, attempt.id, some);
    const rec = recording();
    const resumed = await startAttemptOverview({ ...deps, sql: rec.sql }, user.id, REF);
    expect(rec.texts).toHaveLength(2);
    expect(resumed.current!.id).toBe(attempt.id);
    expect(Object.keys(resumed.current!.answers).sort()).toEqual(
      some.map((a) => a.questionKey).sort(),
    );
    expect(resumed).toEqual(await quizOverview(deps, user.id, REF, { attemptId: attempt.id }));
  });

  it("starts the next attempt after a submitted one, listing both", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const first = await startAttempt(deps, user.id, REF);
    await submitAttempt(deps, user.id, first.id, answersFor(first));
    const next = await startAttemptOverview(deps, user.id, REF);
    expect(next.attempts.map((a) => [a.number, a.status])).toEqual([
      [1, "SUBMITTED"],
      [2, "IN_PROGRESS"],
    ]);
    expect(next).toEqual(await quizOverview(deps, user.id, REF, { attemptId: next.current!.id }));
  });

  it("a save landing while the live cluster is read is graded (the close grades again)", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    const wrong = answersFor(attempt, () => false);
    const right = answersFor(attempt);
    await saveAnswers(deps, user.id, attempt.id, wrong);
    const rec = recording();
    let saved = false;
    const racing = {
      ...deps,
      sql: rec.sql,
      // The submission read the attempt and its (wrong) answers before this runs.
      clusterState: async () => {
        if (!saved) {
          saved = true;
          await saveAnswers(deps, user.id, attempt.id, right);
        }
        return liveCluster();
      },
    };
    const done = await submitAttempt(racing, user.id, attempt.id);
    expect(saved).toBe(true);
    expect(done).toMatchObject({ status: "SUBMITTED", score: totalPoints, percent: 100 });
    // Read with the attempt, a close refused at the old revision, a read, the close.
    expect(rec.texts).toHaveLength(4);
    const rows = await db().quizAnswer.findMany({ where: { attemptId: attempt.id } });
    expect(rows).toHaveLength(loaded.quiz.questions.length);
    expect(rows.every((r) => r.correct)).toBe(true);
  });

  it("submits in two statements and shows what a fresh overview shows", async () => {
    const user = await createUser("LEARNER");
    const { deps, advance } = testDeps();
    // A graded attempt before (listed beside the new one), then one with some answers
    // saved, some sent with the submission (one of them replacing a saved one), one
    // left unanswered; the quiz reveals answers (cluster values included) after submit.
    const first = await startAttempt(deps, user.id, REF);
    await submitAttempt(
      deps,
      user.id,
      first.id,
      answersFor(first, () => false),
    );
    advance(60_000);
    const attempt = await startAttempt(deps, user.id, REF);
    const right = answersFor(attempt);
    const wrong = answersFor(attempt, () => false);
    await saveAnswers(deps, user.id, attempt.id, [...right.slice(0, 6), wrong[6]!]);
    advance(5_000);
    const rec = recording();
    const shown = await submitAttemptOverview({ ...deps, sql: rec.sql }, user.id, attempt.id, [
      right[6]!,
      ...wrong.slice(7, -1),
    ]);
    // The attempt with its answers, then the close (which returns the attempts list).
    expect(rec.texts).toHaveLength(2);
    expect(shown.attempts.map((a) => [a.number, a.status])).toEqual([
      [1, "SUBMITTED"],
      [2, "SUBMITTED"],
    ]);
    expect(shown.current).toMatchObject({ id: attempt.id, revealed: true });
    expect(shown.current!.results!.filter((r) => !r.answered)).toHaveLength(1);
    expect(shown).toEqual(await quizOverview(deps, user.id, REF, { attemptId: attempt.id }));
  });

  it("a submission whose close lost to a save shows the graded save", async () => {
    const user = await createUser("LEARNER");
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    let saved = false;
    const racing = {
      ...deps,
      clusterState: async () => {
        if (!saved) {
          saved = true;
          await saveAnswers(deps, user.id, attempt.id, answersFor(attempt));
        }
        return liveCluster();
      },
    };
    const shown = await submitAttemptOverview(racing, user.id, attempt.id);
    expect(shown.current).toMatchObject({ status: "SUBMITTED", percent: 100 });
    expect(shown).toEqual(await quizOverview(deps, user.id, REF, { attemptId: attempt.id }));
    // A repeat reads the stored result.
    expect(await submitAttemptOverview(deps, user.id, attempt.id)).toEqual(shown);
  });

  it("a second submit returns the stored result, foreign ids look missing", async () => {
    const [user, other] = await Promise.all([createUser("LEARNER"), createUser("LEARNER")]);
    const { deps } = testDeps();
    const attempt = await startAttempt(deps, user.id, REF);
    const done = await submitAttempt(deps, user.id, attempt.id, answersFor(attempt));
    const rec = recording();
    expect(await submitAttempt({ ...deps, sql: rec.sql }, user.id, attempt.id)).toEqual(done);
    expect(rec.texts).toHaveLength(1);
    await expect(submitAttempt(deps, other.id, attempt.id)).rejects.toMatchObject({
      code: "attemptNotFound",
    });
  });
});
