// The fast lane's other routes - 채점 and the quiz's start, save and submit - against
// Next's own route, as tests/integration/fast-lane.test.ts does for the terminal: two
// launchers (one worker each, one Postgres), one with the lane, one with
// KUBELAB_FAST_LANE=0. The lane must be the one answering (a Content-Length where Next
// streams) and answer as Next does: the same status, headers and body for every error
// class, and for successes the same answer to the same learner (the quiz's answers on
// one attempt, taken in turn on each side; 채점's grade of one lab sandbox).
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { Client } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeSession } from "@/lib/auth/revoked-sessions";
import { db } from "@/lib/db/client";
import { waitForWorkers } from "@/scripts/web-workers-probe";
import { buildOnceAndHold, type HeldLock } from "../setup/build-lock";
import { productionEnv } from "../setup/next-app";
import { createUser, sessionCookie, TEST_SECRET } from "./auth-fixtures";
import { killLauncher, startLauncher, type Launcher } from "./serve-web-launcher";

const TRANSPORT = new Set([
  "date",
  "connection",
  "keep-alive",
  "content-length",
  "transfer-encoding",
]);

interface Ask {
  method: "GET" | "POST" | "PUT";
  path: string;
  cookie?: string;
  headers?: Record<string, string>;
  body?: string;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  raw: Record<string, string>;
}

async function ask(app: Launcher, a: Ask): Promise<Answer> {
  const client = new Client(app.baseUrl, { bodyTimeout: 60_000, headersTimeout: 60_000 });
  try {
    const res = await client.request({
      path: a.path,
      method: a.method,
      headers: {
        ...(a.cookie ? { cookie: a.cookie } : {}),
        origin: app.baseUrl,
        "content-type": "application/json",
        ...a.headers,
      },
      body: a.method === "GET" ? undefined : (a.body ?? "{}"),
    });
    const body = Buffer.from(await res.body.arrayBuffer()).toString("utf8");
    const raw: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers))
      raw[k] = Array.isArray(v) ? v.join(", ") : String(v);
    const headers = Object.fromEntries(Object.entries(raw).filter(([k]) => !TRANSPORT.has(k)));
    return { status: res.statusCode, headers, body, raw };
  } finally {
    await client.close();
  }
}

let lock: HeldLock | undefined;
let lane: Launcher;
let next: Launcher;

beforeAll(async () => {
  lock = await buildOnceAndHold(productionEnv());
  [lane, next] = await Promise.all([
    startLauncher({ KUBELAB_WORKERS: "1" }),
    startLauncher({ KUBELAB_WORKERS: "1", KUBELAB_FAST_LANE: "0" }),
  ]);
  await Promise.all([
    waitForWorkers(lane.baseUrl, 1, { timeoutMs: 180_000 }),
    waitForWorkers(next.baseUrl, 1, { timeoutMs: 180_000 }),
  ]);
}, 900_000);

afterAll(async () => {
  killLauncher(lane);
  killLauncher(next);
  await lock?.release();
});

const learner = async () => sessionCookie((await createUser("LEARNER")).id);

/** The same request to both: the lane answered it, and as Next did (after `mask`). */
async function same(
  make: () => Promise<Ask> | Ask,
  mask: (body: string) => unknown = (b) => b,
): Promise<Answer> {
  const a = await make();
  const viaLane = await ask(lane, a);
  const viaNext = await ask(next, a);
  expect(viaLane.status, viaLane.body.slice(0, 300)).toBe(viaNext.status);
  expect(viaLane.headers).toEqual(viaNext.headers);
  expect(mask(viaLane.body)).toEqual(mask(viaNext.body));
  expect(viaLane.raw["content-length"]).toBe(String(Buffer.byteLength(viaLane.body)));
  expect(viaNext.raw["transfer-encoding"]).toBe("chunked");
  return viaLane;
}

/** The quiz's answers, the server clock aside. */
const withoutClock = (body: string) => body.replace(/"serverNow":"[^"]+"/g, '"serverNow":"T"');

const QUIZ = { courseId: "kubernetes", sessionId: "architecture" };

describe("the fast lane serves the quiz as Next's routes do", () => {
  it("start (and resume), save and submit of one attempt, in turn on each side", async () => {
    const cookie = await learner();
    const start: Ask = { method: "POST", path: "/api/quiz/attempts", cookie };
    // The lane starts the attempt, Next resumes the same one: the same overview.
    const started = await same(() => ({ ...start, body: JSON.stringify(QUIZ) }), withoutClock);
    expect(started.status).toBe(201);
    const view = JSON.parse(started.body) as {
      current: { id: string; questions: { key: string; type: string }[] };
    };
    const { id, questions } = view.current;
    const answers = questions.map((q) => ({ questionKey: q.key, response: { text: "1" } }));
    const fits = answers.filter((_, i) =>
      ["short", "numeric", "cluster"].includes(questions[i]!.type),
    );
    const saved = await same(() => ({
      method: "PUT",
      path: `/api/quiz/attempts/${id}/answers`,
      cookie,
      body: JSON.stringify({ answers: fits }),
    }));
    expect(JSON.parse(saved.body)).toEqual({ saved: fits.length });
    // The lane grades and closes it, Next answers the repeat from the stored result.
    const submitted = await same(
      () => ({ method: "POST", path: `/api/quiz/attempts/${id}/submit`, cookie, body: "{}" }),
      withoutClock,
    );
    expect(JSON.parse(submitted.body)).toMatchObject({ current: { id, status: "SUBMITTED" } });
  }, 120_000);

  it("answers 401 without a session, 403 cross-site, 404 for another learner's attempt, 400 for a bad body", async () => {
    const owner = await learner();
    const started = await ask(lane, {
      method: "POST",
      path: "/api/quiz/attempts",
      cookie: owner,
      body: JSON.stringify(QUIZ),
    });
    const { id } = (JSON.parse(started.body) as { current: { id: string } }).current;
    const save = `/api/quiz/attempts/${id}/answers`;
    const submit = `/api/quiz/attempts/${id}/submit`;
    const one = JSON.stringify({ answers: [{ questionKey: "k", response: { text: "1" } }] });
    for (const [method, path, body] of [
      ["POST", "/api/quiz/attempts", JSON.stringify(QUIZ)],
      ["PUT", save, one],
      ["POST", submit, "{}"],
    ] as const) {
      expect((await same(() => ({ method, path, body }))).status).toBe(401);
      const other = await learner();
      expect(
        (
          await same(() => ({
            method,
            path,
            body,
            cookie: other,
            headers: { origin: "https://evil.example" },
          }))
        ).status,
      ).toBe(403);
      if (path !== "/api/quiz/attempts") {
        expect((await same(() => ({ method, path, body, cookie: other }))).status).toBe(404);
      }
      expect((await same(() => ({ method, path, body: "{", cookie: owner }))).status).toBe(400);
    }
    expect(
      (
        await same(() => ({
          method: "POST",
          path: "/api/quiz/attempts",
          cookie: owner,
          body: JSON.stringify({ courseId: "kubernetes", sessionId: "no-such-session" }),
        }))
      ).status,
    ).toBe(404);
  }, 120_000);
});

describe("the fast lane serves the quiz overview as Next's route does", () => {
  const overview = (courseId: string, sessionId: string) =>
    `/api/quiz/attempts?courseId=${courseId}&sessionId=${sessionId}`;

  it("shows a learner's attempt alike on each side; 401, 400 and 404 alike", async () => {
    const cookie = await learner();
    const path = overview(QUIZ.courseId, QUIZ.sessionId);
    const empty = await same(() => ({ method: "GET", path, cookie }), withoutClock);
    expect(JSON.parse(empty.body)).toMatchObject({ attempts: [], current: null });
    await ask(lane, {
      method: "POST",
      path: "/api/quiz/attempts",
      cookie,
      body: JSON.stringify(QUIZ),
    });
    const shown = await same(() => ({ method: "GET", path, cookie }), withoutClock);
    expect(JSON.parse(shown.body)).toMatchObject({ current: { status: "IN_PROGRESS" } });
    // GET is not state-changing: another site's page gets the learner's answer on both.
    const evil = { origin: "https://evil.example" };
    expect(
      (await same(() => ({ method: "GET", path, cookie, headers: evil }), withoutClock)).status,
    ).toBe(200);
    expect((await same(() => ({ method: "GET", path }))).status).toBe(401);
    const bad = overview("-kubernetes", QUIZ.sessionId);
    expect((await same(() => ({ method: "GET", path: bad }))).status).toBe(401);
    expect((await same(() => ({ method: "GET", path: bad, cookie }))).status).toBe(400);
    const unknown = overview(QUIZ.courseId, "no-such-session");
    expect((await same(() => ({ method: "GET", path: unknown, cookie }))).status).toBe(404);
  }, 120_000);

  it("leaves any other query string to Next", async () => {
    const cookie = await learner();
    for (const path of [
      `/api/quiz/attempts?sessionId=${QUIZ.sessionId}&courseId=${QUIZ.courseId}`,
      `${overview(QUIZ.courseId, QUIZ.sessionId)}&x=1`,
      overview("Kubernetes", QUIZ.sessionId),
      overview("kube%72netes", QUIZ.sessionId),
      "/api/quiz/attempts",
    ]) {
      const res = await ask(lane, { method: "GET", path, cookie });
      // Next streams its answer: the lane would have given a Content-Length.
      expect(res.raw["transfer-encoding"], path).toBe("chunked");
    }
  }, 120_000);
});

describe("the fast lane serves the terminal's history, the editor's files and the cluster picture as Next does", () => {
  /** A learner with their free sandbox (made through Next) and a command in its history. */
  async function withSandbox() {
    const cookie = await learner();
    const made = await ask(next, { method: "GET", path: "/api/sandboxes", cookie });
    const { id } = JSON.parse(made.body) as { id: string };
    const ran = await ask(lane, {
      method: "POST",
      path: `/api/sandboxes/${id}/exec`,
      cookie,
      body: JSON.stringify({ command: "kubectl create namespace shown" }),
    });
    expect(ran.status).toBe(200);
    return { cookie, id };
  }

  it("answers alike: the picture, the history, and 401/404 for others", async () => {
    const { cookie, id } = await withSandbox();
    const history = await same(() => ({
      method: "GET",
      path: `/api/sandboxes/${id}/history`,
      cookie,
    }));
    expect(JSON.parse(history.body)).toEqual({ history: ["kubectl create namespace shown"] });
    // The picture's own clock aside: the time it was built, and the revision - each poll
    // catches the cluster up to now, so a lease renewal between the two requests adds
    // revisions (CI once saw 164 on the lane, 166 on Next a moment later).
    const picture = await same(
      () => ({ method: "GET", path: `/api/sandboxes/${id}/picture`, cookie }),
      (body) => body.replace(/^\{"time":\d+,"revision":\d+,/, '{"time":0,"revision":0,'),
    );
    expect(picture.body).toMatch(/^\{"time":\d+,"revision":\d+,"apiServers"/);
    expect(picture.status).toBe(200);
    const other = await learner();
    for (const name of ["history", "picture"]) {
      const path = `/api/sandboxes/${id}/${name}`;
      expect((await same(() => ({ method: "GET", path }))).status).toBe(401);
      const refused = await same(() => ({ method: "GET", path, cookie: other }));
      expect(refused.status, name).toBeGreaterThanOrEqual(403);
      const missing = `/api/sandboxes/no-such-sandbox/${name}`;
      expect((await same(() => ({ method: "GET", path: missing, cookie }))).status).toBe(404);
    }
  }, 120_000);

  it("answers the editor's files alike; leaves the editor's schema to Next", async () => {
    const cookie = await learner();
    const path = "/api/workspace/cluster-anatomy";
    const saved = await ask(next, {
      method: "PUT",
      path: `${path}/web.yaml`,
      cookie,
      body: JSON.stringify({ content: "kind: Pod\n" }),
    });
    expect(saved.status).toBe(200);
    const files = await same(() => ({ method: "GET", path, cookie }));
    expect(JSON.parse(files.body)).toMatchObject({ files: [{ path: "web.yaml" }] });
    expect((await same(() => ({ method: "GET", path }))).status).toBe(401);
    const bad = "/api/workspace/-x";
    expect((await same(() => ({ method: "GET", path: bad, cookie }))).status).toBe(400);
    const schema = await ask(lane, { method: "GET", path: "/api/workspace/schema" });
    expect(schema.status).toBe(200);
    expect(schema.raw["transfer-encoding"]).toBe("chunked");
  }, 120_000);

  it("answers the request trace alike; 401/404 alike", async () => {
    const { cookie, id } = await withSandbox();
    // Only stored rows (no catch-up): nothing for the clock to change between the two.
    const path = `/api/sandboxes/${id}/trace`;
    const traced = await same(() => ({ method: "GET", path, cookie }));
    expect(JSON.parse(traced.body)).toMatchObject({
      commands: [{ label: "create /api/v1/namespaces" }],
    });
    expect((await same(() => ({ method: "GET", path }))).status).toBe(401);
    const other = await learner();
    expect((await same(() => ({ method: "GET", path, cookie: other }))).status).toBe(404);
    const missing = "/api/sandboxes/no-such-sandbox/trace";
    expect((await same(() => ({ method: "GET", path: missing, cookie }))).status).toBe(404);
  }, 120_000);

  it("answers the editor's autosave alike: overwrite, create; 401, 403, 400, 413, 409 alike", async () => {
    const cookie = await learner();
    const file = "/api/workspace/cluster-anatomy/web.yaml";
    const put = (path: string, body: string, extra: Partial<Ask> = {}): Ask => ({
      method: "PUT",
      path,
      cookie,
      body,
      ...extra,
    });
    // The file's own save time aside (each side writes it at its own moment).
    const withoutTime = (body: string) => body.replace(/"updatedAt":"[^"]+"/g, '"updatedAt":"T"');
    const content = JSON.stringify({ content: "kind: Pod\n" });
    // Created by the lane, overwritten by Next; then the other way round.
    const created = await same(() => put(file, content), withoutTime);
    expect(JSON.parse(created.body)).toMatchObject({ path: "web.yaml", content: "kind: Pod\n" });
    const other = "/api/workspace/cluster-anatomy/svc.yml";
    expect((await same(() => put(other, content), withoutTime)).status).toBe(200);
    expect((await same(() => put(file, content, { cookie: undefined }))).status).toBe(401);
    const evil = { origin: "https://evil.example" };
    expect((await same(() => put(file, content, { headers: evil }))).status).toBe(403);
    expect((await same(() => put(file, "{"))).status).toBe(400);
    expect((await same(() => put("/api/workspace/-x/web.yaml", content))).status).toBe(400);
    const big = JSON.stringify({ content: "a".repeat(64 * 1024 + 1) });
    expect((await same(() => put(file, big))).status).toBe(413);
    // The workspace's file count: a 21st name refused alike, an overwrite still taken.
    for (let i = 0; i < 18; i++) {
      const saved = await ask(next, put(`/api/workspace/cluster-anatomy/f${i}.yaml`, content));
      expect(saved.status).toBe(200);
    }
    const over = await same(() => put("/api/workspace/cluster-anatomy/one-more.yaml", content));
    expect(over.status).toBe(409);
    expect((await same(() => put(file, content), withoutTime)).status).toBe(200);
  }, 120_000);

  it("leaves the picture of one object (a query string) to Next", async () => {
    const { cookie, id } = await withSandbox();
    const path = `/api/sandboxes/${id}/picture?kind=nodes&name=controlplane`;
    const res = await ask(lane, { method: "GET", path, cookie });
    expect(res.raw["transfer-encoding"]).toBe("chunked");
  }, 120_000);
});

describe("the fast lane serves 채점 as Next's route does", () => {
  it("grades the learner's lab sandbox alike on each side", async () => {
    const cookie = await learner();
    const path = "/api/labs/cluster-anatomy/check";
    // One lab sandbox (created by the first 채점), graded on each side: the same tasks,
    // checks and grades; the attempt's own id and time aside.
    const graded = await same(
      () => ({ method: "POST", path, cookie }),
      (body) => {
        const o = JSON.parse(body) as Record<string, unknown>;
        return { ...o, attemptId: "A", createdAt: "T" };
      },
    );
    expect(graded.status).toBe(200);
    expect(JSON.parse(graded.body)).toMatchObject({ results: expect.any(Array), complete: false });
  }, 120_000);

  it("answers 401 without a session, 403 cross-site, 404 for an unknown lab", async () => {
    const cookie = await learner();
    const path = "/api/labs/cluster-anatomy/check";
    expect((await same(() => ({ method: "POST", path }))).status).toBe(401);
    const evil = { origin: "https://evil.example" };
    expect((await same(() => ({ method: "POST", path, cookie, headers: evil }))).status).toBe(403);
    const unknown = { method: "POST" as const, path: "/api/labs/no-such-lab/check", cookie };
    expect((await same(() => unknown)).status).toBe(404);
  }, 120_000);
});

describe("the quiz page's server render reads the user with the attempts", () => {
  const page = `/courses/${QUIZ.courseId}/${QUIZ.sessionId}/quiz`;
  const signIn = `/signin?callbackUrl=${encodeURIComponent(page)}`;

  it("renders the learner's own attempt; sends the signed-out, the deleted and the forged to sign-in", async () => {
    const user = await createUser("LEARNER");
    const sid = randomUUID();
    const cookie = `next-auth.session-token=${await encode({ token: { sub: user.id, sid }, secret: TEST_SECRET })}`;
    const fresh = await ask(lane, { method: "GET", path: page, cookie });
    expect(fresh.status).toBe(200);
    expect(fresh.body).not.toContain("내 응시 기록");
    // The header's user is the page's (the root layout reads the same session).
    expect(fresh.body).toContain(user.name);
    await ask(lane, {
      method: "POST",
      path: "/api/quiz/attempts",
      cookie,
      body: JSON.stringify(QUIZ),
    });
    const shown = await ask(lane, { method: "GET", path: page, cookie });
    expect(shown.status).toBe(200);
    expect(shown.body).toContain("내 응시 기록");
    expect(shown.body).toContain("응시 중");
    // Another learner sees none of it.
    const other = await ask(lane, { method: "GET", path: page, cookie: await learner() });
    expect(other.status).toBe(200);
    expect(other.body).not.toContain("내 응시 기록");

    const toSignIn = async (who?: string) => {
      const res = await ask(lane, { method: "GET", path: page, cookie: who });
      expect(res.status).toBe(307);
      expect(res.raw["location"]).toBe(signIn);
    };
    await toSignIn(undefined);
    await toSignIn("next-auth.session-token=forged");
    await revokeSession(sid);
    await toSignIn(cookie);
    const again = await sessionCookie(user.id);
    expect((await ask(lane, { method: "GET", path: page, cookie: again })).status).toBe(200);
    await db().user.delete({ where: { id: user.id } });
    await toSignIn(again);
  }, 120_000);

  it("renders the lab page for its learner; sends the signed-out and the deleted to sign-in", async () => {
    const lab = "/labs/cluster-anatomy";
    const user = await createUser("LEARNER");
    const sid = randomUUID();
    const cookie = `next-auth.session-token=${await encode({ token: { sub: user.id, sid }, secret: TEST_SECRET })}`;
    const opened = await ask(lane, { method: "GET", path: lab, cookie });
    expect(opened.status).toBe(200);
    // The learner's own lab sandbox, as the lab's open answers it.
    const own = await ask(lane, {
      method: "GET",
      path: `/api/labs/cluster-anatomy/sandbox`,
      cookie,
    });
    const { sandboxId } = JSON.parse(own.body) as { sandboxId: string };
    expect(opened.body).toContain(sandboxId);
    const other = await ask(lane, { method: "GET", path: lab, cookie: await learner() });
    expect(other.status).toBe(200);
    expect(other.body).not.toContain(sandboxId);
    // The lab page streams (its loading.tsx): the redirect comes in the body, as Next
    // sends one once the answer has begun, and none of the page does.
    const toSignIn = async (who?: string) => {
      const res = await ask(lane, { method: "GET", path: lab, cookie: who });
      expect(res.status).toBe(200);
      expect(res.body).toContain(`/signin?callbackUrl=${encodeURIComponent(lab)}`);
      expect(res.body).not.toContain("실습 안내");
    };
    expect(opened.body).toContain("실습 안내");
    await toSignIn(undefined);
    await revokeSession(sid);
    await toSignIn(cookie);
    const again = await sessionCookie(user.id);
    expect((await ask(lane, { method: "GET", path: lab, cookie: again })).status).toBe(200);
    await db().user.delete({ where: { id: user.id } });
    await toSignIn(again);
  }, 120_000);
});
