// The record of what instructors did to learners and classes (issue #10:
// "who did what when"). Written in the same transaction as the action when there is one.

import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";

export type InstructorActionKind =
  | "class.create"
  | "member.remove"
  | "instructor.add"
  | "instructor.remove"
  | "sandbox.reset"
  | "lab.push";

type Db = PrismaClient | Prisma.TransactionClient;

export async function recordAction(
  prisma: Db,
  actor: Pick<SessionUser, "id" | "email">,
  classId: string,
  action: InstructorActionKind,
  targetUserId: string | null = null,
  detail: Prisma.InputJsonValue | null = null,
): Promise<void> {
  await prisma.instructorAction.create({
    data: {
      classId,
      actorId: actor.id,
      actorEmail: actor.email,
      action,
      targetUserId,
      ...(detail === null ? {} : { detail }),
    },
  });
}

export async function listActions(prisma: PrismaClient, classId: string, limit = 100) {
  const rows = await prisma.instructorAction.findMany({
    where: { classId },
    orderBy: { id: "desc" },
    take: limit,
  });
  return rows.map((r) => ({
    id: r.id.toString(),
    actorId: r.actorId,
    actorEmail: r.actorEmail,
    action: r.action as InstructorActionKind,
    targetUserId: r.targetUserId,
    detail: r.detail,
    createdAt: r.createdAt.toISOString(),
  }));
}
