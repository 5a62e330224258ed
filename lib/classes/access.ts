// Who may see what (issue #10: "an instructor sees only their own classes'
// learners; a learner sees only their own data"). Every classes route goes
// through these. A class the user does not teach answers 404 like a missing one,
// so class ids of other instructors leak nothing.

import { AuthError } from "@/lib/auth/auth-error";
import { hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ClassError } from "./class-error";

export interface ClassRef {
  id: string;
  name: string;
  term: string;
  courseId: string;
  joinCode: string;
}

const classSelect = { id: true, name: true, term: true, courseId: true, joinCode: true } as const;

/** The class if `user` teaches it (admins teach every class); throws otherwise. */
export async function requireClassInstructor(
  prisma: PrismaClient,
  user: SessionUser,
  classId: string,
): Promise<ClassRef> {
  if (!hasRole(user.role, "INSTRUCTOR")) throw new AuthError("forbidden");
  const found =
    user.role === "ADMIN"
      ? await prisma.class.findUnique({ where: { id: classId }, select: classSelect })
      : await prisma.class.findFirst({
          where: { id: classId, instructors: { some: { userId: user.id } } },
          select: classSelect,
        });
  if (!found) throw new ClassError("classNotFound");
  return found;
}

/** Throws unless `learnerId` is a member of the class. */
export async function requireMember(
  prisma: PrismaClient,
  classId: string,
  learnerId: string,
): Promise<{ id: string; name: string; email: string }> {
  const member = await prisma.classMember.findUnique({
    where: { classId_userId: { classId, userId: learnerId } },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  if (!member) throw new ClassError("learnerNotFound");
  return member.user;
}

/**
 * Whether `viewer` may read `ownerId`'s data (their sandbox, read only): admins
 * always, instructors when the owner is a member of a class they teach.
 */
export async function canReadLearner(
  prisma: PrismaClient,
  viewer: SessionUser,
  ownerId: string,
): Promise<boolean> {
  if (viewer.role === "ADMIN") return true;
  if (viewer.role !== "INSTRUCTOR") return false;
  const shared = await prisma.classMember.findFirst({
    where: { userId: ownerId, class: { instructors: { some: { userId: viewer.id } } } },
    select: { classId: true },
  });
  return shared !== null;
}
