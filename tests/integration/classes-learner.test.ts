// The learner page's data through the real routes: the timeline (sections,
// terminal commands, check attempts with per-check results, quiz answers) and
// the read-only sandbox view, which must not change the sandbox in any way.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as learnerRoute } from "@/app/api/classes/[classId]/learners/[userId]/route";
import { GET as sandboxRoute } from "@/app/api/classes/[classId]/learners/[userId]/sandbox/route";
import type { TimelineEvent } from "@/lib/classes/learner/timeline";
import type { SandboxView } from "@/lib/classes/learner/sandbox-view";
import { db } from "@/lib/db/client";
import { forget } from "@/lib/db/sandboxes/cache";
import { createUserSandbox, runTerminalCommand } from "@/lib/terminal";
import { actor, classWith, ctx, get, type Actor } from "./classes-fixtures";

let teacher: Actor;
let learner: Actor;
let classId: string;
let sandboxId: string;

beforeAll(async () => {
  teacher = await actor("INSTRUCTOR", "강사");
  learner = await actor("LEARNER", "학습자");
  classId = (await classWith(teacher, [learner])).id;
  sandboxId = await createUserSandbox(learner.user.id);
  await db().sectionProgress.create({
    data: {
      userId: learner.user.id,
      courseId: "kubernetes",
      sessionId: "architecture",
      sectionId: "goals",
      readAt: new Date(Date.now() - 60_000),
    },
  });
  const run = await runTerminalCommand(
    sandboxId,
    "kubectl create deployment web --image=nginx --replicas=2",
  );
  expect(run.exitCode).toBe(0);
  await runTerminalCommand(sandboxId, "kubectl get pods -n nope-404 pod-x");
  await db().labAttempt.create({
    data: {
      userId: learner.user.id,
      labId: "pod-journey",
      sandboxId,
      score: 1,
      maxScore: 2,
      results: [
        {
          taskId: "t1",
          checkId: "c1",
          passed: true,
          points: 1,
          max: 1,
          feedback: "좋아요",
          expected: 1,
          actual: 1,
        },
        {
          taskId: "t2",
          checkId: "c2",
          passed: false,
          points: 0,
          max: 1,
          feedback: "spec.replicas: 기대값 5, 현재 2",
          expected: 5,
          actual: 2,
        },
      ],
    },
  });
  await db().quizAttempt.create({
    data: {
      userId: learner.user.id,
      courseId: "kubernetes",
      sessionId: "architecture",
      quizId: "architecture-quiz",
      number: 1,
      seed: "s",
      quizVersion: "v",
      status: "SUBMITTED",
      submittedAt: new Date(),
      percent: 50,
      passed: false,
      answers: {
        create: [
          {
            questionId: "control-loop",
            response: { choice: "once" },
            correct: false,
            points: 0,
            maxPoints: 1,
          },
        ],
      },
    },
  });
});

describe("learner page data", () => {
  it("lists the learner's activity newest first", async () => {
    const res = await learnerRoute(
      get(`/api/classes/${classId}/learners/${learner.user.id}`, teacher),
      ctx({ classId, userId: learner.user.id }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { learner: { name: string }; timeline: TimelineEvent[] };
    expect(body.learner.name).toBe("학습자");
    const kinds = body.timeline.map((e) => e.kind);
    expect(kinds.filter((k) => k === "command")).toHaveLength(2);
    expect(kinds).toContain("section");
    expect(kinds.at(-1)).toBe("section"); // read a minute before everything else
    const times = body.timeline.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    const commands = body.timeline.filter((e) => e.kind === "command");
    expect(commands.map((c) => c.command)).toEqual([
      "kubectl get pods -n nope-404 pod-x",
      "kubectl create deployment web --image=nginx --replicas=2",
    ]);
    expect(commands[0]!.exitCode).not.toBe(0);
    const check = body.timeline.find((e) => e.kind === "check")!;
    expect(check).toMatchObject({ labId: "pod-journey", score: 1, maxScore: 2 });
    expect(check.results[1]).toMatchObject({
      passed: false,
      actual: 2,
      feedback: "spec.replicas: 기대값 5, 현재 2",
    });
    const quiz = body.timeline.find((e) => e.kind === "quiz")!;
    expect(quiz.answers).toEqual([
      {
        questionId: "control-loop",
        response: { choice: "once" },
        correct: false,
        points: 0,
        maxPoints: 1,
      },
    ]);
  });

  it("shows the sandbox's objects and traces without writing anything", async () => {
    const snapshot = async () => {
      const sb = await db().sandbox.findUniqueOrThrow({ where: { id: sandboxId } });
      return {
        version: sb.version,
        logSeq: sb.logSeq,
        offset: sb.timeOffsetMs,
        updatedAt: sb.updatedAt.toISOString(),
        kv: await db().sandboxKv.count({ where: { sandboxId } }),
        logs: await db().sandboxLog.count({ where: { sandboxId } }),
        commands: await db().terminalCommand.count({ where: { sandboxId } }),
      };
    };
    const before = await snapshot();
    forget(sandboxId); // no cached copy to hide a write
    const res = await sandboxRoute(
      get(`/api/classes/${classId}/learners/${learner.user.id}/sandbox`, teacher),
      ctx({ classId, userId: learner.user.id }),
    );
    expect(res.status).toBe(200);
    const view = (await res.json()) as SandboxView;
    expect(view.sandbox.id).toBe(sandboxId);
    expect(view.sandboxes.map((s) => s.id)).toEqual([sandboxId]);
    const deployment = view.objects.find((o) => o.resource === "deployments" && o.name === "web");
    // Ready replicas over desired; the pods are still starting in virtual time.
    expect(deployment).toMatchObject({
      namespace: "default",
      status: expect.stringMatching(/^[0-2]\/2$/),
    });
    expect(
      view.objects.filter((o) => o.resource === "pods" && o.name.startsWith("web-")),
    ).toHaveLength(2);
    expect(view.objects.some((o) => o.resource === "minions" && o.name === "worker1")).toBe(true);
    expect(view.traces.length).toBeGreaterThan(0);
    expect(view.traces.some((t) => t.trace.requestURI.includes("deployments"))).toBe(true);
    expect(await snapshot()).toEqual(before);

    // Another sandbox id (not the learner's) is not found, even for a real sandbox.
    const foreign = await createUserSandbox(teacher.user.id);
    const other = await sandboxRoute(
      get(
        `/api/classes/${classId}/learners/${learner.user.id}/sandbox?sandbox=${foreign}`,
        teacher,
      ),
      ctx({ classId, userId: learner.user.id }),
    );
    expect(other.status).toBe(404);
  });
});
