// The class's aggregate figures against a fixture computed by hand (comments
// show the arithmetic): matrix cells, completion, totals, last activity, check
// failures with their most common actual values, quiz answer distribution, the
// completion series and both CSV exports. An outsider's activity must not count.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportCsv } from "@/app/api/classes/[classId]/export/route";
import { classExport } from "@/lib/classes/export/class-export";
import { classInsight } from "@/lib/classes/insight/class-insight";
import { classMatrix } from "@/lib/classes/matrix/class-matrix";
import type { LabOutline } from "@/lib/classes/matrix/columns";
import { db } from "@/lib/db/client";
import { actor, classWith, ctx, get, type Actor } from "./classes-fixtures";

const labs: LabOutline[] = [
  {
    id: "pod-journey",
    title: "파드의 여정",
    tasks: [
      { id: "t1", title: "파드 만들기" },
      { id: "t2", title: "노드 고정" },
    ],
  },
  { id: "etcd-raft", title: "etcd와 Raft", tasks: [{ id: "t1", title: "쿼럼 확인" }] },
];
const course = { courseId: "kubernetes", sessionId: "architecture" };
const t = (iso: string) => new Date(iso);
const now = t("2026-11-23T00:00:00Z"); // 09:00 in Seoul
let instructor: Actor;
let l1: Actor, l2: Actor, l3: Actor, outsider: Actor;
let classId: string;

function check(taskId: string, checkId: string, passed: boolean, actual: string | number) {
  return {
    taskId,
    checkId,
    passed,
    points: passed ? 1 : 0,
    max: 1,
    feedback: "",
    expected: null,
    actual,
  };
}

async function attempt(
  userId: string,
  labId: string,
  at: string,
  results: ReturnType<typeof check>[],
) {
  const score = results.filter((r) => r.passed).length;
  return db().labAttempt.create({
    data: { userId, labId, createdAt: t(at), score, maxScore: results.length, results },
  });
}

async function quiz(
  userId: string,
  number: number,
  at: string,
  percent: number,
  passed: boolean,
  choice: string,
  correct: boolean,
) {
  await db().quizAttempt.create({
    data: {
      userId,
      ...course,
      quizId: "architecture",
      number,
      seed: "s",
      quizVersion: "v",
      status: "SUBMITTED",
      startedAt: t(at),
      submittedAt: t(at),
      percent,
      passed,
      score: percent / 10,
      maxScore: 10,
      timeTakenMs: 120_000,
      answers: {
        create: [
          {
            questionId: "control-loop",
            response: { choice },
            correct,
            points: correct ? 1 : 0,
            maxPoints: 1,
          },
        ],
      },
    },
  });
}

beforeAll(async () => {
  instructor = await actor("INSTRUCTOR", "강사");
  l1 = await actor("LEARNER", "가영");
  l2 = await actor("LEARNER", "나영");
  l3 = await actor("LEARNER", "다영");
  outsider = await actor("LEARNER", "외부인");
  classId = (await classWith(instructor, [l1, l2, l3])).id;
  await classWith(await actor("INSTRUCTOR"), [outsider], "다른 반");

  // 가영: 3 sections on 11-20, both pod-journey tasks on 11-21, quiz 40 then 85 (passed) on 11-22.
  for (const sectionId of ["goals", "cluster-architecture", "communication"])
    await db().sectionProgress.create({
      data: { userId: l1.user.id, ...course, sectionId, readAt: t("2026-11-20T01:00:00Z") },
    });
  await attempt(l1.user.id, "pod-journey", "2026-11-21T01:00:00Z", [
    check("t1", "c1", true, "Running"),
    check("t2", "c2", false, "worker-1"),
  ]);
  const a2 = await attempt(l1.user.id, "pod-journey", "2026-11-21T02:00:00Z", [
    check("t1", "c1", true, "Running"),
    check("t2", "c2", true, "worker-2"),
  ]);
  for (const taskId of ["t1", "t2"])
    await db().labTaskPass.create({
      data: {
        userId: l1.user.id,
        labId: "pod-journey",
        taskId,
        firstPassedAt: t("2026-11-21T02:00:00Z"),
        attemptId: a2.id,
      },
    });
  await quiz(l1.user.id, 1, "2026-11-22T01:00:00Z", 40, false, "once", false);
  await quiz(l1.user.id, 2, "2026-11-22T03:00:00Z", 85, true, "reconcile", true);

  // 나영: goals on 11-21; pod-journey t1 passed, t2 failing on worker-1; etcd-raft failing (2 members); quiz 50 failed.
  await db().sectionProgress.create({
    data: { userId: l2.user.id, ...course, sectionId: "goals", readAt: t("2026-11-21T05:00:00Z") },
  });
  const b1 = await attempt(l2.user.id, "pod-journey", "2026-11-21T06:00:00Z", [
    check("t1", "c1", true, "Running"),
    check("t2", "c2", false, "worker-1"),
  ]);
  await db().labTaskPass.create({
    data: {
      userId: l2.user.id,
      labId: "pod-journey",
      taskId: "t1",
      firstPassedAt: t("2026-11-21T06:00:00Z"),
      attemptId: b1.id,
    },
  });
  await attempt(l2.user.id, "etcd-raft", "2026-11-22T06:00:00Z", [check("t1", "c1", false, 2)]);
  await quiz(l2.user.id, 1, "2026-11-22T07:00:00Z", 50, false, "once", false);

  // 다영: only a terminal command.
  await db().sandbox.create({ data: { id: `sb-${l3.user.id}`, ownerId: l3.user.id, meta: {} } });
  await db().terminalCommand.create({
    data: {
      sandboxId: `sb-${l3.user.id}`,
      seq: 1,
      command: "kubectl get pods",
      exitCode: 0,
      createdAt: t("2026-11-22T09:00:00Z"),
    },
  });

  // The outsider (another class) does everything; none of it may show.
  await db().sectionProgress.create({
    data: { userId: outsider.user.id, ...course, sectionId: "examples" },
  });
  await attempt(outsider.user.id, "pod-journey", "2026-11-21T01:00:00Z", [
    check("t2", "c2", false, "worker-2"),
  ]);
  await quiz(outsider.user.id, 1, "2026-11-22T01:00:00Z", 100, true, "schedule", true);
});

describe("class aggregates", () => {
  it("fills the matrix: cells, completion, last activity and column totals", async () => {
    const { matrix } = await classMatrix(db(), instructor.user, classId, { labs, now });
    // 6 sections + 1 quiz (content) + 3 lab tasks (fixture labs).
    expect(matrix.columns).toHaveLength(10);
    expect(matrix.rows.map((r) => [r.name, r.done, r.completion, r.lastActivity])).toEqual([
      ["가영", 6, 60, "2026-11-22T03:00:00.000Z"], // 3 sections + 2 tasks + quiz 85 passed = 6/10
      ["나영", 2, 20, "2026-11-22T07:00:00.000Z"], // goals + pod t1 = 2/10
      ["다영", 0, 0, "2026-11-22T09:00:00.000Z"], // the terminal command
    ]);
    const naYoung = matrix.rows[1]!.cells;
    expect(naYoung["lab:pod-journey/t2"]).toEqual({ status: "trying" });
    expect(naYoung["lab:etcd-raft/t1"]).toEqual({ status: "trying" });
    expect(naYoung["quiz:architecture"]).toEqual({ status: "trying", percent: 50 });
    expect(matrix.rows[0]!.cells["quiz:architecture"]).toEqual({ status: "done", percent: 85 });
    expect(matrix.totals).toMatchObject({
      "section:architecture/goals": { done: 2, trying: 0 },
      "section:architecture/cluster-architecture": { done: 1, trying: 0 },
      "section:architecture/examples": { done: 0, trying: 0 }, // only the outsider read it
      "lab:pod-journey/t1": { done: 2, trying: 0 },
      "lab:pod-journey/t2": { done: 1, trying: 1 },
      "lab:etcd-raft/t1": { done: 0, trying: 1 },
      "quiz:architecture": { done: 1, trying: 1, meanPercent: 68 }, // (85 + 50) / 2 = 67.5
    });
    expect(matrix.meanCompletion).toBe(27); // (60 + 20 + 0) / 3
  });

  it("counts failing checks per learner with the most common actual values", async () => {
    const insight = await classInsight(db(), instructor.user, classId, { labs, now });
    expect(insight.checks).toEqual([
      // 가영 failed once then passed, 나영 still fails: worker-1 for both (the outsider's worker-2 is not counted).
      {
        labId: "pod-journey",
        taskId: "t2",
        checkId: "c2",
        attempted: 2,
        failedEver: 2,
        failingNow: 1,
        topActual: [{ actual: '"worker-1"', learners: 2 }],
      },
      {
        labId: "etcd-raft",
        taskId: "t1",
        checkId: "c1",
        attempted: 1,
        failedEver: 1,
        failingNow: 1,
        topActual: [{ actual: "2", learners: 1 }],
      },
      {
        labId: "pod-journey",
        taskId: "t1",
        checkId: "c1",
        attempted: 2,
        failedEver: 0,
        failingNow: 0,
        topActual: [],
      },
    ]);
    expect(insight.questions).toEqual([
      {
        sessionId: "architecture",
        questionId: "control-loop",
        prompt: expect.stringContaining("컨트롤"),
        learners: 2,
        correctLearners: 1,
        answers: [
          {
            response: '{"choice": "once"}',
            label: "사용자가 명령을 내릴 때 한 번만 실행되어 리소스를 만든다",
            learners: 2,
            correct: false,
          },
          {
            response: '{"choice": "reconcile"}',
            label: expect.stringContaining("현재 상태를 관찰하고"),
            learners: 1,
            correct: true,
          },
        ],
      },
    ]);
    // 30 cells: 11-20 3 sections (10%); 11-21 +1 section +3 task passes = 7 (23.3%); 11-22 +1 quiz pass = 8 (26.7%).
    expect(insight.completion).toEqual([
      { day: "2026-11-20", percent: 10 },
      { day: "2026-11-21", percent: 23.3 },
      { day: "2026-11-22", percent: 26.7 },
      { day: "2026-11-23", percent: 26.7 },
    ]);
    expect(insight.quizScores[0]!.buckets.map((b) => b.learners)).toEqual([
      0, 0, 0, 0, 0, 1, 0, 0, 1, 0,
    ]);
    expect(insight.completionBuckets.map((b) => b.learners)).toEqual([
      1, 0, 1, 0, 0, 0, 1, 0, 0, 0,
    ]);
  });

  it("exports the matrix and the quiz results as CSV, one row per learner", async () => {
    const m = await classExport(db(), instructor.user, classId, "matrix", { labs, now });
    const lines = m.body.split("\r\n");
    expect(lines[0]).toBe(
      "\uFEFFuser_id,name,email,joined_at,completion_percent,done_count,last_activity," +
        "section:architecture/goals,section:architecture/cluster-architecture,section:architecture/communication," +
        "section:architecture/etcd-state,section:architecture/examples,section:architecture/discussion," +
        "lab:pod-journey/t1,lab:pod-journey/t2,lab:etcd-raft/t1,quiz:architecture",
    );
    const cells = (line: string) => line.split(",").slice(7);
    expect(lines.slice(1, 4).map(cells)).toEqual([
      ["1", "1", "1", "", "", "", "1", "1", "", "85"],
      ["1", "", "", "", "", "", "1", "0", "0", "50"],
      ["", "", "", "", "", "", "", "", "", ""],
    ]);
    expect(lines.slice(1, 4).map((l) => l.split(",")[1])).toEqual(["가영", "나영", "다영"]);
    expect(m.asciiName).toBe(`class-${classId}-matrix-2026-11-23.csv`);

    const q = await classExport(db(), instructor.user, classId, "quiz", { now });
    const [header, ...rows] = q.body.split("\r\n");
    const names = header!.replace("\uFEFF", "").split(",");
    // Fixed columns, then per quiz the summary and one column per question of quiz.yaml, in its order.
    expect(names.slice(0, 9)).toEqual([
      "user_id",
      "name",
      "email",
      "quiz:architecture:attempts",
      "quiz:architecture:percent",
      "quiz:architecture:passed",
      "quiz:architecture:submitted_at",
      "quiz:architecture:time_seconds",
      "quiz:architecture:q:only-etcd-client",
    ]);
    expect(names.length).toBeGreaterThanOrEqual(8 + 15);
    const col = names.indexOf("quiz:architecture:q:control-loop");
    const pick = (line: string) => {
      const cells = line.split(",");
      return [...cells.slice(0, 8), cells[col]];
    };
    expect(rows.slice(0, 3).map(pick)).toEqual([
      [l1.user.id, "가영", l1.user.email, "2", "85", "1", "2026-11-22T03:00:00.000Z", "120", "1"],
      [l2.user.id, "나영", l2.user.email, "1", "50", "0", "2026-11-22T07:00:00.000Z", "120", "0"],
      [l3.user.id, "다영", l3.user.email, "0", "", "", "", "", ""],
    ]);
    expect(rows.slice(3)).toEqual([""]);
  });

  it("serves the CSV over HTTP as UTF-8 with a BOM", async () => {
    const res = await exportCsv(
      get(`/api/classes/${classId}/export?kind=quiz`, instructor),
      ctx({ classId }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain("가영");
    const bad = await exportCsv(
      get(`/api/classes/${classId}/export?kind=x`, instructor),
      ctx({ classId }),
    );
    expect(bad.status).toBe(400);
  });
});
