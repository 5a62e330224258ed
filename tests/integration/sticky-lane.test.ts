// A sandbox's terminal requests served by one worker (server/fast-lane/sticky.mjs): the
// app as `npm start` serves it (scripts/serve-web.ts) with two workers, a learner whose
// browser keeps six connections open. Every exec of one sandbox must be served by that
// sandbox's owner worker whichever worker took the connection; a forwarded answer must
// be the owner's answer unchanged; a client's own forward mark must change nothing; and
// with the owner killed the other worker must serve the sandbox itself.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { Client, Pool } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORKER_HEADER as READY_WORKER_HEADER, waitForWorkers } from "@/scripts/web-workers-probe";
import { FORWARD_HEADER, WORKER_HEADER, ownerIndex } from "@/server/fast-lane/sticky.mjs";
import { buildOnceAndHold, type HeldLock } from "../setup/build-lock";
import { productionEnv } from "../setup/next-app";
import { createUser, sessionCookie } from "./auth-fixtures";
import { killLauncher, startLauncher, type Launcher } from "./serve-web-launcher";

/** Resolves once `pid` has exited (gone, or a zombie its parent has not reaped): its sockets are closed. */
async function exited(pid: number): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      return;
    }
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    if (state === "Z" || state === "X") return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`process ${pid} did not exit within 10 s of SIGKILL`);
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

// Framing and per-moment headers.
const TRANSPORT = new Set([
  "date",
  "connection",
  "keep-alive",
  "content-length",
  "transfer-encoding",
]);

let lock: HeldLock | undefined;
let app: Launcher;
const clients: Client[] = [];

beforeAll(async () => {
  lock = await buildOnceAndHold(productionEnv());
  app = await startLauncher({
    KUBELAB_WORKERS: "2",
    KUBELAB_LANE_WORKER_HEADER: "1",
    KUBELAB_SANDBOX_BURST: "1000",
    // Each worker's sandbox-store counters on stderr (which worker loaded what).
    KUBELAB_DB_COUNTERS_MS: "100",
  });
  await waitForWorkers(app.baseUrl, 2, { timeoutMs: 180_000 });
}, 900_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.destroy()));
  killLauncher(app);
  await lock?.release();
});

/** One keep-alive connection held open, and the worker pid the primary gave it. */
async function connection(): Promise<{ client: Client; pid: number }> {
  const client = new Client(app.baseUrl, { pipelining: 1 });
  clients.push(client);
  const res = await client.request({ path: "/api/ready", method: "GET" });
  await res.body.dump();
  return { client, pid: Number(res.headers[READY_WORKER_HEADER]) };
}

/** A connection to each of the two workers (the primary hands them out in turn). */
async function connectionPerWorker(): Promise<Map<number, Client>> {
  const byPid = new Map<number, Client>();
  for (let i = 0; i < 20 && byPid.size < 2; i++) {
    const { client, pid } = await connection();
    if (!byPid.has(pid)) byPid.set(pid, client);
  }
  expect(byPid.size).toBe(2);
  return byPid;
}

async function learner(): Promise<{ cookie: string; sandbox: string }> {
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
}

async function exec(
  via: Client | Pool,
  me: { cookie: string; sandbox: string },
  command = "kubectl version --client",
  headers: Record<string, string> = {},
): Promise<Answer & { worker: string }> {
  const res = await via.request({
    path: `/api/sandboxes/${me.sandbox}/exec`,
    method: "POST",
    headers: {
      cookie: me.cookie,
      origin: app.baseUrl,
      "content-type": "application/json",
      ...headers,
    },
    body: JSON.stringify({ command }),
  });
  const bytes = Buffer.from(await res.body.arrayBuffer());
  const all: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) {
    all[k] = Array.isArray(v) ? v.join(", ") : String(v);
  }
  const kept = Object.fromEntries(Object.entries(all).filter(([k]) => !TRANSPORT.has(k)));
  const body = (all["content-encoding"] === "gzip" ? gunzipSync(bytes) : bytes).toString("utf8");
  return { status: res.statusCode, headers: kept, body, worker: all[WORKER_HEADER] ?? "" };
}

/** A worker's sandbox-store counters (lib/db/sandboxes/counters.ts), as it last reported them. */
async function counters(pid: number): Promise<Record<string, number>> {
  await new Promise((r) => setTimeout(r, 400)); // a report (every 100 ms) after the requests
  const line = app
    .output()
    .split("\n")
    .filter((l) => l.startsWith(`db counters (pid ${pid})`))
    .at(-1)!;
  return JSON.parse(line.replace(/^[^{]*/, "")) as Record<string, number>;
}

type Served = Answer & { worker: string };
/** The same request over the connection to each worker. */
async function both(
  byPid: Map<number, Client>,
  send: (client: Client) => Promise<Served>,
): Promise<[Served, Served]> {
  const [a, b] = await Promise.all([...byPid.values()].map(send));
  return [a!, b!];
}

/** "index pid" → index. */
const indexOf = (worker: string) => Number(worker.split(" ")[0]);
const pidOf = (worker: string) => Number(worker.split(" ")[1]);

describe("sticky sandboxes with two workers", () => {
  it("serves every exec of a sandbox on its owner, over six connections", async () => {
    const me = await learner();
    const pool = new Pool(app.baseUrl, { connections: 6, pipelining: 1 });
    try {
      // Six at a time, so the pool opens its six connections (both workers take some).
      const answers: (Answer & { worker: string })[] = [];
      const readyPids = new Set<number>();
      for (let round = 0; round < 4; round++) {
        const batch = await Promise.all(Array.from({ length: 6 }, () => exec(pool, me)));
        answers.push(...batch);
        const probes = await Promise.all(
          Array.from({ length: 6 }, () =>
            pool.request({ path: "/api/ready", method: "GET" }).then(async (r) => {
              await r.body.dump();
              return Number(r.headers[READY_WORKER_HEADER]);
            }),
          ),
        );
        for (const pid of probes) readyPids.add(pid);
      }
      expect(readyPids.size).toBe(2); // the learner's connections reached both workers
      for (const a of answers) expect(a.status, a.body).toBe(200);
      const workers = new Set(answers.map((a) => a.worker));
      expect(workers.size).toBe(1);
      expect(indexOf([...workers][0]!)).toBe(ownerIndex(me.sandbox, 2));
    } finally {
      await pool.destroy();
    }
  }, 120_000);

  it("gives the owner's answer unchanged through the other worker", async () => {
    const byPid = await connectionPerWorker();
    const me = await learner();
    const cases: [string, Record<string, string>][] = [
      ["kubectl version --client", {}],
      // Names only: the table's AGE column would differ when the two answers straddle a second.
      ["kubectl get pods -A -o name", {}],
      ["kubectl api-resources", { "accept-encoding": "gzip" }],
      ["kubectl get nosuchkind", {}],
    ];
    for (const [command, headers] of cases) {
      const [a, b] = await both(byPid, (client) => exec(client, me, command, headers));
      expect(a.worker).toBe(b.worker);
      expect(a.status).toBe(b.status);
      expect(a.headers).toEqual(b.headers);
      expect(a.body).toBe(b.body);
    }
    // Without a session too (the owner's route answers 401 either way).
    const [a, b] = await both(byPid, (client) => exec(client, { ...me, cookie: "" }));
    expect(a.status).toBe(401);
    expect([a.headers, a.body]).toEqual([b.headers, b.body]);
  }, 120_000);

  it("ignores a forward mark sent from outside", async () => {
    const byPid = await connectionPerWorker();
    const me = await learner();
    for (const client of byPid.values()) {
      for (const mark of ["1", "0".repeat(64)]) {
        const a = await exec(client, me, undefined, { [FORWARD_HEADER]: mark });
        expect(a.status).toBe(200);
        expect(indexOf(a.worker)).toBe(ownerIndex(me.sandbox, 2));
      }
    }
  }, 120_000);

  it("creates a lab sandbox on the worker that opens it, and grades it (채점) on its owner", async () => {
    const byPid = await connectionPerWorker();
    // Which index each worker has: a command's answer names its owner ("index pid"), the
    // other worker has the other index.
    const probe = await exec(byPid.values().next().value!, await learner());
    const indexByPid = new Map<number, number>(
      [...byPid.keys()].map((pid) => [
        pid,
        pid === pidOf(probe.worker) ? indexOf(probe.worker) : 1 - indexOf(probe.worker),
      ]),
    );
    for (const [pid, client] of byPid) {
      // A learner who opens the lab on this worker: the new sandbox is this worker's.
      const user = await createUser("LEARNER");
      const me = { cookie: await sessionCookie(user.id), sandbox: "" };
      const open = await client.request({
        path: "/api/labs/pod-journey/sandbox",
        method: "GET",
        headers: { cookie: me.cookie },
      });
      expect(open.statusCode).toBe(200);
      me.sandbox = ((await open.body.json()) as { sandboxId: string }).sandboxId;
      const owner = ownerIndex(me.sandbox, 2);
      expect(owner).toBe(indexByPid.get(pid));
      // The open is the lane's (its answers name the worker), served where it landed.
      expect(indexOf(String(open.headers[WORKER_HEADER]))).toBe(owner);
      // Commands of it through either worker are the owner's; so is each 채점.
      for (const via of byPid.values()) {
        const a = await exec(via, me, "kubectl get pods -o name");
        expect(a.status).toBe(200);
        expect(indexOf(a.worker)).toBe(owner);
        const res = await via.request({
          path: "/api/labs/pod-journey/check",
          method: "POST",
          headers: { cookie: me.cookie, origin: app.baseUrl, "content-type": "application/json" },
          body: "{}",
        });
        const grade = (await res.body.json()) as { sandboxId: string; maxScore: number };
        expect(res.statusCode, JSON.stringify(grade)).toBe(200);
        expect(grade.sandboxId).toBe(me.sandbox);
        expect(grade.maxScore).toBeGreaterThan(0);
        // The lane serves 채점: through the owner's own connection its lane grades it there,
        // through the other worker the owner's lane ran it; either way its header names the owner.
        expect(indexOf(String(res.headers[WORKER_HEADER]))).toBe(owner);
      }
    }
  }, 180_000);

  it("serves the picture, shell, edit, lab control, resets and the quiz submit on the owner; the other worker loads nothing", async () => {
    const byPid = await connectionPerWorker();
    const me = await learner();
    const made = await exec(
      byPid.values().next().value!,
      me,
      "kubectl create deployment web --image=nginx --replicas=1",
    );
    expect(made.status, made.body).toBe(200);
    const owner = indexOf(made.worker);
    const ownerPid = pidOf(made.worker);
    const otherPid = [...byPid.keys()].find((pid) => pid !== ownerPid)!;
    const viaOwner = byPid.get(ownerPid)!;
    const viaOther = byPid.get(otherPid)!;
    const send = async (
      via: Client,
      method: "GET" | "POST",
      path: string,
      body?: unknown,
    ): Promise<Served> => {
      const res = await via.request({
        path,
        method,
        headers: {
          cookie: me.cookie,
          origin: app.baseUrl,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = Buffer.from(await res.body.arrayBuffer());
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) {
        if (!TRANSPORT.has(k) && k !== WORKER_HEADER) headers[k] = String(v);
      }
      const plain = res.headers["content-encoding"] === "gzip" ? gunzipSync(text) : text;
      return {
        status: res.statusCode,
        headers,
        body: plain.toString("utf8"),
        worker: String(res.headers[WORKER_HEADER] ?? ""),
      };
    };
    /**
     * Sent through the other worker (served by the owner's lane) and then the owner's own
     * (Next, or its lane for the routes the lane takes: `ownLane`).
     */
    const bothWays = async (
      method: "GET" | "POST",
      path: string,
      body?: unknown,
      ownLane = false,
    ) => {
      const other = await send(viaOther, method, path, body);
      const own = await send(viaOwner, method, path, body);
      expect(indexOf(other.worker), `${path}: ${other.body}`).toBe(owner);
      if (ownLane) expect(indexOf(own.worker)).toBe(owner);
      else expect(own.worker).toBe(""); // Next served it on the owner
      expect(other.status).toBe(own.status);
      expect(other.headers).toEqual(own.headers);
      return [other, own] as const;
    };
    const before = await counters(otherPid);
    const base = `/api/sandboxes/${me.sandbox}`;

    // The cluster picture (the lab page polls it): the same, but for the moment it was taken.
    const untimed = (text: string) => ({ ...(JSON.parse(text) as object), time: 0 });
    // (The owner's own lane serves the poll; the picture of one object is Next's.)
    const [pa, pb] = await bothWays("GET", `${base}/picture`, undefined, true);
    expect(pa.status).toBe(200);
    expect(untimed(pa.body)).toEqual(untimed(pb.body));
    const [na, nb] = await bothWays("GET", `${base}/picture?kind=nodes&name=worker1`);
    expect(na.status).toBe(200);
    expect(JSON.parse(na.body)).toEqual(JSON.parse(nb.body));

    // `kubectl exec -it` in the terminal: opening the shell and one line of it.
    const shellOpen = { command: "kubectl exec -it -n kube-system etcd-master1 -- sh" };
    const [sa, sb] = await bothWays("POST", `${base}/shell`, shellOpen);
    expect(sa.status, sa.body).toBe(200);
    expect(sa.body).toBe(sb.body);
    const shell = (JSON.parse(sa.body) as { shell: unknown }).shell;
    const [la, lb] = await bothWays("POST", `${base}/shell`, {
      shell,
      line: "hostname",
      status: 0,
    });
    expect(JSON.parse(la.body)).toMatchObject({ stdout: "etcd-master1\n# " });
    expect(la.body).toBe(lb.body);

    // A `kubectl edit` saved: an invalid save reopens alike; a valid one patches on the owner.
    const opened = await exec(viaOther, me, "kubectl edit deployment web");
    const session = (JSON.parse(opened.body) as { edit: { content: string; target: unknown } })
      .edit;
    const save = (replicas: string) => ({
      content: session.content.replace("  replicas: 1\n", `  replicas: ${replicas}\n`),
      target: session.target,
    });
    const [ea, eb] = await bothWays("POST", `${base}/edit`, save("-1"));
    expect(ea.status).toBe(200);
    expect(ea.body).toBe(eb.body);
    const saved = await send(viaOther, "POST", `${base}/edit`, save("2"));
    expect(JSON.parse(saved.body)).toMatchObject({ stdout: "deployment.apps/web edited\n" });
    expect(indexOf(saved.worker)).toBe(owner);

    // Signed out: the owner's 401, through either worker.
    const anon = await Promise.all(
      [viaOther, viaOwner].map((via) =>
        via
          .request({ path: `${base}/picture`, method: "GET" })
          .then(async (r) => [r.statusCode, await r.body.text()] as const),
      ),
    );
    expect(anon[0]).toEqual([401, anon[1]![1]]);
    expect(anon[1]![0]).toBe(401);

    // The free sandbox's reset runs on its owner: the fresh sandbox is the owner's too.
    const reset = await send(viaOther, "POST", `${base}/reset`);
    expect(reset.status, reset.body).toBe(200);
    expect(indexOf(reset.worker)).toBe(owner);
    expect(ownerIndex((JSON.parse(reset.body) as { id: string }).id, 2)).toBe(owner);

    // A lab sandbox opened on the owner's connection: its control panel and reset from either.
    const lab = await send(viaOwner, "GET", "/api/labs/pod-journey/sandbox");
    const labSandbox = (JSON.parse(lab.body) as { sandboxId: string }).sandboxId;
    expect(ownerIndex(labSandbox, 2)).toBe(owner);
    const control = "/api/labs/pod-journey/control";
    const [ca, cb] = await bothWays("POST", control, { action: "etcd-stop", target: "nosuch" });
    expect(ca.status).toBe(404);
    expect(ca.body).toBe(cb.body);
    const forward = await send(viaOther, "POST", control, { action: "fast-forward", seconds: 5 });
    expect(forward.status, forward.body).toBe(200);
    expect(indexOf(forward.worker)).toBe(owner);
    const labReset = await send(viaOther, "POST", "/api/labs/pod-journey/reset");
    expect(labReset.status, labReset.body).toBe(200);
    expect(indexOf(labReset.worker)).toBe(owner);
    const fresh = (JSON.parse(labReset.body) as { sandboxId: string }).sandboxId;
    expect(fresh).not.toBe(labSandbox);
    expect(ownerIndex(fresh, 2)).toBe(owner);

    // The quiz's submit grades cluster questions against the free sandbox: on its owner.
    const quiz = await send(viaOwner, "POST", "/api/quiz/attempts", {
      courseId: "kubernetes",
      sessionId: "architecture",
    });
    expect(quiz.status, quiz.body).toBe(201);
    const attempt = (JSON.parse(quiz.body) as { current: { id: string } }).current.id;
    // The lane takes the submit: on the owner's own connection, its lane serves it.
    const [qa, qb] = await bothWays(
      "POST",
      `/api/quiz/attempts/${attempt}/submit`,
      { answers: [] },
      true,
    );
    expect(qa.status, qa.body).toBe(200);
    // A repeated submit answers the same result (but for the server's clock).
    const unclocked = (text: string) => text.replace(/"serverNow":"[^"]*"/, "");
    expect(unclocked(qa.body)).toBe(unclocked(qb.body));

    // The other worker ran nothing on a sandbox: no run, no load, no refresh, no creation.
    const after = await counters(otherPid);
    for (const what of ["runs", "missing", "fullLoads", "refreshes", "labCreated"]) {
      expect(after[what], what).toBe(before[what]);
    }
  }, 180_000);

  it("streams the terminal's watch from the owner through the other worker; the other loads nothing", async () => {
    const byPid = await connectionPerWorker();
    const me = await learner();
    const made = await exec(byPid.values().next().value!, me, "kubectl create configmap seen");
    expect(made.status, made.body).toBe(200);
    const owner = indexOf(made.worker);
    const otherPid = [...byPid.keys()].find((pid) => pid !== pidOf(made.worker))!;
    const viaOther = byPid.get(otherPid)!;
    const before = await counters(otherPid);
    // A separate connection to the other worker holds the stream (SSE keeps it busy).
    let streaming: Client | undefined;
    for (let i = 0; i < 20 && !streaming; i++) {
      const c = await connection();
      if (c.pid === otherPid) streaming = c.client;
    }
    const command = encodeURIComponent("kubectl get configmaps -w");
    const res = await streaming!.request({
      path: `/api/sandboxes/${me.sandbox}/stream?command=${command}`,
      method: "GET",
      headers: { cookie: me.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/event-stream");
    // The owner's lane ran the route (its header names the owner).
    expect(indexOf(String(res.headers[WORKER_HEADER]))).toBe(owner);
    let text = "";
    const events = res.body[Symbol.asyncIterator]();
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const next = await events.next();
        if (next.done) throw new Error(`stream ended before ${pattern}: ${text}`);
        text += Buffer.from(next.value as Buffer).toString("utf8");
      }
    };
    // The table first, then the row of a configmap made meanwhile, as it is made.
    await readUntil(/seen/);
    expect(text).toMatch(/^event: stdout\ndata: "NAME +DATA +AGE\\n/);
    const later = await exec(viaOther, me, "kubectl create configmap later");
    expect(later.status, later.body).toBe(200);
    await readUntil(/later/);
    res.body.destroy();
    // The other worker ran nothing on the sandbox while it held the stream.
    const after = await counters(otherPid);
    for (const what of ["runs", "missing", "fullLoads", "refreshes"]) {
      expect(after[what], what).toBe(before[what]);
    }
  }, 120_000);

  it("serves a sandbox on the other worker while its owner is down", async () => {
    const byPid = await connectionPerWorker();
    const me = await learner();
    const before = await exec(byPid.values().next().value!, me);
    const owner = pidOf(before.worker);
    const survivor = [...byPid.keys()].find((pid) => pid !== owner)!;
    process.kill(owner, "SIGKILL");
    // SIGKILL takes effect a moment later: a request forwarded in that moment can reach the
    // dying owner, and then it is never served again (the owner may have run it; see
    // afterForwardError). This case is about an owner that is down, so wait until it is.
    await exited(owner);
    const during = await exec(byPid.get(survivor)!, me, "kubectl get pods");
    expect(during.status, during.body).toBe(200);
    expect(pidOf(during.worker)).toBe(survivor);
    // The replacement takes the dead worker's index, and its sandboxes back.
    await waitForWorkers(app.baseUrl, 1, { timeoutMs: 180_000, excluding: [owner, survivor] });
    const after = await exec(byPid.get(survivor)!, me);
    expect(after.status).toBe(200);
    expect(indexOf(after.worker)).toBe(indexOf(before.worker));
    expect([owner, survivor]).not.toContain(pidOf(after.worker));
  }, 240_000);
});
