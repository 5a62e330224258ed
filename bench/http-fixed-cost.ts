// npx tsx bench/http-fixed-cost.ts [--requests=1500] [--clients=8] [--warmup=200]
//                                  [--encodings=gzip,identity] [--phases=1,2,3,4,5]
//                                  [--rounds=4] [--servers=lane,next,lane+semi32]
//                                  [--base-root=/path/to/another/checkout]
//                                  [--roots=a=/checkout/a,b=/checkout/b]
// The HTTP path's fixed cost per request: the production build served as `npm start`
// serves it (bench/load/app-server.ts: build lock, worker launcher), one worker by
// default (KUBELAB_WORKERS overrides), and requests whose own work is as small as the
// route allows, so what is measured is the HTTP layer (Next's route runtime or the
// fast lane), the session check, body parsing, the sandbox row's authorization and the
// response (compression included):
//   - GET /api/health: Next's route runtime alone (no session, no database; never the lane);
//   - GET /api/sandboxes/:id/history: session + the user/sandbox query + a small read;
//   - POST exec `kubectl version --client` and `kubectl get --raw=/healthz`: the
//     terminal's full path for commands that read no object (the history row is written);
//   - POST exec `kubectl api-resources`: a 4 KiB answer, gzipped when accepted;
//   - POST exec `kubectl get pods -n kube-system`: a typical read (the engine reads objects);
//   - 7-10: the lab and quiz endpoints a learner calls besides commands: 채점 (POST
//     /api/labs/:lab/check, --lab=cluster-anatomy), the quiz's resume (POST /api/quiz/attempts
//     with an attempt open), a save of half its answers (PUT …/answers), the overview (GET);
//   - 11: GET /api/sandboxes/:id/picture, the cluster picture's poll;
//   - 12: GET /api/workspace/:lab, the editor's files (none saved: the route's fixed cost);
//   - 13: GET /api/sandboxes/:id/trace, the request trace a learner opens after a command;
//   - 14: PUT /api/workspace/:lab/web.yaml, the editor's autosave of a file it already saved;
//   - 15-16: the quiz page's and the lab page's server render (GET the HTML, signed in);
//   - 17: POST /api/quiz/attempts/:id/submit, the quiz's submission (graded, stored, answered
//     with the overview). A submitted attempt is closed, so each submit gets a fresh attempt:
//     before each one, unmeasured, the learner's attempts at the quiz are deleted (the bench's
//     own statement), a new one started and half its answers saved over HTTP, as the page
//     does; the phase runs in steps of one request per learner, app and Postgres CPU
//     counted around each step only. The learner's free sandbox exists and is warm (its
//     cluster questions are graded on it), as for a learner who used the terminal.
// The "statements/req" column: statements the workers sent on the sandbox pool (BEGIN/COMMIT
// included; the routes, the quiz and the labs use no other - Prisma's are not counted), from
// the workers' counters (lib/db/sandboxes/counters.ts, reported every 100 ms) around one more
// step of one request per learner after the measured blocks.
// `--servers` starts one launcher per entry, each with its own learners: "lane" (the
// default: the fast lane in front of Next), "next" (KUBELAB_FAST_LANE=0: plain
// `next start`), "lane+semi32" (the lane, workers with --max-semi-space-size=32),
// "lane-unsticky" (KUBELAB_STICKY=0: with KUBELAB_WORKERS=2, no request forwarded).
// Each phase runs `--clients` keep-alive connections (one learner each, with its own
// sandbox, so no per-sandbox rate limit is hit) for `--requests` requests after a
// warm-up, per server and Accept-Encoding ("gzip" as browsers send it, "identity" as a
// client that does not accept compression); the variants take turns in `--rounds`
// blocks (even: ABBA). App CPU is the launcher's process tree from /proc (user +
// system), divided by the phase's requests; Postgres CPU likewise.
//
// Session 11, forwarding as frames over one persistent Unix socket per peer (sticky.mjs,
// frames.mjs) against HTTP per forwarded request (base: main 349d339). KUBELAB_WORKERS=2,
// --roots=base=<base>,fwd=<this> --phases=3,6 --encodings=gzip --rounds=6 --requests=1800,
// one run with --forward=all then one with --forward=none (load 13-14), app CPU/request:
//                                   all forwarded     none forwarded   forwarding costs
//   `kubectl version --client`       base 3.13 ms      base 2.61 ms     0.52 ms
//                                    fwd  2.76 ms      fwd  2.41 ms     0.35 ms
//   `kubectl get pods -n kube-system` base 4.74 ms      base 3.91 ms     0.83 ms
//                                    fwd  3.94 ms      fwd  3.66 ms     0.28 ms
// (the two trees differ by other work too: compare within a column, or the differences.)
//
// Session 8, the fixed path (session subject cached per Cookie/Authorization pair, JWE key
// derived once, the lane's body and jsonResponse's text handed over without web streams).
// Two copies of one working tree (same engine), before/after the change, built and served
// side by side: --roots=before=<copy>,after=<copy> --phases=3,4,6 --encodings=gzip
// --rounds=6 --requests=2400, 1 worker each. App CPU/request (of which kernel), two runs:
//   `kubectl version --client`      run 1 (load 9-14): 2.49 -> 1.96 ms; run 2 (load 2-5): 2.22 -> 1.99 ms
//   `kubectl get pods -n kube-system` run 1: 2.91 -> 2.87 ms;        run 2: 3.63 -> 2.95 ms
//   `kubectl get --raw=/healthz`                                       run 2: 2.38 -> 2.19 ms
//   kernel 0.15-0.24 ms in every row; req/s +9..+22% and p99 lower in all five pairs.
// So about 0.2-0.5 ms of ~2.2-2.5 ms; the 10 ms /proc ticks and the shared machine make
// single figures move by ±0.3 ms. A profile's large `writev` share is the thread preempted
// inside the syscall on an overloaded machine (wall time), not CPU: the kernel is ~0.2 ms.
// Logs: /work/notes/s8/L4/fc-ab2.log, fc-ab3.log.
//
// Session 7, the fast lane (2 cores shared with other work, load average 9-10, 1 worker
// per server, --servers=lane,next --encodings=gzip --rounds=8 --requests=1600), app CPU/request:
//   POST exec `kubectl version --client`: lane 3.02 ms, next 6.71 ms (p50 68 vs 128 ms);
//   POST exec `kubectl api-resources` (gzipped): lane 3.93 ms, next 7.53 ms;
//   GET /api/health (Next in both, the control): 4.22 vs 4.03 ms.
// Before the lane, the same machine that evening (load 4-5, --servers=next equivalent):
//   GET /api/health 4.96 ms, POST exec `kubectl version --client` 5.93 ms (identity).
// Where the lane's exec goes now (a --cpu-prof of the lane worker, 3000 `kubectl version
// --client`, busy time): the app's own code (engine, route, auth) ~24%, socket writes
// (the client and Postgres) ~20%, Node's http/net/streams/events/async hooks ~17%, web
// Request/Response objects and their streams (the lane's Request, the route's NextRequest
// copy in sessionSubject, jsonResponse's Response) ~12%, the pg driver ~6%, GC ~5%, the
// lane itself ~2%, the compression middleware ~1%. Next's router and route runtime: none.
//
// Session 6 (2 cores shared with other work, load average 8-14, 1 worker, 8 rounds of 400):
//   GET /api/health (Response.json, still gzipped): gzip 2.90 ms, identity 2.47 ms app CPU/request;
//   POST exec `kubectl version --client` (jsonResponse, < 1 KiB): gzip 5.38 ms, identity 5.36 ms;
//   before jsonResponse the exec answers were gzipped too (+0.4 to +1.3 ms in fixed-order runs).
//   A plain node:http server answering the same 15 bytes used 0.07 ms per request on the same
//   machine: most of a small request's fixed cost is Next's route runtime, not the route.
import { randomBytes, randomUUID } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { encode } from "next-auth/jwt";
import { Agent, fetch } from "undici";
import { db } from "@/lib/db/client";
import { COUNTERS_LINE_PREFIX, parseCountersLine } from "@/lib/db/sandboxes/counters";
import { createUserSandbox } from "@/lib/terminal/user-sandbox";
import { WORKER_HEADER as READY_WORKER_HEADER } from "@/scripts/web-workers-probe";
import { ownerIndex } from "@/server/fast-lane/owner.mjs";
import { BENCH_SECRET, startAppServer, type AppServer } from "./load/app-server";
import { treeUsage } from "./load/process-stats";
import { percentile } from "./load/stats";
import { withBenchDatabase } from "./with-database";
import { postgresUsage } from "./load/postgres-server";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const requests = Number(option("requests", "1500"));
const clients = Number(option("clients", "8"));
const warmup = Number(option("warmup", "200"));
const rounds = Math.max(1, Number(option("rounds", "4")));
const encodings = option("encodings", "gzip,identity").split(",").filter(Boolean);
// --phases=1,3: only those phases (1-based, in the order listed above).
const phaseFilter = option("phases", "").split(",").filter(Boolean).map(Number);
const forwardMode = option("forward", "");
if (forwardMode && !["all", "none"].includes(forwardMode)) throw new Error("--forward=all|none");

interface Learner {
  userId: string;
  cookie: string;
  sandboxId: string;
  agent: Agent;
  /**
   * The quiz phases' open attempt, a save of half its answers and a submission of all of
   * them (set up when they run).
   */
  quiz?: { attemptId: string; save: string; submit: string };
}

// The lab and quiz phases (7-10): bench:load's lab and quiz.
const LAB = option("lab", "cluster-anatomy");
const QUIZ = { courseId: "kubernetes", sessionId: "architecture" };

interface Phase {
  name: string;
  /** The request a learner sends; the answer must be 2xx (the quiz's start answers 201). */
  send(l: Learner, baseUrl: string, encoding: string): Promise<Response>;
  /**
   * What must happen before each request, not measured (the submit's fresh attempt): the
   * phase then runs in steps of one request per learner, CPU counted around each step.
   */
  prepare?(l: Learner, baseUrl: string): Promise<void>;
}

const exec =
  (command: string): Phase["send"] =>
  (l, baseUrl, encoding) =>
    fetch(`${baseUrl}/api/sandboxes/${l.sandboxId}/exec`, {
      method: "POST",
      headers: {
        cookie: l.cookie,
        origin: baseUrl,
        "content-type": "application/json",
        "accept-encoding": encoding,
      },
      body: JSON.stringify({ command }),
      dispatcher: l.agent,
    }) as unknown as Promise<Response>;

const PHASES: Phase[] = [
  {
    name: "GET /api/health",
    send: (l, baseUrl, encoding) =>
      fetch(`${baseUrl}/api/health`, {
        headers: { "accept-encoding": encoding },
        dispatcher: l.agent,
      }) as unknown as Promise<Response>,
  },
  {
    name: "GET /api/sandboxes/:id/history",
    send: (l, baseUrl, encoding) =>
      fetch(`${baseUrl}/api/sandboxes/${l.sandboxId}/history`, {
        headers: { cookie: l.cookie, "accept-encoding": encoding },
        dispatcher: l.agent,
      }) as unknown as Promise<Response>,
  },
  { name: "POST exec `kubectl version --client`", send: exec("kubectl version --client") },
  { name: "POST exec `kubectl get --raw=/healthz`", send: exec("kubectl get --raw=/healthz") },
  // A typical reading's size (a few KiB of table): above the compression threshold.
  { name: "POST exec `kubectl api-resources`", send: exec("kubectl api-resources") },
  // The lesson's most common kind of command: a read of a few objects (~1 KiB table).
  {
    name: "POST exec `kubectl get pods -n kube-system`",
    send: exec("kubectl get pods -n kube-system"),
  },
  // The other endpoints a learner calls (bench/lab-check-quiz.ts measures them in process):
  // 채점 of the learner's lab sandbox (graded and stored each time), the quiz page's resume
  // (POST /api/quiz/attempts with an attempt open: the list and its answers), a save of
  // half the answers, and the overview the page reads.
  {
    name: `POST /api/labs/${LAB}/check`,
    send: (l, baseUrl, encoding) =>
      fetch(`${baseUrl}/api/labs/${LAB}/check`, {
        method: "POST",
        headers: jsonHeaders(l, baseUrl, encoding),
        body: "{}",
        dispatcher: l.agent,
      }) as unknown as Promise<Response>,
  },
  {
    name: "POST /api/quiz/attempts (resume)",
    send: (l, baseUrl, encoding) =>
      fetch(`${baseUrl}/api/quiz/attempts`, {
        method: "POST",
        headers: jsonHeaders(l, baseUrl, encoding),
        body: JSON.stringify(QUIZ),
        dispatcher: l.agent,
      }) as unknown as Promise<Response>,
  },
  {
    name: "PUT /api/quiz/attempts/:id/answers",
    send: (l, baseUrl, encoding) =>
      fetch(`${baseUrl}/api/quiz/attempts/${l.quiz!.attemptId}/answers`, {
        method: "PUT",
        headers: jsonHeaders(l, baseUrl, encoding),
        body: l.quiz!.save,
        dispatcher: l.agent,
      }) as unknown as Promise<Response>,
  },
  {
    name: "GET /api/quiz/attempts (overview)",
    send: (l, baseUrl, encoding) =>
      fetch(`${baseUrl}/api/quiz/attempts?courseId=${QUIZ.courseId}&sessionId=${QUIZ.sessionId}`, {
        headers: { cookie: l.cookie, "accept-encoding": encoding },
        dispatcher: l.agent,
      }) as unknown as Promise<Response>,
  },
  // 11: the cluster picture the lab page polls every 3 s while its tab shows.
  {
    name: "GET /api/sandboxes/:id/picture",
    send: (l, baseUrl, encoding) =>
      fetch(`${baseUrl}/api/sandboxes/${l.sandboxId}/picture`, {
        headers: { cookie: l.cookie, "accept-encoding": encoding },
        dispatcher: l.agent,
      }) as unknown as Promise<Response>,
  },
  // 12: the editor's files of the lab, read when a lab page opens (its editor loads hidden).
  {
    name: "GET /api/workspace/:lab",
    send: (l, baseUrl, encoding) =>
      fetch(`${baseUrl}/api/workspace/${LAB}`, {
        headers: { cookie: l.cookie, "accept-encoding": encoding },
        dispatcher: l.agent,
      }) as unknown as Promise<Response>,
  },
  // 13: the request trace of the learner's recent commands (prepareLearner ran one).
  {
    name: "GET /api/sandboxes/:id/trace",
    send: (l, baseUrl, encoding) =>
      fetch(`${baseUrl}/api/sandboxes/${l.sandboxId}/trace`, {
        headers: { cookie: l.cookie, "accept-encoding": encoding },
        dispatcher: l.agent,
      }) as unknown as Promise<Response>,
  },
  // 14: the editor's autosave, overwriting the file prepareLearner saved.
  {
    name: "PUT /api/workspace/:lab/web.yaml",
    send: (l, baseUrl, encoding) =>
      fetch(`${baseUrl}/api/workspace/${LAB}/web.yaml`, {
        method: "PUT",
        headers: jsonHeaders(l, baseUrl, encoding),
        body: AUTOSAVE,
        dispatcher: l.agent,
      }) as unknown as Promise<Response>,
  },
  // 15-16: the pages' server render (root layout + page), as a browser's first load asks.
  {
    name: "GET quiz page",
    send: (l, baseUrl, encoding) =>
      fetch(`${baseUrl}/courses/${QUIZ.courseId}/${QUIZ.sessionId}/quiz`, {
        redirect: "manual",
        headers: { cookie: l.cookie, "accept-encoding": encoding },
        dispatcher: l.agent,
      }) as unknown as Promise<Response>,
  },
  {
    name: `GET /labs/${LAB}`,
    send: (l, baseUrl, encoding) =>
      fetch(`${baseUrl}/labs/${LAB}`, {
        redirect: "manual",
        headers: { cookie: l.cookie, "accept-encoding": encoding },
        dispatcher: l.agent,
      }) as unknown as Promise<Response>,
  },
  // 17: the quiz's submission, each of a fresh attempt with half its answers saved.
  {
    name: "POST /api/quiz/attempts/:id/submit",
    prepare: async (l, baseUrl) => {
      await db().quizAttempt.deleteMany({ where: { userId: l.userId, ...QUIZ } });
      await startQuiz(l, baseUrl);
      const res = await fetch(`${baseUrl}/api/quiz/attempts/${l.quiz!.attemptId}/answers`, {
        method: "PUT",
        headers: jsonHeaders(l, baseUrl, "identity"),
        body: l.quiz!.save,
        dispatcher: l.agent,
      });
      if (res.status !== 200) throw new Error(`quiz save: HTTP ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    },
    send: (l, baseUrl, encoding) =>
      fetch(`${baseUrl}/api/quiz/attempts/${l.quiz!.attemptId}/submit`, {
        method: "POST",
        headers: jsonHeaders(l, baseUrl, encoding),
        body: l.quiz!.submit,
        dispatcher: l.agent,
      }) as unknown as Promise<Response>,
  },
];
/** The autosave's body: a small manifest, as a learner's draft is. */
const AUTOSAVE = JSON.stringify({
  content:
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.25\n",
});
/** Phases (1-based) that need the learner's lab sandbox / open quiz attempt. */
const LAB_PHASES = [7, 16];
const QUIZ_PHASES = [8, 9, 10, 15, 17];
const TRACE_PHASES = [13];
const AUTOSAVE_PHASES = [14];

function jsonHeaders(l: Learner, baseUrl: string, encoding: string): Record<string, string> {
  return {
    cookie: l.cookie,
    origin: baseUrl,
    "content-type": "application/json",
    "accept-encoding": encoding,
  };
}

const wants = (phases: number[]) =>
  phaseFilter.length === 0 || phases.some((p) => phaseFilter.includes(p));

/** Opens the learner's lab sandbox and starts its quiz attempt, for the phases that need them. */
async function prepareLearner(l: Learner, baseUrl: string): Promise<void> {
  if (wants(TRACE_PHASES)) {
    const res = await exec("kubectl create namespace traced")(l, baseUrl, "identity");
    if (res.status !== 200) throw new Error(`exec: HTTP ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
  if (wants(AUTOSAVE_PHASES)) {
    const res = await fetch(`${baseUrl}/api/workspace/${LAB}/web.yaml`, {
      method: "PUT",
      headers: jsonHeaders(l, baseUrl, "identity"),
      body: AUTOSAVE,
      dispatcher: l.agent,
    });
    if (res.status !== 200) throw new Error(`autosave: HTTP ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
  if (wants(LAB_PHASES)) {
    const res = await fetch(`${baseUrl}/api/labs/${LAB}/sandbox`, {
      headers: { cookie: l.cookie },
      dispatcher: l.agent,
    });
    if (res.status !== 200) throw new Error(`lab open: HTTP ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
  if (wants(QUIZ_PHASES)) await startQuiz(l, baseUrl);
}

/** Starts (or resumes) the learner's attempt at the quiz; its answers, half and all. */
async function startQuiz(l: Learner, baseUrl: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/quiz/attempts`, {
    method: "POST",
    headers: jsonHeaders(l, baseUrl, "identity"),
    body: JSON.stringify(QUIZ),
    dispatcher: l.agent,
  });
  if (res.status !== 201) throw new Error(`quiz start: HTTP ${res.status} ${await res.text()}`);
  const view = (await res.json()) as {
    current: {
      id: string;
      questions: { key: string; type: string; options?: { key: string }[] }[];
    };
  };
  const answers = view.current.questions.map((q) => {
    const keys = (q.options ?? []).map((o) => o.key);
    const response =
      q.type === "single"
        ? { choice: keys[0] }
        : q.type === "multiple"
          ? { choices: keys.slice(0, 1) }
          : q.type === "ordering"
            ? { order: keys }
            : { text: "1" };
    return { questionKey: q.key, response };
  });
  l.quiz = {
    attemptId: view.current.id,
    save: JSON.stringify({ answers: answers.slice(0, Math.ceil(answers.length / 2)) }),
    submit: JSON.stringify({ answers }),
  };
}

interface Run {
  latencies: number[];
  errors: number;
  bodyBytes: number;
  contentEncoding: string;
}

/** `count` requests spread over the learners, each learner sending one at a time. */
async function drive(
  learners: Learner[],
  baseUrl: string,
  phase: Phase,
  encoding: string,
  count: number,
): Promise<Run> {
  const run: Run = { latencies: [], errors: 0, bodyBytes: 0, contentEncoding: "none" };
  let next = 0;
  await Promise.all(
    learners.map(async (l) => {
      while (next < count) {
        next++;
        const start = performance.now();
        try {
          const res = await phase.send(l, baseUrl, encoding);
          // undici decodes the body: the wire size is content-length when given.
          const body = await res.arrayBuffer();
          run.latencies.push(performance.now() - start);
          run.bodyBytes += Number(res.headers.get("content-length") ?? body.byteLength);
          run.contentEncoding = res.headers.get("content-encoding") ?? "none";
          if (res.status < 200 || res.status > 299) {
            run.errors++;
            if (run.errors <= 3) {
              console.error(`${phase.name} → HTTP ${res.status} ${new TextDecoder().decode(body)}`);
            }
          }
        } catch (error) {
          run.errors++;
          if (run.errors <= 3) console.error(`${phase.name} failed: ${String(error)}`);
        }
      }
    }),
  );
  return run;
}

/** One app server of the comparison: the fast lane on (the default) or off, or other worker flags. */
interface Server {
  name: string;
  app: AppServer;
  learners: Learner[];
  /** Each worker's statements on the sandbox pool, from its last counters line. */
  statements: Map<number, number>;
}

/** The workers' counters are reported this often (KUBELAB_DB_COUNTERS_MS). */
const COUNTERS_MS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The statements all of a server's workers have sent, once a report after now arrived. */
async function statementsSoFar(server: Server): Promise<number> {
  await sleep(COUNTERS_MS * 3);
  return [...server.statements.values()].reduce((n, s) => n + s, 0);
}

/** A random sandbox id (as the app draws them) that worker `index` of two owns. */
function idOwnedBy(index: number): string {
  for (;;) {
    const id = randomBytes(12).toString("base64url");
    if (ownerIndex(id, 2) === index) return id;
  }
}

/**
 * The app as `npm start` serves it with `env` on top of ours (KUBELAB_FAST_LANE,
 * KUBELAB_WORKER_SEMI_SPACE_MB), and one learner per user, each with its own sandbox.
 */
async function startServer(
  name: string,
  env: Record<string, string | undefined>,
  users: { id: string }[],
): Promise<Server> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  let app: AppServer;
  const statements = new Map<number, number>();
  try {
    app = await startAppServer(process.env.DATABASE_URL!, (line) => {
      const report = parseCountersLine(line);
      if (report) statements.set(report.pid, report.counters.statements);
      return line.startsWith(COUNTERS_LINE_PREFIX);
    });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const learners: Learner[] = [];
  // --forward: the worker index behind each pid, from the lane's worker header on the
  // answer to a command of a sandbox worker 0 owns (served by worker 0 wherever it lands).
  let pid0: number | undefined;
  for (const u of users) {
    const token = await encode({ token: { sub: u.id, sid: randomUUID() }, secret: BENCH_SECRET });
    const cookie = `next-auth.session-token=${token}`;
    const agent = new Agent({ connections: 1, pipelining: 1, keepAliveTimeout: 60_000 });
    if (forwardMode) {
      const ready = await fetch(`${app.baseUrl}/api/ready`, { dispatcher: agent });
      await ready.arrayBuffer();
      const pid = Number(ready.headers.get(READY_WORKER_HEADER));
      if (pid0 === undefined) {
        const zero = await createUserSandbox(u.id, undefined, idOwnedBy(0));
        const res = await exec("kubectl version --client")(
          { userId: u.id, cookie, sandboxId: zero, agent },
          app.baseUrl,
          "identity",
        );
        await res.arrayBuffer();
        pid0 = Number(res.headers.get("x-kubelab-lane-worker")?.split(" ")[1]);
        if (!Number.isInteger(pid0)) throw new Error("--forward needs the lane's worker header");
        await db().sandbox.delete({ where: { id: zero } });
      }
      const held = pid === pid0 ? 0 : 1;
      await createUserSandbox(u.id, undefined, idOwnedBy(forwardMode === "all" ? 1 - held : held));
    }
    const res = await fetch(`${app.baseUrl}/api/sandboxes`, {
      headers: { cookie },
      dispatcher: agent,
    });
    const { id } = (await res.json()) as { id: string };
    const learner: Learner = { userId: u.id, cookie, sandboxId: id, agent };
    await prepareLearner(learner, app.baseUrl);
    learners.push(learner);
  }
  return { name, app, learners, statements };
}

// --servers=lane,next: which app servers take turns (each its own launcher and worker).
const SERVER_ENVS: Record<string, Record<string, string | undefined>> = {
  lane: { KUBELAB_FAST_LANE: undefined },
  next: { KUBELAB_FAST_LANE: "0" },
  "lane+semi32": {
    KUBELAB_FAST_LANE: undefined,
    KUBELAB_WORKER_SEMI_SPACE_MB: "32",
  },
  // With KUBELAB_WORKERS=2: the lane without sticky forwarding, each worker serving what
  // it receives (against "lane", what forwarding half of the requests costs).
  "lane-unsticky": { KUBELAB_FAST_LANE: undefined, KUBELAB_STICKY: "0" },
  ...(forwardMode
    ? { lane: { KUBELAB_FAST_LANE: undefined, KUBELAB_LANE_WORKER_HEADER: "1" } }
    : {}),
};
// --base-root=<dir>: another checkout of the app, already built (`npm run build` there),
// served as the "base" server with the lane: the same phases on two versions, in turns.
// --roots=a=<dir>,b=<dir>: any number of such checkouts, each a server by its name.
const roots = option("roots", "")
  .split(",")
  .filter(Boolean)
  .map((r) => r.split("=") as [string, string]);
const baseRoot = option("base-root", "");
if (baseRoot) roots.unshift(["base", baseRoot]);
for (const [name, dir] of roots) {
  SERVER_ENVS[name] = {
    KUBELAB_FAST_LANE: undefined,
    KUBELAB_BENCH_APP_ROOT: dir,
    ...(forwardMode ? { KUBELAB_LANE_WORKER_HEADER: "1" } : {}),
  };
}
const serverNames = option(
  "servers",
  roots.length > 0
    ? [...roots.map(([name]) => name), ...(baseRoot ? ["lane"] : [])].join(",")
    : "lane",
)
  .split(",")
  .filter(Boolean);

async function main(): Promise<void> {
  // One worker: the figures are one process's, and the shared machine stays usable.
  process.env.KUBELAB_WORKERS ??= "1";
  // The workers count their statements (one increment per query) and report them.
  process.env.KUBELAB_DB_COUNTERS_MS = String(COUNTERS_MS);
  for (const name of serverNames) {
    if (!SERVER_ENVS[name])
      throw new Error(`--servers: unknown ${name} (${Object.keys(SERVER_ENVS).join(", ")})`);
  }
  await withBenchDatabase("kubelab_bench_http", async () => {
    const servers: Server[] = [];
    try {
      for (const [k, name] of serverNames.entries()) {
        const users = Array.from({ length: clients }, (_, i) => ({
          id: randomUUID(),
          email: `http-${k}-${i}@bench.kubelab.dev`,
          name: `HTTP 학습자 ${k}-${i}`,
        }));
        await db().user.createMany({ data: users });
        servers.push(await startServer(name, SERVER_ENVS[name]!, users));
      }
      console.log(
        `## HTTP fixed cost: servers ${serverNames.join(", ")} (${servers[0]!.app.workers} worker(s) each), ${clients} keep-alive clients, ${requests} requests per phase and variant (after ${warmup} warm-up)`,
      );
      console.log(
        `machine: ${cpus().length} cores, Node ${process.version}, load average before ${loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")}`,
      );
      console.log(
        `\n| endpoint | server | accept-encoding | answered with | req/s | app CPU/req | of which kernel | postgres CPU/req | statements/req | p50 | p99 | JSON B/req | errors |\n|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
      );
      const pgUsage = await postgresUsage(db());
      const pgCpu = () => pgUsage.read().cpuSeconds;
      // Every (server, encoding) pair is one variant; the variants take turns.
      const variants = servers.flatMap((server) =>
        encodings.map((encoding) => ({ server, encoding })),
      );
      for (const [i, phase] of PHASES.entries()) {
        if (phaseFilter.length > 0 && !phaseFilter.includes(i + 1)) continue;
        // `count` requests of the phase on one variant: in steps of one request per learner,
        // each after the phase's unmeasured preparation, when it has one.
        const steps = async (
          v: (typeof variants)[number],
          count: number,
          measure: (step: () => Promise<Run>) => Promise<Run> = (step) => step(),
        ): Promise<Run[]> => {
          const { learners, app } = v.server;
          if (!phase.prepare)
            return [await measure(() => drive(learners, app.baseUrl, phase, v.encoding, count))];
          const runs: Run[] = [];
          for (let sent = 0; sent < count; sent += learners.length) {
            await Promise.all(learners.map((l) => phase.prepare!(l, app.baseUrl)));
            runs.push(
              await measure(() => drive(learners, app.baseUrl, phase, v.encoding, learners.length)),
            );
          }
          return runs;
        };
        for (const v of variants) await steps(v, warmup);
        const totals = new Map(
          variants.map((v) => [v, { app: 0, sys: 0, pg: 0, seconds: 0, runs: [] as Run[] }]),
        );
        const perBlock = Math.ceil(requests / rounds);
        for (let r = 0; r < rounds; r++) {
          // The order flips every round (A B, B A, ...): with a fixed order the variant
          // listed first measured up to 1 ms more per request, whichever it was.
          const order = r % 2 === 0 ? variants : [...variants].reverse();
          for (const v of order) {
            const t = totals.get(v)!;
            const pid = v.server.app.process.pid!;
            t.runs.push(
              ...(await steps(v, perBlock, async (step) => {
                const appBefore = treeUsage(pid);
                const pgBefore = pgCpu();
                const started = performance.now();
                const run = await step();
                t.seconds += (performance.now() - started) / 1000;
                const appAfter = treeUsage(pid);
                t.app += appAfter.cpuSeconds - appBefore.cpuSeconds;
                t.sys += appAfter.systemSeconds - appBefore.systemSeconds;
                t.pg += pgCpu() - pgBefore;
                return run;
              })),
            );
          }
        }
        // Statements per request: one more step of one request per learner, between two
        // counters reports.
        const statements = new Map<(typeof variants)[number], number>();
        for (const v of variants) {
          const n = v.server.learners.length;
          let before = 0;
          await steps(v, n, async (step) => {
            before = await statementsSoFar(v.server);
            return step();
          });
          statements.set(v, ((await statementsSoFar(v.server)) - before) / n);
        }
        for (const [v, t] of totals) {
          const n = t.runs.reduce((sum, run) => sum + run.latencies.length, 0);
          const sorted = t.runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
          const errors = t.runs.reduce((sum, run) => sum + run.errors, 0);
          const bytes = t.runs.reduce((sum, run) => sum + run.bodyBytes, 0);
          console.log(
            `| ${phase.name} | ${v.server.name} | ${v.encoding} | ${t.runs[0]?.contentEncoding ?? "-"} | ${(n / t.seconds).toFixed(0)} | ${((t.app * 1000) / n).toFixed(2)} ms | ${((t.sys * 1000) / n).toFixed(2)} ms | ${((t.pg * 1000) / n).toFixed(2)} ms | ${statements.get(v)!.toFixed(1)} | ${percentile(sorted, 0.5).toFixed(1)} ms | ${percentile(sorted, 0.99).toFixed(1)} ms | ${(bytes / n).toFixed(0)} | ${errors} |`,
          );
        }
      }
      console.log(
        "\nCPU from /proc in 10 ms ticks: compare figures of one run, or runs of equal length.",
      );
    } finally {
      for (const s of servers) {
        await Promise.all(s.learners.map((l) => l.agent.close()));
        await s.app.stop();
      }
      await db().$disconnect();
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
