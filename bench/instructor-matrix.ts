// Instructor matrix benchmark (issue #10's speed bar): server time of the class
// matrix for 300 learners with full activity, target ≤ 500 ms. The activity is
// generated in SQL (generate_series), then the matrix is built as the API does.
//   npm run bench:instructor-matrix   (LEARNERS=300 ROUNDS=15)
// Uses DATABASE_URL when set (a scratch database is created on that server),
// otherwise starts a throwaway embedded PostgreSQL.
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { withBenchDatabase } from "./with-database";

const LEARNERS = Number(process.env.LEARNERS ?? 300);
const ROUNDS = Number(process.env.ROUNDS ?? 15);
const LABS = 8;
const TASKS = 4;
const CHECKS_PER_TASK = 3;
const ATTEMPTS_PER_LAB = 3;
const COMMANDS_PER_SANDBOX = 150;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function main() {
  await withBenchDatabase(`kubelab_bench_matrix_${process.pid}`, async () => {
    const { db } = await import("../lib/db/client");
    const { createClass } = await import("../lib/classes/class-service");
    const { matrixOfClass } = await import("../lib/classes/matrix/class-matrix");
    const { classInsight } = await import("../lib/classes/insight/class-insight");
    const { classExport } = await import("../lib/classes/export/class-export");
    const { getCourses } = await import("../lib/content/catalog");
    const prisma = db();

    const course = getCourses()[0]!;
    const session = course.sessions[0]!;
    const sections = session.meta.sections.map((s) => s.id);
    const labs = Array.from({ length: LABS }, (_, l) => ({
      id: `lab-${l + 1}`,
      title: `실습 ${l + 1}`,
      tasks: Array.from({ length: TASKS }, (_, t) => ({ id: `t${t + 1}`, title: `과제 ${t + 1}` })),
    }));

    const started = performance.now();
    const teacher = await prisma.user.create({
      data: {
        email: `bench-teacher-${process.pid}@example.test`,
        name: "강사",
        role: "INSTRUCTOR",
      },
    });
    const instructor = {
      id: teacher.id,
      email: teacher.email,
      name: teacher.name,
      role: teacher.role,
    };
    const cls = await createClass(prisma, instructor, { name: "벤치마크 반", term: "2026" });
    const p = `b${process.pid}`;
    // Learners and membership.
    await prisma.$executeRawUnsafe(
      `INSERT INTO "User" ("id", "email", "name", "updatedAt")
       SELECT '${p}-u' || i, '${p}-' || i || '@example.test', '학습자 ' || lpad(i::text, 3, '0'), now()
       FROM generate_series(1, ${LEARNERS}) i`,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO "ClassMember" ("classId", "userId") SELECT $1, '${p}-u' || i FROM generate_series(1, ${LEARNERS}) i`,
      cls.id,
    );
    // Every section read.
    await prisma.$executeRawUnsafe(
      `INSERT INTO "SectionProgress" ("userId", "courseId", "sessionId", "sectionId", "readAt")
       SELECT '${p}-u' || i, $1, $2, s, now() - (i || ' minutes')::interval
       FROM generate_series(1, ${LEARNERS}) i, unnest($3::text[]) s`,
      course.meta.id,
      session.id,
      sections,
    );
    // Lab attempts: per lab several attempts, each with every check's result and an actual value.
    await prisma.$executeRawUnsafe(
      `INSERT INTO "LabAttempt" ("id", "userId", "labId", "createdAt", "score", "maxScore", "results")
       SELECT '${p}-a-' || i || '-' || l || '-' || a, '${p}-u' || i, 'lab-' || l,
              now() - ((${ATTEMPTS_PER_LAB} - a) || ' minutes')::interval, 0, ${TASKS * CHECKS_PER_TASK},
              (SELECT jsonb_agg(jsonb_build_object('taskId', 't' || t, 'checkId', 'c' || c,
                        'passed', (i + a + t + c) % 3 <> 0, 'points', 1, 'max', 1, 'feedback', '',
                        'expected', 'worker-2', 'actual', 'worker-' || ((i + c) % 3)))
                 FROM generate_series(1, ${TASKS}) t, generate_series(1, ${CHECKS_PER_TASK}) c)
       FROM generate_series(1, ${LEARNERS}) i, generate_series(1, ${LABS}) l, generate_series(1, ${ATTEMPTS_PER_LAB}) a`,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO "LabTaskPass" ("userId", "labId", "taskId", "firstPassedAt", "attemptId")
       SELECT '${p}-u' || i, 'lab-' || l, 't' || t, now(), '${p}-a-' || i || '-' || l || '-1'
       FROM generate_series(1, ${LEARNERS}) i, generate_series(1, ${LABS}) l, generate_series(1, ${TASKS}) t
       WHERE (i + l + t) % 4 <> 0`,
    );
    // Two submitted quiz attempts with 18 answers each.
    await prisma.$executeRawUnsafe(
      `INSERT INTO "QuizAttempt" ("id", "userId", "courseId", "sessionId", "quizId", "number", "seed",
         "quizVersion", "status", "startedAt", "submittedAt", "score", "maxScore", "percent", "passed", "timeTakenMs")
       SELECT '${p}-q-' || i || '-' || n, '${p}-u' || i, $1, $2, 'quiz', n, 's', 'v', 'SUBMITTED',
              now() - interval '1 hour', now() - ((3 - n) || ' minutes')::interval,
              (i * n) % 18, 18, ((i * n) % 18) * 100.0 / 18, ((i * n) % 18) >= 12, 600000
       FROM generate_series(1, ${LEARNERS}) i, generate_series(1, 2) n`,
      course.meta.id,
      session.id,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO "QuizAnswer" ("attemptId", "questionId", "response", "correct", "points", "maxPoints")
       SELECT '${p}-q-' || i || '-' || n, 'q' || q, jsonb_build_object('choice', 'o' || ((i + q) % 4)),
              (i + q) % 4 = 0, CASE WHEN (i + q) % 4 = 0 THEN 1 ELSE 0 END, 1
       FROM generate_series(1, ${LEARNERS}) i, generate_series(1, 2) n, generate_series(1, 18) q`,
    );
    // A free sandbox and two lab sandboxes per learner, each with its terminal history.
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Sandbox" ("id", "ownerId", "labId", "meta", "updatedAt")
       SELECT '${p}-s-' || i || '-' || k, '${p}-u' || i, CASE WHEN k = 0 THEN NULL ELSE 'lab-' || k END, '{}'::jsonb, now()
       FROM generate_series(1, ${LEARNERS}) i, generate_series(0, 2) k`,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO "TerminalCommand" ("sandboxId", "seq", "command", "exitCode", "createdAt")
       SELECT '${p}-s-' || i || '-' || k, c, 'kubectl get pods -o wide', 0, now() - ((${COMMANDS_PER_SANDBOX} - c) || ' seconds')::interval
       FROM generate_series(1, ${LEARNERS}) i, generate_series(0, 2) k, generate_series(1, ${COMMANDS_PER_SANDBOX}) c`,
    );
    // What autovacuum does on a live database: statistics and the visibility map (index-only scans).
    await prisma.$executeRawUnsafe(`VACUUM ANALYZE`);
    const generated = performance.now() - started;

    const ref = {
      id: cls.id,
      name: cls.name,
      term: cls.term,
      courseId: cls.courseId,
      joinCode: cls.joinCode,
    };
    const time = async (fn: () => Promise<unknown>) => {
      await fn(); // warm-up (plans, connections)
      const samples: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const t0 = performance.now();
        await fn();
        samples.push(performance.now() - t0);
      }
      return { median: median(samples), max: Math.max(...samples) };
    };
    const matrix = await matrixOfClass(prisma, ref, { labs });
    if (process.env.EXPLAIN) {
      const { activitySql } = await import("../lib/classes/matrix/activity-query");
      const { Prisma } = await import("../lib/generated/prisma/client");
      const plan = await prisma.$queryRaw<{ "QUERY PLAN": string }[]>(
        Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${activitySql(cls.id, cls.courseId)}`,
      );
      console.log(plan.map((r) => r["QUERY PLAN"]).join("\n"));
    }
    const m = await time(() => matrixOfClass(prisma, ref, { labs }));
    const ins = await time(() => classInsight(prisma, instructor, cls.id, { labs }));
    const csv = await time(() => classExport(prisma, instructor, cls.id, "matrix", { labs }));

    const counts = await prisma.$queryRawUnsafe<{ t: string; n: bigint }[]>(
      `SELECT 'LabAttempt' t, count(*) n FROM "LabAttempt" UNION ALL SELECT 'TerminalCommand', count(*) FROM "TerminalCommand"
       UNION ALL SELECT 'QuizAnswer', count(*) FROM "QuizAnswer" UNION ALL SELECT 'LabTaskPass', count(*) FROM "LabTaskPass"`,
    );
    console.log(
      `machine: ${cpus().length} cores, load ${loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
    );
    console.log(
      `data: ${matrix.rows.length} learners × ${matrix.columns.length} columns; ` +
        counts.map((c) => `${c.t} ${c.n}`).join(", ") +
        ` (generated in ${(generated / 1000).toFixed(1)} s)`,
    );
    console.log(
      `matrix (server time, ${ROUNDS} rounds): median ${m.median.toFixed(1)} ms, max ${m.max.toFixed(1)} ms  (target ≤ 500 ms)`,
    );
    console.log(`insight: median ${ins.median.toFixed(1)} ms, max ${ins.max.toFixed(1)} ms`);
    console.log(
      `matrix CSV export: median ${csv.median.toFixed(1)} ms, max ${csv.max.toFixed(1)} ms`,
    );
    await prisma.$disconnect();
    if (m.median > 500) process.exitCode = 1;
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
