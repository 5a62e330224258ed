// npx tsx bench/requester-statement-ab.ts [--queries=4000] [--rounds=6] [--statement=requester|log-newest|request-user]
// requireSandboxRequester's query (the terminal routes' user + sandbox row, sent by every
// history GET, picture poll, trace, completion and exec without a cached grant) as an
// unnamed statement (parsed and planned by Postgres on every call) against a named
// prepared one (parsed once per connection, its plan cached), interleaved on one embedded
// PostgreSQL: one connection per variant, the variants alternating in blocks (ABBA...), each
// backend's CPU read from /proc/<pid>/schedstat (ns on CPU) around its own blocks, so the
// machine's other load falls on both alike. App CPU: this process around each block.
// --statement=log-newest: log-read.ts's readLogNewest page instead (채점's grade input and
// the trace read it), on a sandbox with a few commands' log rows. --statement=request-user:
// getRequestUser's user row (lib/auth/request-user.ts; every API request outside the terminal).
// The statements named in session 17, each run through its own function (the app's work
// around the statement is the same in both variants; only the name is taken away):
// --statement=store-attempt: 채점's store (lib/labs/server/store-attempt.ts, one attempt
// row and a pass per call); quiz-save: a save's writeAnswers (three answers, one attempt);
// quiz-list: listAttempts (the quiz page and a start's overview); lab-sandbox:
// findLabSandbox (the lab control panel and reset).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import pg from "pg";
import { withBenchDatabase } from "./with-database";

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

const schedNs = (pid: number) =>
  Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]);

interface Statement {
  name: string;
  text: string;
  values: unknown[];
}
type Query = (statement: Statement) => Promise<unknown>;

/** The session-17 statements, each called through its function; undefined for the others. */
async function callOf(
  statement: string,
  userId: string,
  sandboxId: string,
): Promise<{ call: (q: Query) => Promise<unknown> } | undefined> {
  const sql = (q: Query) =>
    ({ query: q }) as unknown as import("../lib/quiz/attempts/attempt-rows").Sql;
  if (statement === "store-attempt") {
    const { storeAttempt } = await import("../lib/labs/server/store-attempt");
    const results = [{ taskId: "a", checkId: "c", passed: true, points: 1, max: 1, feedback: [] }];
    const record = { userId, labId: "ab-lab", sandboxId, score: 1, maxScore: 2, results };
    return { call: () => storeAttempt({ ...record, passedTasks: ["a"] }) };
  }
  if (statement === "lab-sandbox") {
    const { db } = await import("../lib/db/client");
    await db().sandbox.update({ where: { id: sandboxId }, data: { labId: "ab-lab" } });
    const { findLabSandbox } = await import("../lib/labs/server/lab-sandbox");
    return { call: () => findLabSandbox(userId, "ab-lab") };
  }
  if (statement === "quiz-save" || statement === "quiz-list") {
    const { insertAttempt, writeAnswers } = await import("../lib/quiz/attempts/attempt-writes");
    const { listAttempts } = await import("../lib/quiz/attempts/attempt-rows");
    const { pool } = await import("../lib/db/sandboxes/pool");
    const now = new Date();
    const attempt = (await insertAttempt(pool(), {
      id: "ab-attempt",
      userId,
      courseId: "kubernetes",
      sessionId: "architecture",
      quizId: "ab",
      seed: "ab",
      quizVersion: "ab",
      startedAt: now,
      deadlineAt: null,
      limit: 0,
    }))!;
    const answers = ["q1", "q2", "q3"].map((questionId) => ({
      questionId,
      response: { choice: "x" },
    }));
    const target = { attemptId: attempt.id, userId, now, cutoff: now };
    return statement === "quiz-save"
      ? { call: (q) => writeAnswers(sql(q), target, answers) }
      : { call: (q) => listAttempts(sql(q), userId, "kubernetes", "architecture") };
  }
  return undefined;
}

async function main(): Promise<void> {
  const queries = Number(arg("queries", "4000"));
  const rounds = Number(arg("rounds", "6"));
  await withBenchDatabase("requester_statement_ab", async () => {
    const { db } = await import("../lib/db/client");
    const { createUserSandbox } = await import("../lib/terminal/user-sandbox");
    // require: the module reaches next-auth's providers, which load as CommonJS.
    const { requesterSql } = createRequire(import.meta.url)(
      "../lib/terminal/sandbox-requester.ts",
    ) as typeof import("../lib/terminal/sandbox-requester");
    const user = await db().user.create({
      data: { email: "ab@example.com", name: "ab", role: "LEARNER", passwordHash: "x" },
    });
    const sandboxId = await createUserSandbox(user.id);
    const log = arg("statement", "requester") === "log-newest";
    if (log) {
      const { runTerminalCommand } = await import("../lib/terminal/run-command");
      for (const command of ["kubectl get nodes", "kubectl create namespace ab", "kubectl get ns"])
        await runTerminalCommand(sandboxId, command);
    }
    // log-read.ts's readLogNewest first page, with the kind filter (as 채점 reads audits).
    const logSql = `SELECT "seq", "kind", "count", "data", "packed" FROM "SandboxLog"
   WHERE "sandboxId" = $1 AND "seq" < $2 AND "kind" IN ($4, 'pack')
   ORDER BY "seq" DESC LIMIT $3`;
    const { REQUEST_USER_SQL } = createRequire(import.meta.url)(
      "../lib/auth/request-user.ts",
    ) as typeof import("../lib/auth/request-user");
    const userRow = arg("statement", "requester") === "request-user";
    const text = log ? logSql : userRow ? REQUEST_USER_SQL : requesterSql(false);
    const values = log
      ? [sandboxId, 2 ** 31 - 1, 64, "audit"]
      : userRow
        ? [user.id, "sid-ab"]
        : [user.id, sandboxId, "sid-ab"];
    const run = (await callOf(arg("statement", "requester"), user.id, sandboxId)) ?? {
      call: (q: Query) => q({ name: "kubelab_ab", text, values }),
    };
    // The pool functions (storeAttempt, findLabSandbox) reach for pool() on globalThis:
    // each variant's block puts its connection there.
    const pools = globalThis as unknown as { kubelabSandboxPool?: unknown };
    const app = pools.kubelabSandboxPool;
    const via = (q: Query) => {
      pools.kubelabSandboxPool = { query: q };
      return run.call(q);
    };
    const variants = {
      unnamed: (c: pg.Client) => via((st) => c.query(st.text, st.values)),
      named: (c: pg.Client) => via((st) => c.query(st)),
    };
    const conns = new Map<string, { c: pg.Client; pid: number; ns: number; app: number }>();
    for (const name of Object.keys(variants)) {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      const pid = (await c.query<{ p: number }>("SELECT pg_backend_pid() AS p")).rows[0]!.p;
      conns.set(name, { c, pid, ns: 0, app: 0 });
    }
    const order = Object.entries(variants);
    for (let r = 0; r < rounds + 1; r++) {
      for (const [name, run] of r % 2 === 0 ? order : [...order].reverse()) {
        const k = conns.get(name)!;
        const ns = schedNs(k.pid);
        const cpu = process.cpuUsage();
        for (let i = 0; i < queries; i++) await run(k.c);
        const used = process.cpuUsage(cpu);
        if (r === 0) continue; // warm-up round
        k.ns += schedNs(k.pid) - ns;
        k.app += (used.user + used.system) / 1000;
      }
    }
    pools.kubelabSandboxPool = app;
    const n = queries * rounds;
    for (const [name, k] of conns) {
      console.log(
        `${name}: Postgres backend ${(k.ns / 1e3 / n).toFixed(1)} µs CPU per query, app ${((k.app * 1e3) / n).toFixed(1)} µs (${n} queries)`,
      );
      await k.c.end();
    }
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    await db().$disconnect();
    const { closePool } = await import("../lib/db/sandboxes/pool");
    await closePool();
  });
}

void main();
