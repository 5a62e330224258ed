// Per-request cost of the lab and quiz endpoints bench:load's learners call besides
// their commands (issue #11): what each one costs this process in CPU and how many
// statements it sends, one learner at a time (no queueing), so a change to one of
// them can be measured apart from the commands that saturate the machine.
//   - open (new): GET /api/labs/:labId/sandbox for a learner without one
//   - open (again): the same for a learner who has it
//   - check: POST /api/labs/:labId/check after a 30-command session (bench:load's script)
//   - quiz start / save / submit: POST /api/quiz/attempts, PUT …/answers, POST …/submit
// Each figure is the median over LEARNERS (default 12) learners, after WARM learners
// not counted (JIT, templates). Statements: those sent on the sandboxes' pg pool (the
// quiz and the labs use no other); the routes' session lookup is not included.
//   npx tsx bench/lab-check-quiz.ts [--lab=cluster-anatomy] [--quiz=kubernetes/architecture]
//   (FREE=1: the learner's own terminal sandbox exists before the quiz)
// Uses DATABASE_URL when set (a scratch database is created on that server),
// otherwise starts a throwaway embedded PostgreSQL.
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { cpuProfiler } from "./cpu-profiler";
import { withBenchDatabase } from "./with-database";

// The pool counts its statements only when the counters are reported (pool.ts);
// an hour's interval: the count without the report lines.
process.env.KUBELAB_DB_COUNTERS_MS ??= "3600000";

const LEARNERS = Number(process.env.LEARNERS ?? 12);
const WARM = Number(process.env.WARM ?? 3);
const COMMANDS = Number(process.env.COMMANDS ?? 30);
// FREE=1: the learner has used the terminal's own sandbox before the quiz (its
// cluster questions are graded on it; without one, the submission creates it).
const FREE = process.env.FREE === "1";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface Cost {
  cpu: number;
  wall: number;
  statements: number;
}

async function main() {
  const labId = option("lab", "cluster-anatomy");
  const [courseId, sessionId] = option("quiz", "kubernetes/architecture").split("/") as [
    string,
    string,
  ];
  await withBenchDatabase(`kubelab_bench_lab_check_${process.pid}`, async () => {
    const { db } = await import("../lib/db/client");
    const { dbCounters } = await import("../lib/db/sandboxes/counters");
    const { closePool } = await import("../lib/db/sandboxes/pool");
    const { labSandbox, checkLab } = await import("../lib/labs/server");
    const { runTerminalCommand } = await import("../lib/terminal/run-command");
    const { userSandbox } = await import("../lib/terminal/user-sandbox");
    const { SCRIPT } = await import("./load/learner");
    const { saveAnswers, submitAttempt } = await import("../lib/quiz/attempts/attempt-service");
    const views = await import("../lib/quiz/attempts/attempt-view");
    const { quizOverview } = views;
    // The start route's call (before it read the attempts once: start, then the overview).
    const startAttemptOverview: typeof views.startAttemptOverview =
      "startAttemptOverview" in views
        ? views.startAttemptOverview
        : async (deps, userId, ref) => {
            const { startAttempt } = await import("../lib/quiz/attempts/attempt-service");
            const attempt = await startAttempt(deps, userId, ref);
            return quizOverview(deps, userId, ref, { attemptId: attempt.id });
          };
    // The submit route's call (before it closed, then read the overview's list and answers).
    const submitAttemptOverview: typeof views.submitAttemptOverview =
      "submitAttemptOverview" in views
        ? views.submitAttemptOverview
        : async (deps, userId, attemptId, inputs) => {
            const attempt = await submitAttempt(deps, userId, attemptId, inputs);
            return quizOverview(deps, userId, attempt, { attemptId: attempt.id });
          };
    const { defaultQuizDeps } = await import("../lib/quiz/attempts/deps");
    const prisma = db();
    const deps = await defaultQuizDeps();
    const ref = { courseId, sessionId };

    const measure = async <T>(book: Cost[], fn: () => Promise<T>): Promise<T> => {
      const s0 = dbCounters().statements;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const out = await fn();
      const wall = performance.now() - t0;
      const c = process.cpuUsage(c0);
      book.push({
        cpu: (c.user + c.system) / 1000,
        wall,
        statements: dbCounters().statements - s0,
      });
      return out;
    };

    const books = {
      "open (new)": [] as Cost[],
      "open (again)": [] as Cost[],
      check: [] as Cost[],
      "quiz start": [] as Cost[],
      "quiz save": [] as Cost[],
      "quiz submit": [] as Cost[],
    };
    const scratch = Object.fromEntries(Object.keys(books).map((k) => [k, [] as Cost[]]));

    // PROFILE=<file>: a CPU profile of the measured learners (commands included; read it
    // with bench/cpu-profile-summary.ts --match=checkLab, submitAttempt, quizOverview...).
    const profiler = await cpuProfiler(process.env.PROFILE ?? "");
    for (let i = 0; i < WARM + LEARNERS; i++) {
      if (i === WARM) await profiler?.start();
      const b = i < WARM ? (scratch as typeof books) : books;
      const user = await prisma.user.create({
        data: { email: `lab-check-${process.pid}-${i}@example.test`, name: "학습자" },
      });
      const sandboxId = await measure(b["open (new)"], () => labSandbox(user.id, labId));
      await measure(b["open (again)"], () => labSandbox(user.id, labId));
      for (let n = 0; n < COMMANDS; n++) {
        const step = SCRIPT[n % SCRIPT.length]!;
        await runTerminalCommand(sandboxId, step.command(Math.floor(n / SCRIPT.length)));
      }
      await measure(b.check, () => checkLab(user.id, labId));
      if (FREE) {
        const { sandboxEnv } = await import("../lib/terminal/db-env");
        await sandboxEnv(await userSandbox(user.id)).state();
      }
      // What each route calls, without the session lookup.
      const view = await measure(b["quiz start"], () => startAttemptOverview(deps, user.id, ref));
      const current = view.current!;
      const answers = current.questions.map((q) => ({
        questionKey: q.key,
        response:
          q.type === "single"
            ? { choice: q.options![0]!.key }
            : q.type === "multiple"
              ? { choices: [q.options![0]!.key] }
              : q.type === "ordering"
                ? { order: q.options!.map((o) => o.key) }
                : { text: "1" },
      }));
      await measure(b["quiz save"], () =>
        saveAnswers(deps, user.id, current.id, answers.slice(0, Math.ceil(answers.length / 2))),
      );
      await measure(b["quiz submit"], () =>
        submitAttemptOverview(deps, user.id, current.id, answers),
      );
    }

    await profiler?.stopAndWrite();
    console.log(
      `lab-check-quiz bench: lab ${labId}, quiz ${courseId}/${sessionId}, ${LEARNERS} learners (+${WARM} warm-up), ${COMMANDS} commands each${FREE ? ", free sandbox used before the quiz" : ""}, load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
    );
    console.log("| request | cpu ms p50 | wall ms p50 | statements |");
    console.log("|---|---:|---:|---:|");
    for (const [name, costs] of Object.entries(books)) {
      const st = costs.map((c) => c.statements);
      const span =
        Math.min(...st) === Math.max(...st)
          ? `${st[0]}`
          : `${median(st)} (${Math.min(...st)}-${Math.max(...st)})`;
      console.log(
        `| ${name} | ${median(costs.map((c) => c.cpu)).toFixed(1)} | ${median(costs.map((c) => c.wall)).toFixed(1)} | ${span} |`,
      );
    }
    await closePool();
    await prisma.$disconnect();
  });
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
