// npx tsx bench/picture-poll-ab.ts [--pairs=2] [--learners=100] [--commands=5]
// The cluster picture's poll as the page does it now (B: components/cluster-picture/poll.ts,
// 3 s after each answer, one request at a time) against the timer it had before (A: a
// request every 3 s whatever the last one was doing), in bench:load's paced phase
// (bench/load/paced.ts) against one production app (bench/load/app-server.ts): the runs
// alternate A B, B A, ... on the same server, the same learners and sandboxes, so a shared
// machine's load falls on both. Arrivals within 10 s, commands 4-10 s apart.
// Prints per run the pace achieved, the picture requests and exec p50/p95/p99/max.
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { db } from "@/lib/db/client";
import { withBenchDatabase } from "./with-database";
import { startAppServer } from "./load/app-server";
import { roundsOf } from "./load/learner";
import { paceLines, pacedPhase, type PollMode } from "./load/paced";
import { LatencyBook, percentile } from "./load/stats";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const pairs = Number(option("pairs", "2"));
const learners = Number(option("learners", "100"));
const commands = Number(option("commands", "5"));
const ms = (v: number) => `${v.toFixed(0)} ms`;

async function main(): Promise<void> {
  await withBenchDatabase("kubelab_bench_picture_poll", async () => {
    const users = Array.from({ length: learners }, (_, i) => ({
      id: randomUUID(),
      email: `poll-${i}@bench.kubelab.dev`,
      name: `폴링 ${i}`,
    }));
    await db().user.createMany({ data: users });
    const app = await startAppServer(process.env.DATABASE_URL!);
    const lines: string[] = [];
    const execs: Record<PollMode, number[]> = { timer: [], "after-answer": [] };
    try {
      let run = 0;
      for (let i = 0; i < pairs; i++) {
        const order: PollMode[] =
          i % 2 === 0 ? ["timer", "after-answer"] : ["after-answer", "timer"];
        for (const mode of order) {
          const before = loadavg()[0]!;
          const book = new LatencyBook();
          const { sent, tally, seconds } = await pacedPhase(
            {
              baseUrl: app.baseUrl,
              users,
              labId: "cluster-anatomy",
              commands,
              firstRound: run++ * roundsOf(commands),
              arrivalMs: 10_000,
              pollMode: mode,
            },
            book,
          );
          const exec = sent
            .filter((s) => s.endpoint.startsWith("POST exec"))
            .map((s) => s.ms)
            .sort((a, b) => a - b);
          execs[mode].push(...exec);
          const pictures = book.rows().find((r) => r.endpoint === "GET picture");
          lines.push(
            `\n${mode === "timer" ? "A (timer)" : "B (after answer)"}, load average ${before.toFixed(1)} -> ${loadavg()[0]!.toFixed(1)}: exec p50 ${ms(percentile(exec, 0.5))}, p95 ${ms(percentile(exec, 0.95))}, p99 ${ms(percentile(exec, 0.99))}, max ${ms(exec[exec.length - 1] ?? 0)}; picture ${pictures?.count ?? 0} requests, p50 ${ms(pictures?.p50 ?? 0)}, p99 ${ms(pictures?.p99 ?? 0)}; errors ${book.errorCount()}`,
            paceLines(learners, commands, tally, seconds, mode)[1]!,
          );
        }
      }
    } finally {
      await app.stop();
    }
    console.log(
      `\n## Picture poll A/B: ${learners} learners arriving within 10 s, ${commands} commands 4-10 s apart, ${pairs} pairs alternating`,
    );
    for (const l of lines) console.log(l);
    for (const mode of ["timer", "after-answer"] as const) {
      const e = [...execs[mode]].sort((a, b) => a - b);
      console.log(
        `${mode}: all runs' exec (${e.length}) p50 ${ms(percentile(e, 0.5))}, p95 ${ms(percentile(e, 0.95))}, p99 ${ms(percentile(e, 0.99))}, max ${ms(e[e.length - 1] ?? 0)}`,
      );
    }
  });
  await db().$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
