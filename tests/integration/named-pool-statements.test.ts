// The sandbox pool's per-request statements outside the terminal's requester query are
// named prepared statements (parsed and planned once per pooled connection, not on
// every call): the request user's row, authorizeSandbox's sandbox row, the history's
// read and append, 채점's store, the lab sandbox's lookup, a hint's reveal, and the quiz's
// reads and writes.
// Their answers are those of the unnamed statements they replace; PostgreSQL itself shows
// each prepared once on a connection however often it runs there.
import { afterEach, describe, expect, it, vi } from "vitest";
import { getRequestUser } from "@/lib/auth/request-user";
import { isSessionRevoked, revokeSession } from "@/lib/auth/revoked-sessions";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/sandboxes/pool";
import { revealNextHint } from "@/lib/labs/server/hints";
import { findLabSandbox } from "@/lib/labs/server/lab-sandbox";
import { storeAttempt } from "@/lib/labs/server/store-attempt";
import { saveAnswers, startAttempt, submitAttempt } from "@/lib/quiz/attempts/attempt-service";
import { quizOverview } from "@/lib/quiz/attempts/attempt-view";
import { authorizeSandbox } from "@/lib/terminal/sandbox-access";
import { appendHistory, readHistory } from "@/lib/terminal/history";
import { createUserSandbox, findUserSandbox } from "@/lib/terminal/user-sandbox";
import { APP_ORIGIN, createUser, sessionCookie } from "./auth-fixtures";
import { preparedOnOneConnection, statementsOf } from "./pool-statements";
import { answersFor, REF, testDeps, totalPoints } from "./quiz-fixtures";

afterEach(() => vi.restoreAllMocks());

const named = (statements: string[]) => statements.map((s) => s.split(" ")[0]);

describe("named statements on the sandbox pool", () => {
  it("getRequestUser: one named statement; a deleted user still gets null at once", async () => {
    const user = await createUser("LEARNER");
    const request = new Request(`${APP_ORIGIN}/api/progress`, {
      headers: { cookie: await sessionCookie(user.id) },
    });
    await getRequestUser(db(), request); // the session subject is cached from here on
    let found: unknown;
    const sent = await statementsOf(async () => {
      found = await getRequestUser(db(), request);
    });
    expect(named(sent)).toEqual(["kubelab_request_user"]);
    expect(found).toEqual({ id: user.id, email: user.email, name: user.name, role: "LEARNER" });
    await db().user.delete({ where: { id: user.id } });
    await expect(getRequestUser(db(), request)).resolves.toBeNull();
  });

  it("authorizeSandbox and the history's read and append: named statements", async () => {
    const user = await createUser("LEARNER");
    const id = await createUserSandbox(user.id);
    const viewer = { id: user.id, email: user.email, name: user.name, role: user.role };
    const sent = await statementsOf(async () => {
      await expect(authorizeSandbox(viewer, id, "write")).resolves.toMatchObject({
        ownerId: user.id,
      });
      await appendHistory(id, "kubectl get pods", 0);
      await appendHistory(id, "kubectl get nodes", 0);
      await expect(readHistory(id)).resolves.toEqual(["kubectl get pods", "kubectl get nodes"]);
    });
    expect(named(sent)).toEqual([
      "kubelab_authorize_sandbox",
      "kubelab_append_history",
      "kubelab_append_history",
      "kubelab_read_history",
    ]);
  });

  it("isSessionRevoked and findUserSandbox: named statements, same answers", async () => {
    const user = await createUser("LEARNER");
    const id = await createUserSandbox(user.id);
    const sid = `sid-${id}`;
    const sent = await statementsOf(async () => {
      await expect(isSessionRevoked(sid)).resolves.toBe(false);
      await expect(findUserSandbox(user.id)).resolves.toBe(id);
    });
    expect(named(sent)).toEqual(["kubelab_session_revoked", "kubelab_find_user_sandbox"]);
    await revokeSession(sid);
    await expect(isSessionRevoked(sid)).resolves.toBe(true);
  });

  it("채점's store, the lab sandbox's lookup and a hint's reveal: prepared once on a connection, run on each call", async () => {
    const user = await createUser("LEARNER");
    const id = await createUserSandbox(user.id);
    await db().sandbox.update({ where: { id }, data: { labId: "named-lab" } });
    const record = (passedTasks: string[]) => ({
      userId: user.id,
      labId: "named-lab",
      sandboxId: id,
      score: passedTasks.length,
      maxScore: 2,
      results: [],
      passedTasks,
    });
    let second: Awaited<ReturnType<typeof storeAttempt>> | undefined;
    const prepared = await preparedOnOneConnection(async () => {
      await expect(findLabSandbox(user.id, "named-lab")).resolves.toBe(id);
      await expect(findLabSandbox(user.id, "other-lab")).resolves.toBeUndefined();
      const first = await storeAttempt(record(["a"]));
      second = await storeAttempt(record(["a", "b"]));
      expect(second.passes.get("a")).toEqual(first.createdAt);
      // pod-journey's create-pod has two hints: the third click reveals nothing more.
      await expect(revealNextHint(user.id, "pod-journey", "create-pod")).resolves.toMatchObject({
        remaining: 1,
      });
      await expect(revealNextHint(user.id, "pod-journey", "create-pod")).resolves.toMatchObject({
        remaining: 0,
      });
      await expect(revealNextHint(user.id, "pod-journey", "create-pod")).rejects.toMatchObject({
        code: "no-more-hints",
      });
    });
    expect(prepared).toEqual([
      { name: "kubelab_find_lab_sandbox", runs: 2 },
      { name: "kubelab_reveal_hint", runs: 3 },
      { name: "kubelab_store_lab_attempt", runs: 2 },
    ]);
    expect([...second!.passes.keys()].sort()).toEqual(["a", "b"]);
    expect(await db().labAttempt.count({ where: { userId: user.id, labId: "named-lab" } })).toBe(2);
  });

  it("the quiz's start, saves and submit: each statement prepared once on a connection", async () => {
    const user = await createUser("LEARNER");
    let done: Awaited<ReturnType<typeof submitAttempt>> | undefined;
    const prepared = await preparedOnOneConnection(async () => {
      // pool() is the one-connection pool inside this call.
      const deps = { ...testDeps().deps, sql: pool() };
      const attempt = await startAttempt(deps, user.id, REF);
      await saveAnswers(
        deps,
        user.id,
        attempt.id,
        answersFor(attempt, () => false),
      );
      await saveAnswers(deps, user.id, attempt.id, answersFor(attempt));
      done = await submitAttempt(deps, user.id, attempt.id);
      const overview = await quizOverview(deps, user.id, REF);
      expect(overview.attempts).toHaveLength(1);
    });
    expect(done).toMatchObject({ status: "SUBMITTED", score: totalPoints, percent: 100 });
    expect(prepared).toEqual([
      { name: "kubelab_quiz_attempt_for_grading", runs: 1 },
      { name: "kubelab_quiz_close_attempt", runs: 1 },
      { name: "kubelab_quiz_find_attempt", runs: 2 }, // each save's own read of the attempt
      { name: "kubelab_quiz_insert_attempt", runs: 1 },
      { name: "kubelab_quiz_list_answers", runs: 1 },
      { name: "kubelab_quiz_list_attempts", runs: 2 },
      { name: "kubelab_quiz_write_answers", runs: 2 },
    ]);
  });
});
