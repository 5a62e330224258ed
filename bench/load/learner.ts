// One simulated learner doing a lab session against the app's HTTP API, as the
// browser would: open the sandbox (and, with `openPage`, the lab page's own GETs),
// type commands (with think time), press 채점,
// then take the session's quiz (start, save answers, submit). Like a browser tab,
// a learner talks over its own keep-alive connections (`browserAgent`), so the
// app's worker that holds its connection keeps its sandbox warm.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { Agent, fetch as undiciFetch, type Dispatcher, type RequestInit } from "undici";
import { BENCH_SECRET } from "./app-server";
import { sendLikeBrowser } from "./browser-resend";
import type { LatencyBook } from "./stats";

// A lab session's commands: mostly reads, about a third writes, from the lesson.
// `fails` marks the commands whose 1.28 answer is an error: kube-scheduler has no
// Endpoints object since 1.17 (leader election uses Leases), so kubectl prints
// `Error from server (NotFound): endpoints "kube-scheduler" not found` and exits 1.
export interface ScriptStep {
  command: (n: number) => string;
  writes: boolean;
  /** Text the failing command's stderr must hold; the step then expects exit code 1. */
  fails?: string;
}

export const SCRIPT: ScriptStep[] = [
  { command: () => "kubectl get nodes -o wide", writes: false },
  { command: () => "kubectl get pods -n kube-system", writes: false },
  { command: (n) => `kubectl create deployment web-${n} --image=nginx:1.25`, writes: true },
  { command: () => "kubectl get deployments", writes: false },
  { command: (n) => `kubectl scale deployment web-${n} --replicas=3`, writes: true },
  { command: () => "kubectl get pods -o wide", writes: false },
  { command: () => "kubectl get --raw=/healthz", writes: false },
  { command: (n) => `kubectl label deployment web-${n} tier=frontend --overwrite`, writes: true },
  {
    command: () => "kubectl get endpoints kube-scheduler -n kube-system -o yaml",
    writes: false,
    fails: 'Error from server (NotFound): endpoints "kube-scheduler" not found',
  },
  { command: () => "etcdctl get /registry/pods --prefix --keys-only", writes: false },
  { command: (n) => `kubectl create configmap notes-${n} --from-literal=k=v`, writes: true },
  { command: () => "kubectl get events", writes: false },
  { command: (n) => `kubectl delete configmap notes-${n}`, writes: true },
  { command: () => "kubectl auth can-i create pods", writes: false },
  { command: () => "kubectl get leases -n kube-system", writes: false },
];

const CREATE_STEP = SCRIPT.findIndex((s) => s.command(0).startsWith("kubectl create deployment"));

/** Names of the Deployments a session of `commands` commands creates. */
export function deploymentsCreated(commands: number, firstRound = 0): string[] {
  const names: string[] = [];
  for (let i = CREATE_STEP; i < commands; i += SCRIPT.length) {
    names.push(`web-${firstRound + Math.floor(i / SCRIPT.length)}`);
  }
  return names;
}

function cleanUpStep(names: string[]): ScriptStep {
  return { command: () => `kubectl delete deployment ${names.join(" ")}`, writes: true };
}

/** Why a command's answer is not what 1.28 prints for it; undefined when it is. */
export function unexpectedResult(
  step: ScriptStep,
  status: number,
  body: string,
): string | undefined {
  if (status !== 200) return `HTTP ${status}`;
  let result: { exitCode?: unknown; stderr?: unknown };
  try {
    result = JSON.parse(body) as typeof result;
  } catch {
    return "not JSON";
  }
  const stderr = typeof result.stderr === "string" ? result.stderr : "";
  if (step.fails) {
    if (result.exitCode !== 1) return `exit code ${String(result.exitCode)}, expected 1`;
    if (!stderr.includes(step.fails)) return `stderr ${JSON.stringify(stderr.slice(0, 160))}`;
    return undefined;
  }
  if (result.exitCode !== 0) {
    return `exit code ${String(result.exitCode)}: ${JSON.stringify(stderr.slice(0, 160))}`;
  }
  return undefined;
}

export interface LearnerOptions {
  baseUrl: string;
  userId: string;
  commands: number;
  thinkMs: number;
  labId?: string;
  /** Delete the session's Deployments at its end (a soak repeats sessions on one sandbox). */
  cleanUp?: boolean;
  /** The session's quiz, taken after the lab (omit to skip). */
  quiz?: { courseId: string; sessionId: string };
  /** The learner's own connections (a browser tab's); a shared default pool when omitted. */
  dispatcher?: Dispatcher;
  /**
   * The script's round the session starts at (default 0): a second session on the same
   * sandbox starts past the first one's rounds, so its Deployments and ConfigMaps get
   * new names instead of meeting AlreadyExists.
   */
  firstRound?: number;
  /** Press 채점 after the commands (default true; a lab session only). */
  grade?: boolean;
  /**
   * A lab session: the lab page opens first (default false), so its own GETs follow the
   * sandbox's - the terminal's history, the editor's files and the cluster picture's first
   * poll, at once - as the paced phase's learner does (paced.ts; lab-workspace.tsx). The
   * think phase's learners open the page; a soak's later sessions type into the open page.
   */
  openPage?: boolean;
}

/** The rounds of the script a session of `commands` commands goes through. */
export function roundsOf(commands: number): number {
  return Math.ceil(commands / SCRIPT.length);
}

/**
 * A browser's connections to one origin: HTTP/1.1 keep-alive, at most six at once
 * (Chromium's and Firefox's per-host limit), idle ones kept for a minute (servers
 * announce their own timeout, which undici honours, less a second).
 */
export function browserAgent(connections = 6): Agent {
  return new Agent({
    connections,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    keepAliveMaxTimeout: 300_000,
  });
}

export type Fetch = (url: string, init?: RequestInit) => Promise<Answer>;

/** What the learner reads of an answer (undici's and the global Response alike). */
export interface Answer {
  status: number;
  text(): Promise<string>;
}

export interface LearnerTally {
  commands: number;
  writes: number;
}

export function headers(cookie: string, baseUrl: string): Record<string, string> {
  return { cookie, origin: baseUrl, "content-type": "application/json" };
}

/** Whether an answer is a failure: a reason, or undefined when it is what was expected. */
export type Judge = (status: number, body: string) => string | undefined;

export const httpOk: Judge = (status, body) =>
  status < 400 ? undefined : `HTTP ${status} ${body.slice(0, 200)}`;

async function timed(
  book: LatencyBook,
  endpoint: string,
  fn: () => Promise<Answer>,
  judge: Judge = httpOk,
): Promise<Response | undefined> {
  const start = performance.now();
  try {
    // The latency is the learner's: from the first attempt to the answer.
    const res = await sendLikeBrowser(fn, () => book.resent(endpoint));
    const body = await res.text();
    const wrong = judge(res.status, body);
    book.record(endpoint, performance.now() - start, wrong === undefined);
    if (wrong !== undefined) console.error(`${endpoint} → ${wrong}`);
    return new Response(body, { status: res.status });
  } catch (error) {
    book.record(endpoint, performance.now() - start, false);
    const cause = (error as { cause?: unknown }).cause;
    console.error(`${endpoint} failed: ${String(error)}${cause ? ` (${String(cause)})` : ""}`);
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function learnerSession(
  opts: LearnerOptions,
  book: LatencyBook,
): Promise<LearnerTally> {
  const fetch: Fetch = (url, init) =>
    undiciFetch(url, opts.dispatcher ? { ...init, dispatcher: opts.dispatcher } : init);
  const token = await encode({
    token: { sub: opts.userId, sid: randomUUID() },
    secret: BENCH_SECRET,
  });
  const h = headers(`next-auth.session-token=${token}`, opts.baseUrl);
  const tally: LearnerTally = { commands: 0, writes: 0 };
  // A lab session types into the lab's own sandbox (the lab page opens it), so
  // 채점 grades what the commands did; without a lab, the free sandbox.
  const opened = opts.labId
    ? await timed(book, "GET /api/labs/:labId/sandbox", () =>
        fetch(`${opts.baseUrl}/api/labs/${opts.labId}/sandbox`, { headers: h }),
      )
    : await timed(book, "GET /api/sandboxes", () =>
        fetch(`${opts.baseUrl}/api/sandboxes`, { headers: h }),
      );
  if (!opened || opened.status !== 200) return tally;
  const body = (await opened.json()) as { id?: string; sandboxId?: string };
  const id = body.sandboxId ?? body.id;
  if (opts.labId && opts.openPage) {
    // Named as the paced phase names them, so the two phases' tables read alike.
    await Promise.all([
      timed(book, "GET history", () =>
        fetch(`${opts.baseUrl}/api/sandboxes/${id}/history`, { headers: h }),
      ),
      timed(book, "GET workspace files", () =>
        fetch(`${opts.baseUrl}/api/workspace/${opts.labId}`, { headers: h }),
      ),
      timed(book, "GET picture", () =>
        fetch(`${opts.baseUrl}/api/sandboxes/${id}/picture`, { headers: h }),
      ),
    ]);
  }
  const exec = async (step: ScriptStep, round: number) => {
    const res = await timed(
      book,
      "POST /api/sandboxes/:id/exec",
      () =>
        fetch(`${opts.baseUrl}/api/sandboxes/${id}/exec`, {
          method: "POST",
          headers: h,
          body: JSON.stringify({ command: step.command(round) }),
        }),
      (status, text) => {
        const why = unexpectedResult(step, status, text);
        return why === undefined ? undefined : `${step.command(round)}: ${why}`;
      },
    );
    if (res?.status === 200) {
      tally.commands++;
      if (step.writes) tally.writes++;
    }
  };
  // Spread think time deterministically around the mean (0.5×–1.5×).
  let jitter = opts.userId.length;
  for (let i = 0; i < opts.commands; i++) {
    jitter = (jitter * 1103515245 + 12345) % 2147483648;
    // A closed loop (think 0) sends the next command as soon as the answer is read.
    if (opts.thinkMs > 0) await sleep(opts.thinkMs * (0.5 + (jitter % 1000) / 1000));
    await exec(SCRIPT[i % SCRIPT.length]!, (opts.firstRound ?? 0) + Math.floor(i / SCRIPT.length));
  }
  if (opts.labId && opts.grade !== false) {
    await timed(book, "POST /api/labs/:labId/check", () =>
      fetch(`${opts.baseUrl}/api/labs/${opts.labId}/check`, {
        method: "POST",
        headers: h,
        body: "{}",
      }),
    );
  }
  if (opts.quiz) await takeQuiz(fetch, opts.baseUrl, h, opts.quiz, book);
  if (opts.cleanUp) {
    // A soak repeats the session on the same sandbox: remove its Deployments so the
    // next session's `create deployment` does not meet AlreadyExists and the
    // cluster does not grow session after session.
    const created = deploymentsCreated(opts.commands, opts.firstRound);
    if (created.length > 0) await exec(cleanUpStep(created), 0);
  }
  return tally;
}

interface QuizView {
  current: {
    id: string;
    questions: { key: string; type: string; options?: { key: string }[] }[];
  } | null;
}

/** A plausible answer in the browser's shape for each question type (right or wrong alike). */
function answerOf(q: { type: string; options?: { key: string }[] }): Record<string, unknown> {
  const keys = (q.options ?? []).map((o) => o.key);
  switch (q.type) {
    case "single":
      return { choice: keys[0] };
    case "multiple":
      return { choices: keys.slice(0, 1) };
    case "ordering":
      return { order: keys };
    default:
      return { text: "1" };
  }
}

/**
 * The session's quiz at the end of the lab, as the quiz page does it: start (or
 * resume) the attempt, save the answers half-way, then submit.
 */
async function takeQuiz(
  fetch: Fetch,
  baseUrl: string,
  h: Record<string, string>,
  ref: { courseId: string; sessionId: string },
  book: LatencyBook,
): Promise<void> {
  const started = await timed(book, "POST /api/quiz/attempts", () =>
    fetch(`${baseUrl}/api/quiz/attempts`, {
      method: "POST",
      headers: h,
      body: JSON.stringify(ref),
    }),
  );
  if (!started || started.status >= 400) return;
  const view = (await started.json()) as QuizView;
  if (!view.current) return;
  const { id, questions } = view.current;
  const answers = questions.map((q) => ({ questionKey: q.key, response: answerOf(q) }));
  const half = answers.slice(0, Math.ceil(answers.length / 2));
  await timed(book, "PUT /api/quiz/attempts/:id/answers", () =>
    fetch(`${baseUrl}/api/quiz/attempts/${id}/answers`, {
      method: "PUT",
      headers: h,
      body: JSON.stringify({ answers: half }),
    }),
  );
  await timed(book, "POST /api/quiz/attempts/:id/submit", () =>
    fetch(`${baseUrl}/api/quiz/attempts/${id}/submit`, {
      method: "POST",
      headers: h,
      body: JSON.stringify({ answers }),
    }),
  );
}
