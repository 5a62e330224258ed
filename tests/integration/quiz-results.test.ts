// Quiz results as progress and instructor views read them: the counting attempt
// per learner and session, attempts used and left, an attempt in progress.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { startAttempt, submitAttempt } from "@/lib/quiz/attempts/attempt-service";
import { quizResultsOfCourse, quizResultsOfLearners } from "@/lib/quiz/attempts/results";
import { createUser } from "./auth-fixtures";
import { answersFor, REF, testDeps } from "./quiz-fixtures";

describe("quiz results", () => {
  it("reports the highest graded attempt per learner, attempts used and left", async () => {
    const [a, b, c] = await Promise.all([
      createUser("LEARNER"),
      createUser("LEARNER"),
      createUser("LEARNER"),
    ]);
    const { deps } = testDeps();
    // a: 100% then a worse attempt; b: one attempt still open; c: nothing.
    const a1 = await startAttempt(deps, a.id, REF);
    await submitAttempt(deps, a.id, a1.id, answersFor(a1));
    const a2 = await startAttempt(deps, a.id, REF);
    await submitAttempt(
      deps,
      a.id,
      a2.id,
      answersFor(a2, (q) => q.goal === 0),
    );
    await startAttempt(deps, b.id, REF);

    const ofA = await quizResultsOfCourse(db(), a.id, "kubernetes");
    expect(ofA.get("architecture")).toMatchObject({
      attemptsUsed: 2,
      attemptsLeft: 1,
      inProgress: false,
      counting: { id: a1.id, number: 1, percent: 100, passed: true },
    });

    const all = await quizResultsOfLearners(db(), [a.id, b.id, c.id], "kubernetes");
    expect(all.get(a.id)?.get("architecture")?.counting?.id).toBe(a1.id);
    expect(all.get(b.id)?.get("architecture")).toMatchObject({
      attemptsUsed: 1,
      inProgress: true,
      counting: null,
    });
    expect(all.has(c.id)).toBe(false);
    expect(await quizResultsOfLearners(db(), [], "kubernetes")).toEqual(new Map());
  });
});
