// The fast lane (server/fast-lane) against Next's own route: two launchers as `npm start`
// starts them (scripts/serve-web.ts), one worker each, on one Postgres - one with the
// lane (the default), one with KUBELAB_FAST_LANE=0 (exactly `next start`). The same
// requests to both must give the same status, headers and body, for success and for
// every error class; the lane must be the one answering (its answers carry a
// Content-Length where Next streams); a request the lane drops half-way must not end
// the worker; the lane and Next's routes share one sandbox cache in the worker.
import { connect } from "node:net";
import { gunzipSync } from "node:zlib";
import { encode } from "next-auth/jwt";
import { Client } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { probeWorker, waitForWorkers } from "@/scripts/web-workers-probe";
import { buildOnceAndHold, type HeldLock } from "../setup/build-lock";
import { productionEnv } from "../setup/next-app";
import { createUser, sessionCookie } from "./auth-fixtures";
import {
  killLauncher,
  startLauncher as startSharedLauncher,
  type Launcher,
} from "./serve-web-launcher";

/** One worker, a small per-sandbox budget so the 429 is reachable (each case uses its own sandbox). */
const startLauncher = (env: Record<string, string>) =>
  startSharedLauncher({
    KUBELAB_WORKERS: "1",
    KUBELAB_SANDBOX_BURST: "12",
    KUBELAB_SANDBOX_RATE: "0.01",
    KUBELAB_DB_COUNTERS_MS: "100",
    ...env,
  });

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

// Framing and per-moment headers: the lane sends Content-Length where Next streams.
const TRANSPORT = new Set([
  "date",
  "connection",
  "keep-alive",
  "content-length",
  "transfer-encoding",
]);

interface Ask {
  cookie?: string;
  sandbox?: string;
  route?: "exec" | "complete";
  query?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

async function ask(app: Launcher, a: Ask): Promise<Answer & { raw: Record<string, string> }> {
  const client = new Client(app.baseUrl, { bodyTimeout: 60_000, headersTimeout: 60_000 });
  try {
    const res = await client.request({
      path: `/api/sandboxes/${a.sandbox}/${a.route ?? "exec"}${a.query ?? ""}`,
      method: "POST",
      headers: {
        ...(a.cookie ? { cookie: a.cookie } : {}),
        origin: app.baseUrl,
        "content-type": "application/json",
        ...a.headers,
      },
      body: a.body ?? JSON.stringify({ command: "kubectl version --client" }),
    });
    const bytes = Buffer.from(await res.body.arrayBuffer());
    const raw: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers))
      raw[k] = Array.isArray(v) ? v.join(", ") : String(v);
    const headers = Object.fromEntries(Object.entries(raw).filter(([k]) => !TRANSPORT.has(k)));
    const body = (raw["content-encoding"] === "gzip" ? gunzipSync(bytes) : bytes).toString("utf8");
    return { status: res.statusCode, headers, body, raw };
  } finally {
    await client.close();
  }
}

interface Side {
  app: Launcher;
  pid: number;
  /** One learner (and sandbox) per case, so each case starts with a full request budget. */
  learner(): Promise<{ cookie: string; sandbox: string }>;
}

async function side(app: Launcher): Promise<Side> {
  const [pid] = await waitForWorkers(app.baseUrl, 1, { timeoutMs: 180_000 });
  return {
    app,
    pid: pid!,
    async learner() {
      const user = await createUser("LEARNER");
      const cookie = await sessionCookie(user.id);
      const client = new Client(app.baseUrl);
      try {
        const res = await client.request({
          path: "/api/sandboxes",
          method: "GET",
          headers: { cookie },
        });
        const { id } = (await res.body.json()) as { id: string };
        return { cookie, sandbox: id };
      } finally {
        await client.close();
      }
    },
  };
}

let lock: HeldLock | undefined;
let lane: Side;
let next: Side;

beforeAll(async () => {
  lock = await buildOnceAndHold(productionEnv());
  const [a, b] = await Promise.all([startLauncher({}), startLauncher({ KUBELAB_FAST_LANE: "0" })]);
  [lane, next] = await Promise.all([side(a), side(b)]);
}, 900_000);

afterAll(async () => {
  killLauncher(lane?.app);
  killLauncher(next?.app);
  await lock?.release();
});

/** The same case on both servers: equal status, headers (transport aside) and body. */
async function same(
  make: (s: Side) => Promise<Ask>,
): Promise<{ viaLane: Answer & { raw: Record<string, string> } }> {
  const [viaLane, viaNext] = await Promise.all([
    make(lane).then((a) => ask(lane.app, a)),
    make(next).then((a) => ask(next.app, a)),
  ]);
  expect(viaLane.status, viaLane.body.slice(0, 300)).toBe(viaNext.status);
  expect(viaLane.headers).toEqual(viaNext.headers);
  expect(viaLane.body).toBe(viaNext.body);
  return { viaLane };
}

const owned = async (s: Side, rest: Ask = {}): Promise<Ask> => ({
  ...(await s.learner()),
  ...rest,
});

describe("the fast lane answers as Next's route does", () => {
  it("serves a command (200) with the config's security headers, and is the one answering", async () => {
    const { viaLane } = await same((s) => owned(s));
    expect(viaLane.status).toBe(200);
    expect(JSON.parse(viaLane.body)).toMatchObject({ exitCode: 0 });
    expect(viaLane.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(viaLane.headers["x-frame-options"]).toBe("DENY");
    expect(viaLane.raw["content-length"]).toBe(String(Buffer.byteLength(viaLane.body)));
    expect(viaLane.raw["transfer-encoding"]).toBeUndefined();
  }, 60_000);

  it("gzips a large answer for a client that accepts it, and not for one that does not", async () => {
    const big = { body: JSON.stringify({ command: "kubectl api-resources" }) };
    const { viaLane } = await same((s) =>
      owned(s, { ...big, headers: { "accept-encoding": "gzip" } }),
    );
    expect(viaLane.headers["content-encoding"]).toBe("gzip");
    expect(viaLane.headers["vary"]).toMatch(/, Accept-Encoding$/);
    await same((s) => owned(s, { ...big, headers: { "accept-encoding": "identity" } }));
  }, 60_000);

  it("serves Tab completion", async () => {
    const { viaLane } = await same((s) =>
      owned(s, { route: "complete", body: JSON.stringify({ line: "kubectl get po" }) }),
    );
    expect(JSON.parse(viaLane.body)).toMatchObject({ candidates: expect.any(Array) });
  }, 60_000);

  it("answers 401 without a session", async () => {
    const { viaLane } = await same(async (s) => ({ sandbox: (await s.learner()).sandbox }));
    expect(viaLane.status).toBe(401);
  }, 60_000);

  it("reads a Bearer session too, refuses a forged one, and re-checks the user on every request", async () => {
    const bearer = await same(async (s) => {
      const me = await s.learner();
      const token = me.cookie.slice("next-auth.session-token=".length);
      return { sandbox: me.sandbox, headers: { authorization: `Bearer ${token}` } };
    });
    expect(bearer.viaLane.status).toBe(200);
    const forged = await same(async (s) => {
      const me = await s.learner();
      const token = await encode({ token: { sub: "intruder" }, secret: "not-the-secret" });
      return { sandbox: me.sandbox, cookie: `next-auth.session-token=${token}` };
    });
    expect(forged.viaLane.status).toBe(401);
    // The session's subject is cached per Cookie header; the user row is not: the cookie
    // that just worked is refused once its user is gone.
    for (const s of [lane, next]) {
      const me = await s.learner();
      expect((await ask(s.app, me)).status).toBe(200);
      const row = await db().sandbox.findUniqueOrThrow({ where: { id: me.sandbox } });
      await db().user.delete({ where: { id: row.ownerId! } });
      expect((await ask(s.app, me)).status).toBe(401);
    }
  }, 60_000);

  it("reads bodies as Next does: empty, multi-byte UTF-8, JSON with a charset", async () => {
    expect((await same((s) => owned(s, { body: "" }))).viaLane.status).toBe(400);
    const korean = JSON.stringify({ command: 'echo "안녕하세요 쿠버네티스"' });
    const { viaLane } = await same((s) => owned(s, { body: korean }));
    expect(viaLane.status).toBe(200);
    const charset = { headers: { "content-type": "application/json; charset=utf-8" } };
    expect((await same((s) => owned(s, charset))).viaLane.status).toBe(200);
  }, 60_000);

  it("answers 403 to a cross-site request (CSRF)", async () => {
    const { viaLane } = await same((s) =>
      owned(s, { headers: { origin: "https://evil.example" } }),
    );
    expect(viaLane.status).toBe(403);
    expect(JSON.parse(viaLane.body).error.code).toBe("crossSite");
  }, 60_000);

  it("answers 404 for an unknown sandbox and for another learner's", async () => {
    const { viaLane } = await same(async (s) => ({
      ...(await s.learner()),
      sandbox: "nosuchsandbox0",
    }));
    expect(viaLane.status).toBe(404);
    const other = await same(async (s) => {
      const [me, them] = [await s.learner(), await s.learner()];
      return { cookie: me.cookie, sandbox: them.sandbox };
    });
    expect(other.viaLane.status).toBe(404);
  }, 60_000);

  it("answers 400 for broken JSON and for a missing command, 415 for another content type", async () => {
    expect((await same((s) => owned(s, { body: "{" }))).viaLane.status).toBe(400);
    expect((await same((s) => owned(s, { body: "{}" }))).viaLane.status).toBe(400);
    const nul = JSON.stringify({ command: "kubectl get ns\u0000" });
    expect((await same((s) => owned(s, { body: nul }))).viaLane.status).toBe(400);
    const form = { headers: { "content-type": "text/plain" } };
    expect((await same((s) => owned(s, form))).viaLane.status).toBe(415);
  }, 60_000);

  it("answers 413 for stdin over 1 MiB (in bytes) and for a 10 MB body", async () => {
    const stdin = JSON.stringify({ command: "kubectl apply -f -", stdin: "가".repeat(400_000) });
    expect((await same((s) => owned(s, { body: stdin }))).viaLane.status).toBe(413);
    const huge = Buffer.alloc(10 * 1024 * 1024, 0x20);
    expect((await same((s) => owned(s, { body: huge }))).viaLane.status).toBe(413);
  }, 120_000);

  it("answers 429 with Retry-After once the sandbox's budget is spent", async () => {
    const spent = async (s: Side) => {
      const me = await s.learner();
      for (let i = 0; i < 12; i++) expect((await ask(s.app, me)).status).toBe(200);
      return ask(s.app, me);
    };
    const [viaLane, viaNext] = await Promise.all([spent(lane), spent(next)]);
    // The wait counts from the moment each side spent its burst (the bucket refills
    // continuously), and the two sides spend theirs a moment apart: a whole second
    // between them would make the numbers differ. Everything else must be equal.
    const wait = (a: Answer) => Number(a.headers["retry-after"]);
    const masked = (a: Answer) => ({
      status: a.status,
      headers: { ...a.headers, "retry-after": "N" },
      body: a.body.replaceAll(String(wait(a)), "N"),
    });
    expect(masked(viaLane)).toEqual(masked(viaNext));
    expect(viaLane.status).toBe(429);
    expect(wait(viaLane)).toBeGreaterThan(0);
    expect(Math.abs(wait(viaLane) - wait(viaNext))).toBeLessThanOrEqual(10);
    const body = JSON.parse(viaLane.body) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("sandboxRateLimited");
    expect(body.error.message).toContain(`${wait(viaLane)}초`);
  }, 120_000);
});

/** GET of a lab's sandbox (the lab page's open), as a browser sends it. */
async function openLab(
  app: Launcher,
  labId: string,
  cookie?: string,
  headers: Record<string, string> = {},
): Promise<Answer & { raw: Record<string, string> }> {
  const client = new Client(app.baseUrl);
  try {
    const res = await client.request({
      path: `/api/labs/${labId}/sandbox`,
      method: "GET",
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
    const bytes = Buffer.from(await res.body.arrayBuffer());
    const raw: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers))
      raw[k] = Array.isArray(v) ? v.join(", ") : String(v);
    const filtered = Object.fromEntries(Object.entries(raw).filter(([k]) => !TRANSPORT.has(k)));
    const body = (raw["content-encoding"] === "gzip" ? gunzipSync(bytes) : bytes).toString("utf8");
    return { status: res.statusCode, headers: filtered, body, raw };
  } finally {
    await client.close();
  }
}

describe("the fast lane opens a lab's sandbox as Next's route does", () => {
  it("creates the learner's sandbox, and the other server finds the same one with the same answer", async () => {
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    const gzip = { "accept-encoding": "gzip" };
    // Created through the lane, then opened again through Next (one Postgres): the same.
    const viaLane = await openLab(lane.app, "pod-journey", cookie, gzip);
    expect(viaLane.status, viaLane.body).toBe(200);
    expect(viaLane.raw["content-length"]).toBe(String(Buffer.byteLength(viaLane.body))); // the lane
    const viaNext = await openLab(next.app, "pod-journey", cookie, gzip);
    expect(viaNext.raw["transfer-encoding"]).toBe("chunked"); // Next
    expect(viaLane.headers).toEqual(viaNext.headers);
    expect(viaLane.body).toBe(viaNext.body);
    const { sandboxId } = JSON.parse(viaLane.body) as { sandboxId: string };
    const row = await db().sandbox.findUniqueOrThrow({ where: { id: sandboxId } });
    expect([row.ownerId, row.labId]).toEqual([user.id, "pod-journey"]);
    expect(viaLane.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(viaLane.headers["cache-control"]).toBe("no-store, no-transform");
    // Opened through Next first, then through the lane: the same again.
    const other = await createUser("LEARNER");
    const otherCookie = await sessionCookie(other.id);
    const first = await openLab(next.app, "pod-journey", otherCookie);
    const again = await openLab(lane.app, "pod-journey", otherCookie);
    expect([again.status, again.headers, again.body]).toEqual([
      first.status,
      first.headers,
      first.body,
    ]);
    // Each learner has their own.
    expect(JSON.parse(again.body).sandboxId).not.toBe(sandboxId);
    // The lane's new sandbox takes commands on the worker that created it (its cache).
    const command = await ask(lane.app, { cookie, sandbox: sandboxId });
    expect(command.status).toBe(200);
  }, 120_000);

  it("answers 401 without a session, with a forged one and once the user is gone; 404 for an unknown lab", async () => {
    const pair = async (labId: string, cookie?: string) => {
      const [a, b] = await Promise.all([
        openLab(lane.app, labId, cookie),
        openLab(next.app, labId, cookie),
      ]);
      expect([a.status, a.headers, a.body]).toEqual([b.status, b.headers, b.body]);
      expect(a.raw["content-length"]).toBeDefined();
      return a.status;
    };
    expect(await pair("pod-journey")).toBe(401);
    const forged = await encode({ token: { sub: "intruder" }, secret: "not-the-secret" });
    expect(await pair("pod-journey", `next-auth.session-token=${forged}`)).toBe(401);
    const user = await createUser("LEARNER");
    const cookie = await sessionCookie(user.id);
    expect(await pair("no-such-lab", cookie)).toBe(404);
    await db().user.delete({ where: { id: user.id } });
    expect(await pair("pod-journey", cookie)).toBe(401);
    expect(await db().sandbox.count({ where: { ownerId: user.id } })).toBe(0);
  }, 120_000);
});

describe("the fast lane in its worker", () => {
  it("survives requests dropped half-way (body cut off, connection closed before the answer)", async () => {
    const me = await lane.learner();
    const url = new URL(lane.app.baseUrl);
    const drop = (payload: string) =>
      new Promise<void>((resolve) => {
        const socket = connect(Number(url.port), url.hostname, () => {
          socket.write(payload);
          setTimeout(() => socket.destroy(), 100);
        });
        socket.on("close", () => resolve());
        socket.on("error", () => resolve());
      });
    const head = (length: number) =>
      `POST /api/sandboxes/${me.sandbox}/exec HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${me.cookie}\r\n` +
      `Origin: ${lane.app.baseUrl}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    const body = JSON.stringify({ command: "kubectl get pods -A" });
    await drop(head(1000) + body); // the body never completes
    await drop(head(Buffer.byteLength(body)) + body); // gone before the answer
    await drop(head(5) + '{"com'); // cut inside the JSON
    await new Promise((r) => setTimeout(r, 500));
    expect(await probeWorker(lane.app.baseUrl)).toEqual({ status: 200, pid: lane.pid });
    expect((await ask(lane.app, me)).status).toBe(200);
  }, 60_000);

  it("shares the worker's sandbox cache with Next's routes", async () => {
    const me = await lane.learner();
    const counters = () => {
      const lines = lane.app
        .output()
        .split("\n")
        .filter((l) => l.startsWith(`db counters (pid ${lane.pid})`));
      return JSON.parse(lines.at(-1)!.replace(/^[^{]*/, "")) as {
        fullLoads: number;
        cached: number;
      };
    };
    const settle = () => new Promise((r) => setTimeout(r, 400));
    const first = await ask(lane.app, {
      ...me,
      body: JSON.stringify({ command: "kubectl create namespace shared" }),
    });
    expect(first.raw["content-length"]).toBeDefined(); // through the lane
    await settle();
    const before = counters();
    // A query string keeps the lane out of it: Next's own route answers.
    const viaNext = await ask(lane.app, {
      ...me,
      query: "?via=next",
      body: JSON.stringify({ command: "kubectl get ns shared -o name" }),
    });
    expect(viaNext.status).toBe(200);
    expect(viaNext.raw["transfer-encoding"]).toBe("chunked"); // Next's answer
    expect(JSON.parse(viaNext.body).stdout).toBe("namespace/shared\n");
    await settle();
    const after = counters();
    // Next found the lane's copy: no new full load, one more cached run.
    expect(after.fullLoads).toBe(before.fullLoads);
    expect(after.cached).toBeGreaterThan(before.cached);
  }, 60_000);

  it("shares the worker's request budgets with Next's routes", async () => {
    const me = await lane.learner();
    // Burst 12: six through the lane and six through Next spend it all.
    for (let i = 0; i < 6; i++) {
      expect((await ask(lane.app, me)).raw["content-length"]).toBeDefined();
      expect((await ask(lane.app, { ...me, query: "?via=next" })).raw["transfer-encoding"]).toBe(
        "chunked",
      );
    }
    expect((await ask(lane.app, me)).status).toBe(429);
    expect((await ask(lane.app, { ...me, query: "?via=next" })).status).toBe(429);
  }, 60_000);

  it("is off with KUBELAB_FAST_LANE=0: the worker is `next start` and Next streams the answer", async () => {
    const me = await next.learner();
    const res = await ask(next.app, me);
    expect(res.status).toBe(200);
    expect(res.raw["transfer-encoding"]).toBe("chunked");
    expect(next.app.output()).not.toContain("빠른 경로");
  }, 60_000);
});
