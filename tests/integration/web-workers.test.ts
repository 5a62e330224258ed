// `npm start`'s worker launcher (scripts/serve-web.ts → scripts/web-workers.ts)
// with 2 workers on one port against the test Postgres: both workers serve; a
// learner's commands interleaved over connections held by different workers act
// on one cluster and lose nothing; a worker killed with SIGKILL is replaced by the
// primary and requests keep succeeding; SIGTERM ends the launcher and every
// worker. Also: KUBELAB_COMPRESS switches Next's gzip of API responses at start.
import { readFileSync } from "node:fs";
import { Client } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeWorker, waitForWorkers } from "@/scripts/web-workers-probe";
import { buildOnceAndHold, type HeldLock } from "../setup/build-lock";
import { productionEnv } from "../setup/next-app";
import { createUser, sessionCookie } from "./auth-fixtures";
import { killLauncher, startLauncher, type Launcher } from "./serve-web-launcher";

const parentOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
};

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The X-Kubelab-Worker of /api/ready over this client's one connection. */
async function workerBehind(client: Client): Promise<number> {
  const res = await client.request({ path: "/api/ready", method: "GET" });
  await res.body.text();
  return Number(res.headers["x-kubelab-worker"]);
}

/** A keep-alive connection (one socket) held by the worker `pid`. */
async function connectionTo(baseUrl: string, pid: number): Promise<Client> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const client = new Client(baseUrl, {
      pipelining: 1,
      keepAliveTimeout: 60_000,
      headersTimeout: 30_000,
    });
    if ((await workerBehind(client)) === pid) return client;
    await client.close();
  }
  throw new Error(`no connection reached worker ${pid}`);
}

let lock: HeldLock | undefined;
let app: Launcher | undefined;
let other: Launcher | undefined;
let workers: number[] = [];
let cookie = "";
let sandboxId = "";

async function exec(client: Client, command: string) {
  const res = await client.request({
    path: `/api/sandboxes/${sandboxId}/exec`,
    method: "POST",
    headers: { cookie, origin: app!.baseUrl, "content-type": "application/json" },
    body: JSON.stringify({ command }),
  });
  const text = await res.body.text();
  expect(res.statusCode, text.slice(0, 300)).toBe(200);
  return JSON.parse(text) as { stdout: string; stderr: string; exitCode: number };
}

beforeAll(async () => {
  lock = await buildOnceAndHold(productionEnv());
  app = await startLauncher({ KUBELAB_WORKERS: "2" });
  workers = await waitForWorkers(app.baseUrl, 2, { timeoutMs: 180_000 });
  const user = await createUser("LEARNER");
  cookie = await sessionCookie(user.id);
}, 900_000);

afterAll(async () => {
  killLauncher(app);
  killLauncher(other);
  await lock?.release();
});

describe("npm start's worker processes", () => {
  it("serve one port from two workers, each a child of the launcher", () => {
    expect(workers).toHaveLength(2);
    expect(new Set(workers).size).toBe(2);
    for (const pid of workers) expect(parentOf(pid)).toBe(app!.process.pid);
    expect(app!.output()).toContain("웹 워커 2개");
  });

  it("keep a learner's commands interleaved across the workers consistent", async () => {
    const a = await connectionTo(app!.baseUrl, workers[0]!);
    const b = await connectionTo(app!.baseUrl, workers[1]!);
    try {
      const res = await a.request({ path: "/api/sandboxes", method: "GET", headers: { cookie } });
      sandboxId = ((await res.body.json()) as { id: string }).id;
      expect(sandboxId).toBeTruthy();

      expect((await exec(a, "kubectl create namespace hop")).stdout).toBe(
        "namespace/hop created\n",
      );
      expect((await exec(b, "kubectl create configmap one -n hop --from-literal=k=1")).stdout).toBe(
        "configmap/one created\n",
      );
      expect((await exec(a, "kubectl label configmap one step=a -n hop")).stdout).toBe(
        "configmap/one labeled\n",
      );
      const label = await exec(
        b,
        "kubectl get configmap one -n hop -o jsonpath={.metadata.labels.step}",
      );
      expect(label.stdout).toBe("a");
      expect((await exec(b, "kubectl delete configmap one -n hop")).stdout).toBe(
        'configmap "one" deleted\n',
      );
      expect((await exec(a, "kubectl get configmap one -n hop")).stderr).toBe(
        'Error from server (NotFound): configmaps "one" not found\n',
      );

      // Both workers write the one sandbox at the same time: nothing is lost.
      const names = Array.from({ length: 16 }, (_, k) => `burst-${k}`);
      const created = await Promise.all(
        names.map((n, k) => exec(k % 2 ? b : a, `kubectl create configmap ${n} -n hop`)),
      );
      expect(created.map((r) => r.stdout)).toEqual(names.map((n) => `configmap/${n} created\n`));
      for (const client of [a, b]) {
        const list = await exec(client, "kubectl get configmaps -n hop -o name");
        const seen = list.stdout.split("\n").filter((l) => l.startsWith("configmap/burst-"));
        expect(seen.sort()).toEqual(names.map((n) => `configmap/${n}`).sort());
      }
      // The keep-alive connections stayed with their workers throughout.
      expect([await workerBehind(a), await workerBehind(b)]).toEqual(workers);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 120_000);

  it("survive a worker killed with SIGKILL: the primary starts a new one", async () => {
    const [victim, survivor] = workers as [number, number];
    process.kill(victim, "SIGKILL");
    const now = await waitForWorkers(app!.baseUrl, 2, { timeoutMs: 120_000, excluding: [victim] });
    expect(now).toContain(survivor);
    const replacement = now.find((p) => p !== survivor)!;
    expect(parentOf(replacement)).toBe(app!.process.pid);
    expect(alive(victim)).toBe(false);
    expect(app!.output()).toContain(`웹 워커 ${victim} 종료(신호 SIGKILL) — 새 워커를 시작합니다`);

    // Requests succeed on both, and the new worker sees what was written before.
    for (const pid of now) {
      const client = await connectionTo(app!.baseUrl, pid);
      try {
        expect((await exec(client, `kubectl create configmap after-${pid} -n hop`)).stdout).toBe(
          `configmap/after-${pid} created\n`,
        );
        const list = await exec(client, "kubectl get configmaps -n hop -o name");
        expect(
          list.stdout.split("\n").filter((l) => l.startsWith("configmap/burst-")),
        ).toHaveLength(16);
      } finally {
        await client.close();
      }
    }
    workers = now;
  }, 180_000);

  it("gzip API answers by default (KUBELAB_COMPRESS unset)", async () => {
    const client = new Client(app!.baseUrl);
    try {
      const res = await client.request({
        path: `/api/sandboxes/${sandboxId}/exec`,
        method: "POST",
        headers: {
          cookie,
          origin: app!.baseUrl,
          "content-type": "application/json",
          "accept-encoding": "gzip",
        },
        body: JSON.stringify({ command: "kubectl get pods -A -o yaml" }),
      });
      const body = Buffer.from(await res.body.arrayBuffer());
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-encoding"]).toBe("gzip");
      expect(body[0]).toBe(0x1f); // the gzip magic number
    } finally {
      await client.close();
    }
  });

  it("end the launcher and every worker on SIGTERM", async () => {
    const launcher = app!;
    launcher.process.kill("SIGTERM");
    expect(await launcher.exited).toBe(0);
    for (const pid of workers) expect(alive(pid)).toBe(false);
  }, 60_000);

  it("serve API answers uncompressed with KUBELAB_COMPRESS=0", async () => {
    other = await startLauncher({ KUBELAB_WORKERS: "1", KUBELAB_COMPRESS: "0" });
    await waitForWorkers(other.baseUrl, 1, { timeoutMs: 120_000 });
    const client = new Client(other.baseUrl);
    try {
      const res = await client.request({
        path: `/api/sandboxes/${sandboxId}/exec`,
        method: "POST",
        headers: {
          cookie,
          origin: other.baseUrl,
          "content-type": "application/json",
          "accept-encoding": "gzip",
        },
        body: JSON.stringify({ command: "kubectl get pods -A -o yaml" }),
      });
      const text = await res.body.text();
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-encoding"]).toBeUndefined();
      expect((JSON.parse(text) as { stdout: string }).stdout).toContain("kind: List");
      expect(text.length).toBeGreaterThan(2048); // large enough that gzip would apply
    } finally {
      await client.close();
    }
    expect((await probeWorker(other.baseUrl)).status).toBe(200);
  }, 180_000);
});
