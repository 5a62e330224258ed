// One simulated learner doing a lab session against the app's HTTP API, as the
// browser would: open the sandbox, type commands (with think time), press 채점,
// then take the session's quiz (start, save answers, submit).
import { encode } from "next-auth/jwt";
import { BENCH_SECRET } from "./app-server";
import type { LatencyBook } from "./stats";

// A lab session's commands: mostly reads, about a third writes, from the lesson.
const SCRIPT: { command: (n: number) => string; writes: boolean }[] = [
  { command: () => "kubectl get nodes -o wide", writes: false },
  { command: () => "kubectl get pods -n kube-system", writes: false },
  { command: (n) => `kubectl create deployment web-${n} --image=nginx:1.25`, writes: true },
  { command: () => "kubectl get deployments", writes: false },
  { command: (n) => `kubectl scale deployment web-${n} --replicas=3`, writes: true },
  { command: () => "kubectl get pods -o wide", writes: false },
  { command: () => "kubectl get --raw=/healthz", writes: false },
  { command: (n) => `kubectl label deployment web-${n} tier=frontend --overwrite`, writes: true },
  { command: () => "kubectl get endpoints kube-scheduler -n kube-system -o yaml", writes: false },
  { command: () => "etcdctl get /registry/pods --prefix --keys-only", writes: false },
  { command: (n) => `kubectl create configmap notes-${n} --from-literal=k=v`, writes: true },
  { command: () => "kubectl get events", writes: false },
  { command: (n) => `kubectl delete configmap notes-${n}`, writes: true },
  { command: () => "kubectl auth can-i create pods", writes: false },
  { command: () => "kubectl get leases -n kube-system", writes: false },
];

export interface LearnerOptions {
  baseUrl: string;
  userId: string;
  commands: number;
  thinkMs: number;
  labId?: string;
  /** The session's quiz, taken after the lab (omit to skip). */
  quiz?: { courseId: string; sessionId: string };
}

export interface LearnerTally {
  commands: number;
  writes: number;
}

function headers(cookie: string, baseUrl: string): Record<string, string> {
  return { cookie, origin: baseUrl, "content-type": "application/json" };
}

async function timed(
  book: LatencyBook,
  endpoint: string,
  fn: () => Promise<Response>,
): Promise<Response | undefined> {
  const start = performance.now();
  try {
    const res = await fn();
    const body = await res.text();
    const ok = res.status < 400 && !body.includes('"exitCode":1');
    book.record(endpoint, performance.now() - start, res.status < 400);
    if (!ok && res.status >= 400)
      console.error(`${endpoint} → ${res.status} ${body.slice(0, 200)}`);
    return new Response(body, { status: res.status });
  } catch (error) {
    book.record(endpoint, performance.now() - start, false);
    console.error(`${endpoint} failed: ${String(error)}`);
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function learnerSession(
  opts: LearnerOptions,
  book: LatencyBook,
): Promise<LearnerTally> {
  const token = await encode({ token: { sub: opts.userId }, secret: BENCH_SECRET });
  const h = headers(`next-auth.session-token=${token}`, opts.baseUrl);
  const tally: LearnerTally = { commands: 0, writes: 0 };
  const opened = await timed(book, "GET /api/sandboxes", () =>
    fetch(`${opts.baseUrl}/api/sandboxes`, { headers: h }),
  );
  if (!opened || opened.status !== 200) return tally;
  const { id } = (await opened.json()) as { id: string };
  // Spread think time deterministically around the mean (0.5×–1.5×).
  let jitter = opts.userId.length;
  for (let i = 0; i < opts.commands; i++) {
    jitter = (jitter * 1103515245 + 12345) % 2147483648;
    await sleep(opts.thinkMs * (0.5 + (jitter % 1000) / 1000));
    const step = SCRIPT[i % SCRIPT.length]!;
    const round = Math.floor(i / SCRIPT.length);
    const res = await timed(book, "POST /api/sandboxes/:id/exec", () =>
      fetch(`${opts.baseUrl}/api/sandboxes/${id}/exec`, {
        method: "POST",
        headers: h,
        body: JSON.stringify({ command: step.command(round) }),
      }),
    );
    if (res?.status === 200) {
      tally.commands++;
      if (step.writes) tally.writes++;
    }
  }
  if (opts.labId) {
    await timed(book, "POST /api/labs/:labId/check", () =>
      fetch(`${opts.baseUrl}/api/labs/${opts.labId}/check`, {
        method: "POST",
        headers: h,
        body: "{}",
      }),
    );
  }
  if (opts.quiz) await takeQuiz(opts.baseUrl, h, opts.quiz, book);
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
