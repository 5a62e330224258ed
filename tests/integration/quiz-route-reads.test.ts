// What the quiz routes send to Postgres (issue #11: a class starts, saves and submits at
// the same minute): the session's user row and the quiz rows the route reads next are ONE
// named query (lib/quiz/attempts/quiz-requester.ts), the user row still re-read on every
// request - a signed-out session or a deleted user gets 401 at once, another learner's
// attempt 404, and the session's answers come before the body's, as before.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { GET as overviewRoute, POST as startRoute } from "@/app/api/quiz/attempts/route";
import { PUT as saveRoute } from "@/app/api/quiz/attempts/[id]/answers/route";
import { POST as submitRoute } from "@/app/api/quiz/attempts/[id]/submit/route";
import { revokeSession } from "@/lib/auth/revoked-sessions";
import { db } from "@/lib/db/client";
import type { QuizOverview } from "@/lib/quiz/attempts/attempt-view";
import { userSandbox } from "@/lib/terminal/user-sandbox";
import { APP_ORIGIN, createUser, jsonRequest, TEST_SECRET } from "./auth-fixtures";
import { REF } from "./quiz-fixtures";
import { statementsOf } from "./pool-statements";

const quizStatements = (texts: string[]) => texts.filter((t) => t.includes(`"QuizAttempt"`));
const readsUserAlone = (texts: string[]) => texts.some((t) => t.startsWith(`SELECT "id", "email"`));

async function signedIn() {
  const user = await createUser("LEARNER");
  const sid = randomUUID();
  const token = await encode({ token: { sub: user.id, sid }, secret: TEST_SECRET });
  return { user, sid, cookie: `next-auth.session-token=${token}` };
}

/** A saved answer of a question that takes text (the order of questions varies per attempt). */
const textAnswer = (questions: { key: string; type: string }[]) => ({
  questionKey: questions.find((q) => ["short", "numeric", "cluster"].includes(q.type))!.key,
  response: { text: "1" },
});

const params = (id: string) => ({ params: Promise.resolve({ id }) });
const overviewPath = `/api/quiz/attempts?courseId=${REF.courseId}&sessionId=${REF.sessionId}`;
const overview = (cookie?: string, path = overviewPath) =>
  overviewRoute(new Request(`${APP_ORIGIN}${path}`, { headers: cookie ? { cookie } : {} }));
const start = (cookie?: string, body: unknown = REF, headers: Record<string, string> = {}) =>
  startRoute(
    jsonRequest("/api/quiz/attempts", "POST", body, { ...(cookie ? { cookie } : {}), ...headers }),
  );
const save = (cookie: string | undefined, id: string, body: unknown) =>
  saveRoute(
    jsonRequest(`/api/quiz/attempts/${id}/answers`, "PUT", body, cookie ? { cookie } : {}),
    params(id),
  );
const submit = (cookie: string | undefined, id: string, body: unknown = {}) =>
  submitRoute(
    jsonRequest(`/api/quiz/attempts/${id}/submit`, "POST", body, cookie ? { cookie } : {}),
    params(id),
  );

describe("the quiz routes read the user with the quiz rows", () => {
  it("start, overview, save, resume and submit: the user's row in the rows' own query", async () => {
    const { user, cookie } = await signedIn();
    // The free sandbox the cluster questions are graded against, decoded once here.
    await userSandbox(user.id);
    await start(cookie, { courseId: REF.courseId, sessionId: "no-such-session" }); // warms the cookie cache
    let view!: QuizOverview;
    const started = await statementsOf(async () => {
      const res = await start(cookie);
      expect(res.status).toBe(201);
      view = (await res.json()) as QuizOverview;
    });
    expect(started).toHaveLength(2);
    expect(started[0]).toMatch(/^kubelab_quiz_attempts /);
    expect(started[1]).toContain(`INSERT INTO "QuizAttempt"`);
    const { id, questions } = view.current!;

    const shown = await statementsOf(async () => {
      const res = await overview(cookie);
      expect(res.status).toBe(200);
      const body = (await res.json()) as QuizOverview;
      expect(body.current!.id).toBe(id);
    });
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatch(/^kubelab_quiz_attempts /);
    expect(shown[1]).toContain(`FROM "QuizAnswer"`);

    const answers = [textAnswer(questions)];
    const saved = await statementsOf(async () => {
      const res = await save(cookie, id, { answers });
      expect(res.status).toBe(200);
    });
    expect(saved).toHaveLength(2);
    expect(saved[0]).toMatch(/^kubelab_quiz_attempt /);
    expect(saved[1]).toContain(`UPDATE "QuizAttempt"`);

    const resumed = await statementsOf(async () => {
      const res = await start(cookie);
      expect(res.status).toBe(201);
      expect(((await res.json()) as QuizOverview).current!.id).toBe(id);
    });
    expect(resumed).toHaveLength(2);

    const submitted = await statementsOf(async () => {
      const res = await submit(cookie, id);
      expect(res.status).toBe(200);
      expect(((await res.json()) as QuizOverview).current).toMatchObject({
        id,
        status: "SUBMITTED",
      });
    });
    // The user, the attempt with its answers and the free sandbox; the close. Between them
    // the sandbox's own reads (its cached copy's version check, a catch-up's write), never
    // the user's row alone nor a lookup of the free sandbox.
    expect(submitted[0]).toMatch(/^kubelab_quiz_grading /);
    expect(quizStatements(submitted)).toHaveLength(2);
    expect(quizStatements(submitted)[1]).toContain(`WITH closed AS`);
    expect(submitted.some((t) => t.includes(`"labId" IS NULL ORDER BY "createdAt"`))).toBe(false);
    for (const texts of [started, shown, saved, resumed, submitted]) {
      expect(readsUserAlone(texts)).toBe(false);
    }
  });

  it("401 without a session, after sign-out and after the user is deleted; 404 for another learner's attempt", async () => {
    const owner = await signedIn();
    const started = (await (await start(owner.cookie)).json()) as QuizOverview;
    const { id, questions } = started.current!;
    const answers = { answers: [textAnswer(questions)] };

    // No session: 401 before the body (a bad one included).
    expect((await overview()).status).toBe(401);
    expect((await overview(undefined, "/api/quiz/attempts?courseId=BAD")).status).toBe(401);
    expect((await start(undefined)).status).toBe(401);
    expect((await start(undefined, "{")).status).toBe(401);
    expect((await save(undefined, id, answers)).status).toBe(401);
    expect((await submit(undefined, id)).status).toBe(401);

    // Another learner: their own (empty) overview; the attempt is as missing as an unknown one.
    const other = await signedIn();
    const theirs = (await (await overview(other.cookie)).json()) as QuizOverview;
    expect(theirs.attempts).toEqual([]);
    expect((await save(other.cookie, id, answers)).status).toBe(404);
    expect((await submit(other.cookie, id)).status).toBe(404);
    expect((await save(other.cookie, "no-such-attempt", answers)).status).toBe(404);
    // The session's checks pass, then the body's: 403 cross-site, 400 malformed.
    const evil = { origin: "https://evil.example" };
    expect((await start(other.cookie, REF, evil)).status).toBe(403);
    expect((await start(other.cookie, "{")).status).toBe(400);
    expect((await save(other.cookie, id, "{")).status).toBe(400);
    expect((await overview(other.cookie, "/api/quiz/attempts?courseId=BAD")).status).toBe(400);
    expect(
      (await overview(other.cookie, "/api/quiz/attempts?courseId=kubernetes&sessionId=nope"))
        .status,
    ).toBe(404);

    // Signed out: 401 at once on every route, though the cookie's subject is cached.
    expect((await overview(other.cookie)).status).toBe(200);
    await revokeSession(other.sid);
    expect((await overview(other.cookie)).status).toBe(401);
    expect((await start(other.cookie)).status).toBe(401);
    expect((await save(other.cookie, id, answers)).status).toBe(401);
    expect((await submit(other.cookie, id)).status).toBe(401);

    // The owner's attempt still works for the owner; deleted, the owner gets 401.
    expect((await save(owner.cookie, id, answers)).status).toBe(200);
    await db().user.delete({ where: { id: owner.user.id } });
    expect((await overview(owner.cookie)).status).toBe(401);
    expect((await start(owner.cookie)).status).toBe(401);
    expect((await save(owner.cookie, id, answers)).status).toBe(401);
    expect((await submit(owner.cookie, id)).status).toBe(401);
  });
});
