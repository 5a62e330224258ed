// Instructor actions on real sandboxes: pushing a lab's start state to every
// learner of the class at once, resetting one learner's lab sandbox, and the
// audit record of both.
import { describe, expect, it } from "vitest";
import { POST as pushLab } from "@/app/api/classes/[classId]/push-lab/route";
import { POST as resetLearner } from "@/app/api/classes/[classId]/learners/[userId]/reset/route";
import { GET as actions } from "@/app/api/classes/[classId]/actions/route";
import { db } from "@/lib/db/client";
import { labSandbox } from "@/lib/labs/server";
import { actor, classWith, ctx, get, send } from "./classes-fixtures";

const LAB = "pod-journey";

const labSandboxes = (userId: string) =>
  db().sandbox.findMany({ where: { ownerId: userId, labId: LAB }, select: { id: true } });

describe("instructor actions", () => {
  it("pushes a lab's start state to every learner and records who did it", async () => {
    const teacher = await actor("INSTRUCTOR", "강사");
    const [a, b] = [await actor("LEARNER", "가"), await actor("LEARNER", "나")];
    const outsider = await actor("LEARNER", "외부");
    const cls = await classWith(teacher, [a, b]);
    const before = await labSandbox(a.user.id, LAB); // a already worked on the lab
    const outsiderBox = await labSandbox(outsider.user.id, LAB);

    const res = await pushLab(
      send(`/api/classes/${cls.id}/push-lab`, "POST", { labId: LAB }, teacher),
      ctx({ classId: cls.id }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ learners: 2 });

    const [boxA] = await labSandboxes(a.user.id);
    const [boxB] = await labSandboxes(b.user.id);
    expect(boxA?.id).toBeDefined();
    expect(boxA!.id).not.toBe(before); // replaced by a fresh start
    expect(boxB?.id).toBeDefined(); // created
    expect(await labSandboxes(outsider.user.id)).toEqual([{ id: outsiderBox }]); // untouched

    const audit = await (
      await actions(get(`/api/classes/${cls.id}/actions`, teacher), ctx({ classId: cls.id }))
    ).json();
    expect(audit.actions[0]).toMatchObject({
      action: "lab.push",
      actorId: teacher.user.id,
      actorEmail: teacher.user.email,
      detail: { labId: LAB, learners: 2, failed: [] },
    });
    expect(Date.parse(audit.actions[0].createdAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("resets one learner's lab sandbox to the start", async () => {
    const teacher = await actor("INSTRUCTOR", "강사");
    const learner = await actor("LEARNER", "다");
    const cls = await classWith(teacher, [learner]);
    const old = await labSandbox(learner.user.id, LAB);
    const res = await resetLearner(
      send(`/api/classes/${cls.id}/learners/x/reset`, "POST", { sandboxId: old }, teacher),
      ctx({ classId: cls.id, userId: learner.user.id }),
    );
    expect(res.status).toBe(200);
    const { sandboxId } = await res.json();
    expect(await labSandboxes(learner.user.id)).toEqual([{ id: sandboxId }]);
    expect(sandboxId).not.toBe(old);
    const row = await db().instructorAction.findFirst({
      where: { classId: cls.id, action: "sandbox.reset" },
    });
    expect(row).toMatchObject({
      actorId: teacher.user.id,
      targetUserId: learner.user.id,
      detail: { sandboxId: old, labId: LAB, newSandboxId: sandboxId },
    });
  });
});
