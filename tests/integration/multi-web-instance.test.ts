// Three `next start` processes of one production build on one Postgres, as
// behind a load balancer (one public URL, NEXTAUTH_URL, for all three): a
// learner signs in on A with the real next-auth credentials flow and the same
// cookie works on B and C; terminal commands interleaved across the instances
// end in the right state, concurrent ones lose nothing; a `kubectl get pods -w`
// stream opened on A sees a pod created through C; the instructor's matrix read
// on B shows a check made on A.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/db/embedded-postgres";
import { buildOnceAndHold, type HeldLock } from "../setup/build-lock";
import { productionEnv, startNextApp, type NextApp } from "../setup/next-app";
import { signIn, type WebSession } from "../setup/web-session";
import { db } from "@/lib/db/client";
import { createUser } from "./auth-fixtures";

const PUBLIC_URL = "http://kubelab.test";
const PASSWORD = "correct-horse-42";

let lock: HeldLock | undefined;
let apps: NextApp[] = [];
let learner: WebSession;
let instructor: WebSession;
let sandboxId = "";

const url = (i: number) => apps[i]!.baseUrl;

async function exec(i: number, command: string) {
  const res = await learner.fetch(url(i), `/api/sandboxes/${sandboxId}/exec`, {
    body: { command },
  });
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(200);
  const out = JSON.parse(text) as { stdout: string; stderr: string; exitCode: number };
  // Failures show kubectl's stderr in the assertion message.
  if (out.exitCode !== 0) out.stdout += `[exit ${out.exitCode}] ${out.stderr}`;
  return out;
}

beforeAll(async () => {
  lock = await buildOnceAndHold(productionEnv());
  const env = {
    DATABASE_URL: process.env.DATABASE_URL,
    NEXTAUTH_URL: PUBLIC_URL,
    NEXTAUTH_SECRET: "kubelab-multi-web-secret",
    KUBELAB_WATCH_POLL_MS: "200",
  };
  const ports = await Promise.all([freePort(), freePort(), freePort()]);
  apps = await Promise.all(ports.map((p) => startNextApp(p, env, { quiet: true })));
  const [l, t] = await Promise.all([
    createUser("LEARNER", PASSWORD),
    createUser("INSTRUCTOR", PASSWORD),
  ]);
  learner = await signIn(url(0), PUBLIC_URL, l.email, PASSWORD);
  instructor = await signIn(url(1), PUBLIC_URL, t.email, PASSWORD);
}, 900_000);

afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop()));
  await lock?.release();
});

describe("three web instances on one Postgres", () => {
  it("accept a session made on A on B and C, and agree on the learner's sandbox", async () => {
    const sessions = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const res = await learner.fetch(url(i), "/api/auth/session");
        return ((await res.json()) as { user?: { email?: string } }).user?.email;
      }),
    );
    expect(new Set(sessions).size).toBe(1);
    expect(sessions[0]).toMatch(/@example\.com$/);

    const ids = [];
    for (const i of [1, 2, 0]) {
      const res = await learner.fetch(url(i), "/api/sandboxes");
      ids.push(((await res.json()) as { id: string }).id);
    }
    expect(new Set(ids).size).toBe(1);
    sandboxId = ids[0]!;
  });

  it("run interleaved terminal commands as one cluster", async () => {
    expect((await exec(0, "kubectl create namespace hop")).stdout).toBe("namespace/hop created\n");
    expect((await exec(1, "kubectl create configmap one -n hop --from-literal=k=1")).stdout).toBe(
      "configmap/one created\n",
    );
    expect((await exec(2, "kubectl label configmap one step=c -n hop")).stdout).toBe(
      "configmap/one labeled\n",
    );
    const got = await exec(
      0,
      "kubectl get configmap one -n hop -o jsonpath={.metadata.labels.step}",
    );
    expect(got.stdout).toBe("c");
    const deleted = await exec(1, "kubectl delete configmap one -n hop");
    expect(deleted.stdout).toBe('configmap "one" deleted\n');
    const gone = await exec(2, "kubectl get configmap one -n hop");
    expect(gone.stderr).toBe('Error from server (NotFound): configmaps "one" not found\n');
  }, 60_000);

  it("lose no update when commands hit all three at once", async () => {
    const names = Array.from({ length: 24 }, (_, k) => `burst-${k}`);
    const results = await Promise.all(
      names.map((n, k) => exec(k % 3, `kubectl create configmap ${n} -n hop`)),
    );
    expect(results.map((r) => r.stdout)).toEqual(names.map((n) => `configmap/${n} created\n`));
    for (const i of [0, 1, 2]) {
      const list = await exec(i, "kubectl get configmaps -n hop -o name");
      const seen = list.stdout
        .split("\n")
        .filter((l) => l.startsWith("configmap/burst-"))
        .map((l) => l.slice("configmap/".length));
      expect(seen.sort()).toEqual([...names].sort());
    }
  }, 120_000);

  it("stream a watch opened on A with a pod created through C", async () => {
    const command = encodeURIComponent("kubectl get pods -w");
    const res = await learner.fetch(
      url(0),
      `/api/sandboxes/${sandboxId}/stream?command=${command}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = "";
    const created = (async () => {
      // Give the stream a moment to take its starting revision, then write elsewhere.
      await new Promise((r) => setTimeout(r, 500));
      return exec(2, "kubectl run cross-web --image=nginx:1.25");
    })();
    const deadline = Date.now() + 30_000;
    // One read in flight at a time: a read abandoned on timeout would swallow the next chunk.
    let pending = reader.read();
    try {
      while (!text.includes("cross-web") && Date.now() < deadline) {
        const chunk = await Promise.race([
          pending,
          new Promise<null>((r) => setTimeout(() => r(null), 1000)),
        ]);
        if (!chunk) continue;
        if (chunk.done) break;
        text += new TextDecoder().decode(chunk.value);
        pending = reader.read();
      }
    } finally {
      await reader.cancel();
    }
    expect((await created).stdout).toBe("pod/cross-web created\n");
    expect(text).toMatch(/cross-web\s+\d\/1\s+\w+/);
  }, 60_000);

  it("show the instructor on B a check the learner made on A", async () => {
    const created = await instructor.fetch(url(1), "/api/classes", {
      body: { name: "다중 인스턴스 반", term: "2026 가을" },
    });
    expect(created.status).toBe(201);
    const cls = ((await created.json()) as { class: { id: string; joinCode: string } }).class;
    const joined = await learner.fetch(url(2), "/api/classes/join", {
      body: { code: cls.joinCode },
    });
    expect(joined.status).toBe(200);

    const cell = async () => {
      const res = await instructor.fetch(url(1), `/api/classes/${cls.id}/matrix`);
      expect(res.status).toBe(200);
      const { matrix } = (await res.json()) as {
        matrix: { rows: { cells: Record<string, { status: string }> }[] };
      };
      expect(matrix.rows).toHaveLength(1);
      return matrix.rows[0]!.cells["lab:pod-journey/create-pod"]?.status;
    };
    expect(await cell()).toBe("none");
    const check = await learner.fetch(url(0), "/api/labs/pod-journey/check", { body: {} });
    expect(check.status, await check.clone().text()).toBe(200);
    expect(await cell()).toBe("trying");
  }, 120_000);

  it("render hostile names escaped in the instructor's class page on another instance", async () => {
    const xss = `<script>alert('kubelab-xss')</script><img src=x onerror=alert(1)>`;
    const created = await instructor.fetch(url(0), "/api/classes", {
      body: { name: `반 ${xss}`.slice(0, 80), term: "2026 가을" },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const cls = ((await created.json()) as { class: { id: string; joinCode: string } }).class;
    const who = await learner.fetch(url(1), "/api/auth/session");
    const email = ((await who.json()) as { user: { email: string } }).user.email;
    await db().user.update({ where: { email }, data: { name: `학습자 ${xss}` } });
    expect(
      (await learner.fetch(url(1), "/api/classes/join", { body: { code: cls.joinCode } })).status,
    ).toBe(200);

    const page = await instructor.fetch(url(2), `/instructor/classes/${cls.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    // Shown, but as text: escaped in the HTML and in the streamed React payload.
    expect(html).toContain("&lt;script&gt;alert(");
    expect(html).not.toContain("<script>alert(");
    expect(html).not.toContain("<img src=x onerror");
  }, 120_000);
});
