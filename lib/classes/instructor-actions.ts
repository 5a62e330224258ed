// What an instructor may do to learners' sandboxes: reset one learner's sandbox,
// or give every learner of the class a fresh copy of a lab's start state (e.g. a
// broken cluster to repair) at once. Each action is recorded in the audit.

import type { SessionUser } from "@/lib/auth/session";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { resetUserSandbox } from "@/lib/terminal/user-sandbox";
import { requireClassInstructor, requireMember } from "./access";
import { recordAction } from "./audit";
import { ClassError } from "./class-error";
import { hasLab, resetLabSandbox } from "./content-sources";
import { listLearnerSandboxes } from "./learner/sandbox-view";

export async function resetLearnerSandbox(
  prisma: PrismaClient,
  actor: SessionUser,
  classId: string,
  learnerId: string,
  sandboxId: string,
): Promise<{ sandboxId: string }> {
  await requireClassInstructor(prisma, actor, classId);
  await requireMember(prisma, classId, learnerId);
  const sandbox = (await listLearnerSandboxes(learnerId)).find((s) => s.id === sandboxId);
  if (!sandbox) throw new ClassError("noSandbox");
  const fresh = sandbox.labId
    ? await resetLabSandbox(learnerId, sandbox.labId)
    : await resetUserSandbox(learnerId, sandbox.id);
  await recordAction(prisma, actor, classId, "sandbox.reset", learnerId, {
    sandboxId: sandbox.id,
    labId: sandbox.labId,
    newSandboxId: fresh,
  });
  return { sandboxId: fresh };
}

/** Sandboxes built at a time: creation is CPU work in this process, the rest waits on Postgres. */
const PUSH_CONCURRENCY = 4;

export async function pushLabToClass(
  prisma: PrismaClient,
  actor: SessionUser,
  classId: string,
  labId: string,
): Promise<{ learners: number }> {
  const cls = await requireClassInstructor(prisma, actor, classId);
  if (!hasLab(cls.courseId, labId)) throw new ClassError("labNotFound");
  const members = await prisma.classMember.findMany({
    where: { classId },
    select: { userId: true },
  });
  const queue = members.map((m) => m.userId);
  const failed: string[] = [];
  await Promise.all(
    Array.from({ length: Math.min(PUSH_CONCURRENCY, queue.length) }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        try {
          await resetLabSandbox(id, labId);
        } catch (e) {
          // One learner's failure must not stop the class; it is reported and audited.
          console.error("push lab: reset failed", { classId, labId, learnerId: id, error: e });
          failed.push(id);
        }
      }
    }),
  );
  await recordAction(prisma, actor, classId, "lab.push", null, {
    labId,
    learners: members.length,
    failed,
  });
  return { learners: members.length - failed.length };
}
