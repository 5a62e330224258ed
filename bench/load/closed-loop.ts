// bench:load's closed-loop phase: the throughput the app sustains when nobody thinks.
// With think time t, N learners cannot send more than N ÷ t commands per second
// (200 learners at 200 ms: 1,000/s at most, and less by every answer's latency), so
// the default phase measures latency under a class's load, not the app's ceiling.
// Here the same learners, in the sandboxes their lab sessions left, each send
// `commands` more commands from the same script, the next one as soon as an answer
// is read. Its own latency table, CPU and sandbox-store counters.
import { cpus } from "node:os";
import type { DbCountersBook } from "./db-counters";
import { browserAgent, learnerSession, type LearnerTally } from "./learner";
import { LatencyBook } from "./stats";
import { walBreakdown, walMark, type WalMark } from "../wal-breakdown";

interface Usage {
  cpuSeconds: number;
}

export interface ClosedLoopOptions {
  baseUrl: string;
  users: { id: string }[];
  commands: number;
  /** The script's first round (past the lab sessions' rounds: new object names). */
  firstRound: number;
  labId: string | undefined;
  counters: DbCountersBook;
  countersMs: number;
  /**
   * Keep-alive connections per learner. undici opens a second one when the next request
   * leaves before the previous answer's connection is marked free (a sequential loop
   * uses 2 of 6), and node:cluster gives each connection to a worker in turn: the
   * learner's commands then alternate between workers, each finding its sandbox copy
   * stale (half the runs in a 6-connection run). A browser sends sequential commands on
   * one idle connection; 1 is the default, 6 shows that effect.
   */
  connections: number;
  appUsage: () => Usage;
  pgUsage: () => Usage;
  /** A superuser connection to the bench's server: the phase's WAL by record type and relation. */
  walClient?: Parameters<typeof walMark>[0];
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** Runs the phase and returns the report's lines. */
export async function closedLoopPhase(o: ClosedLoopOptions): Promise<string[]> {
  const book = new LatencyBook();
  // The workers' counters report every countersMs: wait for a line after the last phase.
  await sleep(o.countersMs * 1.5);
  // A server whose role may not create the extension or a slot gives no WAL report.
  const wal: WalMark | Error | undefined = o.walClient
    ? await walMark(o.walClient).catch((e: unknown) =>
        e instanceof Error ? e : new Error(String(e)),
      )
    : undefined;
  o.counters.markStart();
  const appBefore = o.appUsage();
  const pgBefore = o.pgUsage();
  const totals: LearnerTally = { commands: 0, writes: 0 };
  const started = performance.now();
  await Promise.all(
    o.users.map(async (u) => {
      const agent = browserAgent(o.connections);
      try {
        const t = await learnerSession(
          {
            baseUrl: o.baseUrl,
            userId: u.id,
            commands: o.commands,
            thinkMs: 0,
            firstRound: o.firstRound,
            grade: false,
            dispatcher: agent,
            ...(o.labId ? { labId: o.labId } : {}),
          },
          book,
        );
        totals.commands += t.commands;
        totals.writes += t.writes;
      } finally {
        await agent.close();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await sleep(o.countersMs * 1.5);
  const app = o.appUsage().cpuSeconds - appBefore.cpuSeconds;
  const pg = o.pgUsage().cpuSeconds - pgBefore.cpuSeconds;
  const lines = [
    `\n## Closed loop (think 0): ${o.users.length} learners × ${o.commands} commands, ${seconds.toFixed(1)} s, ${o.connections} keep-alive connection(s) per learner`,
    `each learner sends its next command as soon as the previous answer is read, in the sandbox its lab session left (the lab page's open request first); no 채점, no quiz`,
    `\n| endpoint | requests | errors | p50 | p95 | p99 |\n|---|---:|---:|---:|---:|---:|`,
  ];
  for (const r of book.rows()) {
    lines.push(
      `| ${r.endpoint} | ${r.count} | ${r.errors} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} |`,
    );
  }
  const n = Math.max(1, totals.commands);
  lines.push(
    `\ncommands: ${totals.commands} (${(totals.commands / seconds).toFixed(0)}/s sustained over the phase), of which writes ${totals.writes} (${(totals.writes / seconds).toFixed(0)}/s)`,
    `errors: ${book.errorCount()}`,
    book.resendLine(),
    `CPU: app ${app.toFixed(1)} s, postgres ${pg.toFixed(1)} s over ${seconds.toFixed(1)} s wall on ${cpus().length} cores; per command: app ${((app * 1000) / n).toFixed(2)} ms, postgres ${((pg * 1000) / n).toFixed(2)} ms`,
    ...o.counters.report("closed-loop phase"),
  );
  if (wal instanceof Error) lines.push(`\nWAL breakdown unavailable: ${wal.message}`);
  else if (wal && o.walClient) lines.push(...(await walBreakdown(o.walClient, wal, n)));
  return lines;
}
