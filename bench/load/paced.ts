// bench:load's paced phase: a class at a human pace, as #11's latency target means it
// ("kubectl commands p99 ≤ 50 ms at 200 concurrent learners"). The think-time phase
// (200 ms) and the closed loop are stresses: they saturate the cores, and their p99 is
// queueing. Here each learner behaves like the lab page in a browser tab:
// - arrives at a random moment of the first ARRIVAL window (a class opening the lab after
//   the instructor says so, not all in one millisecond; the all-at-once burst stays
//   measured by the think-time phase's lab opens);
// - opens the lab: the page's GET /api/labs/:labId/sandbox, then what the page loads at once -
//   the terminal's history, the editor's files (its tab loads hidden) and the cluster picture
//   (components/lab/lab-workspace.tsx; the picture tab shown, the heaviest case);
// - polls the picture while it is shown, through the page's own poll.ts: 3 s after each
//   answer (cluster-picture.tsx POLL_MS) and at once after every command (each command
//   bumps the workspace's revision), one request at a time (--picture-poll=timer: a request
//   every 3 s whatever the last one is doing, as the page did before, for an A/B);
// - types commands from the lab script with a think time drawn uniformly from
//   THINK_MIN..THINK_MAX before each one: reading the previous answer (~2 s) and typing the
//   next ~30-character line at ~200 characters a minute (~9 s) or pasting it from the
//   lesson (~1 s) - 4 to 10 s, mean 7 s;
// - presses 채점 at the end, then closes the tab (the poll stops).
// The report's first lines say the think time, the arrival pattern and the pace the
// learners achieved against what the think time alone allows, so a saturated run cannot
// pass for a paced one.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { fetch as undiciFetch, type Dispatcher } from "undici";
import { startPoll } from "@/components/cluster-picture/poll";
import { BENCH_SECRET } from "./app-server";
import { sendLikeBrowser } from "./browser-resend";
import {
  SCRIPT,
  browserAgent,
  headers,
  httpOk,
  unexpectedResult,
  type Judge,
  type ScriptStep,
} from "./learner";
import type { LatencyBook } from "./stats";

export const PACE = {
  thinkMinMs: 4_000,
  thinkMaxMs: 10_000,
  pollMs: 3_000,
  arrivalMs: 30_000,
} as const;

/** One request the paced learners sent: its tag (x-bench-req), endpoint and latency. */
export interface SentRequest {
  id: string;
  endpoint: string;
  ms: number;
  ok: boolean;
}

export interface PacedTally {
  commands: number;
  writes: number;
  /** Sum over learners of the time from their first command's think to their last answer. */
  activeMs: number;
  polls: number;
}

/** A small deterministic PRNG (mulberry32): the same learner draws the same think times. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A think time in [min, max) from a uniform draw in [0, 1). */
export function thinkTime(
  u: number,
  min: number = PACE.thinkMinMs,
  max: number = PACE.thinkMaxMs,
): number {
  return min + u * (max - min);
}

/** The endpoint name of a command in the paced report: reads and writes apart. */
export function execEndpoint(step: ScriptStep): string {
  return `POST exec (${step.writes ? "write" : "read"})`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let sequence = 0;

interface PacedLearner {
  baseUrl: string;
  userId: string;
  labId: string;
  commands: number;
  firstRound: number;
  /** This learner's arrival, ms after the phase starts. */
  arriveMs: number;
  seed: number;
  dispatcher: Dispatcher;
  pollMode: PollMode;
}

/** How the picture polls: as the page does now ("after-answer") or did before ("timer"). */
export type PollMode = "after-answer" | "timer";

async function pacedLearner(
  o: PacedLearner,
  book: LatencyBook,
  sent: SentRequest[],
  tally: PacedTally,
): Promise<void> {
  await sleep(o.arriveMs);
  const token = await encode({ token: { sub: o.userId, sid: randomUUID() }, secret: BENCH_SECRET });
  const h = headers(`next-auth.session-token=${token}`, o.baseUrl);
  const request = async (
    endpoint: string,
    path: string,
    init: { method?: string; body?: string } = {},
    judge: Judge = httpOk,
  ): Promise<{ status: number; body: string } | undefined> => {
    const id = `${process.pid}-${++sequence}`;
    const start = performance.now();
    try {
      const res = await sendLikeBrowser(
        () =>
          undiciFetch(`${o.baseUrl}${path}`, {
            ...init,
            dispatcher: o.dispatcher,
            // The worker probe's tags (worker-probe.mjs): its id, and when it left here.
            headers: {
              ...h,
              "x-bench-req": id,
              "x-bench-sent": String(performance.timeOrigin + performance.now()),
            },
          }),
        () => book.resent(endpoint),
      );
      const body = await res.text();
      const ms = performance.now() - start;
      const wrong = judge(res.status, body);
      book.record(endpoint, ms, wrong === undefined);
      sent.push({ id, endpoint, ms, ok: wrong === undefined });
      if (wrong !== undefined) console.error(`${endpoint} → ${wrong}`);
      return { status: res.status, body };
    } catch (error) {
      const ms = performance.now() - start;
      book.record(endpoint, ms, false);
      sent.push({ id, endpoint, ms, ok: false });
      console.error(`${endpoint} failed: ${String(error)}`);
      return undefined;
    }
  };

  const opened = await request("GET /api/labs/:labId/sandbox", `/api/labs/${o.labId}/sandbox`);
  if (!opened || opened.status !== 200) return;
  const { sandboxId } = JSON.parse(opened.body) as { sandboxId: string };
  const picture = () => {
    tally.polls++;
    return request("GET picture", `/api/sandboxes/${sandboxId}/picture`);
  };
  // What the page loads as it opens, at once (the picture's first request is its poll's).
  const opening = Promise.all([
    request("GET history", `/api/sandboxes/${sandboxId}/history`),
    request("GET workspace files", `/api/workspace/${o.labId}`),
  ]);
  // The picture's poll, as the page does it (components/cluster-picture/poll.ts): 3 s after
  // each answer, at once after a command, one request at a time. `timer`: as the page did
  // before (a timer firing every 3 s whatever the last request was doing), for an A/B.
  const polls = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    polls.add(p);
    void p.finally(() => polls.delete(p));
    return p;
  };
  let refresh: () => void;
  let stopPoll: () => void;
  if (o.pollMode === "timer") {
    const timer = setInterval(() => void track(picture()), PACE.pollMs);
    refresh = () => void track(picture());
    stopPoll = () => clearInterval(timer);
  } else {
    const poll = startPoll({
      intervalMs: PACE.pollMs,
      visible: () => true,
      load: () => track(picture()),
    });
    refresh = poll.refresh;
    stopPoll = poll.stop;
  }
  if (o.pollMode === "timer") void track(picture());
  await opening;
  const random = prng(o.seed);
  const began = performance.now();
  try {
    for (let i = 0; i < o.commands; i++) {
      await sleep(thinkTime(random()));
      const step = SCRIPT[i % SCRIPT.length]!;
      const round = o.firstRound + Math.floor(i / SCRIPT.length);
      const res = await request(
        execEndpoint(step),
        `/api/sandboxes/${sandboxId}/exec`,
        { method: "POST", body: JSON.stringify({ command: step.command(round) }) },
        (status, text) => {
          const why = unexpectedResult(step, status, text);
          return why === undefined ? undefined : `${step.command(round)}: ${why}`;
        },
      );
      if (res?.status === 200) {
        tally.commands++;
        if (step.writes) tally.writes++;
      }
      // The command bumped the workspace's revision: the shown picture refetches.
      refresh();
    }
    tally.activeMs += performance.now() - began;
    await request("POST /api/labs/:labId/check", `/api/labs/${o.labId}/check`, {
      method: "POST",
      body: "{}",
    });
  } finally {
    stopPoll();
    await Promise.all(polls);
  }
}

export interface PacedPhaseOptions {
  baseUrl: string;
  users: { id: string }[];
  labId: string;
  commands: number;
  firstRound: number;
  /** The arrivals' window (default PACE.arrivalMs). */
  arrivalMs?: number;
  pollMode?: PollMode;
}

/** Runs the phase; returns its latency book, every tagged request and the tally. */
export async function pacedPhase(
  o: PacedPhaseOptions,
  book: LatencyBook,
): Promise<{ sent: SentRequest[]; tally: PacedTally; seconds: number }> {
  const sent: SentRequest[] = [];
  const tally: PacedTally = { commands: 0, writes: 0, activeMs: 0, polls: 0 };
  const arrivals = prng(0x5eed);
  const started = performance.now();
  await Promise.all(
    o.users.map(async (u, i) => {
      const agent = browserAgent();
      try {
        await pacedLearner(
          {
            baseUrl: o.baseUrl,
            userId: u.id,
            labId: o.labId,
            commands: o.commands,
            firstRound: o.firstRound,
            arriveMs: arrivals() * (o.arrivalMs ?? PACE.arrivalMs),
            seed: i + 1,
            dispatcher: agent,
            pollMode: o.pollMode ?? "after-answer",
          },
          book,
          sent,
          tally,
        );
      } finally {
        await agent.close();
      }
    }),
  );
  return { sent, tally, seconds: (performance.now() - started) / 1000 };
}

/**
 * The report's first lines: what the learners were asked to do and what pace they achieved.
 * A learner's commands are think + answer apart; when the answers are slow enough to
 * slow the learners down (the mean gap exceeds the mean think time by more than 10 %), the
 * run was saturated, not paced, and the line says so.
 */
export function paceLines(
  learners: number,
  commandsEach: number,
  tally: PacedTally,
  seconds: number,
  pollMode: PollMode = "after-answer",
): string[] {
  const meanThink = (PACE.thinkMinMs + PACE.thinkMaxMs) / 2;
  const gap = tally.commands > 0 ? tally.activeMs / tally.commands : 0;
  const paced = gap > 0 && gap <= meanThink * 1.1;
  return [
    `think time uniform ${PACE.thinkMinMs / 1000}-${PACE.thinkMaxMs / 1000} s (mean ${meanThink / 1000} s) before each of ${commandsEach} commands; arrivals uniform over the first ${PACE.arrivalMs / 1000} s; the page's opens (history, editor files, picture), the picture polled ${pollMode === "timer" ? `by a timer every ${PACE.pollMs / 1000} s` : `${PACE.pollMs / 1000} s after each answer`} and after each command; 채점 at the end`,
    `pace achieved: ${tally.commands} commands in ${seconds.toFixed(1)} s (${(tally.commands / seconds).toFixed(1)}/s over the phase; ${learners} learners at one command per ${(meanThink / 1000).toFixed(1)} s allow ${((learners * 1000) / meanThink).toFixed(1)}/s once all have arrived), mean gap between a learner's commands ${(gap / 1000).toFixed(2)} s against ${(meanThink / 1000).toFixed(1)} s of think: ${paced ? "paced" : "NOT PACED - the answers slowed the learners (saturated)"}; picture requests ${tally.polls} (${(tally.polls / seconds).toFixed(1)}/s)`,
  ];
}
