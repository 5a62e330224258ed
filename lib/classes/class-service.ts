// Classes and their people: create, list, join by code, remove a learner,
// assign co-instructors. Authorization is checked here (not only in routes) so
// server components and route handlers cannot diverge.

import { AuthError } from "@/lib/auth/auth-error";
import { hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import { getCourse, getCourses } from "@/lib/content/catalog";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { requireClassInstructor } from "./access";
import { recordAction } from "./audit";
import { ClassError } from "./class-error";
import { generateJoinCode, normalizeJoinCode } from "./join-code";
import type { CreateClassInput } from "./schemas";

export interface ClassSummary {
  id: string;
  name: string;
  term: string;
  courseId: string;
  joinCode: string;
  memberCount: number;
  instructors: { id: string; name: string; email: string }[];
  createdAt: string;
}

const summarySelect = {
  id: true,
  name: true,
  term: true,
  courseId: true,
  joinCode: true,
  createdAt: true,
  _count: { select: { members: true } },
  instructors: {
    orderBy: { addedAt: "asc" },
    select: { user: { select: { id: true, name: true, email: true } } },
  },
} satisfies Prisma.ClassSelect;

type SummaryRow = Prisma.ClassGetPayload<{ select: typeof summarySelect }>;

function summary(row: SummaryRow): ClassSummary {
  return {
    id: row.id,
    name: row.name,
    term: row.term,
    courseId: row.courseId,
    joinCode: row.joinCode,
    memberCount: row._count.members,
    instructors: row.instructors.map((i) => i.user),
    createdAt: row.createdAt.toISOString(),
  };
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

export async function createClass(
  prisma: PrismaClient,
  actor: SessionUser,
  input: CreateClassInput,
): Promise<ClassSummary> {
  if (!hasRole(actor.role, "INSTRUCTOR")) throw new AuthError("forbidden");
  const courseId = input.courseId ?? getCourses()[0]?.meta.id;
  if (!courseId || !getCourse(courseId)) throw new ClassError("courseNotFound");
  // 31^8 codes: a collision is rare; a new code is drawn when one happens.
  for (let attempt = 0; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        const created = await tx.class.create({
          data: {
            name: input.name,
            term: input.term,
            courseId,
            joinCode: generateJoinCode(),
            createdById: actor.id,
            instructors: { create: { userId: actor.id } },
          },
          select: summarySelect,
        });
        await recordAction(tx, actor, created.id, "class.create", null, {
          name: input.name,
          term: input.term,
        });
        return summary(created);
      });
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 4) throw e;
    }
  }
}

/** Classes the user teaches (all classes for an admin), newest first. */
export async function listTaughtClasses(
  prisma: PrismaClient,
  user: SessionUser,
): Promise<ClassSummary[]> {
  if (!hasRole(user.role, "INSTRUCTOR")) return [];
  const rows = await prisma.class.findMany({
    where: user.role === "ADMIN" ? {} : { instructors: { some: { userId: user.id } } },
    orderBy: { createdAt: "desc" },
    select: summarySelect,
  });
  return rows.map(summary);
}

/** Classes the user joined as a learner (no join code: that is the instructors' to share). */
export async function listJoinedClasses(prisma: PrismaClient, userId: string) {
  const rows = await prisma.classMember.findMany({
    where: { userId },
    orderBy: { joinedAt: "desc" },
    select: {
      joinedAt: true,
      class: {
        select: {
          id: true,
          name: true,
          term: true,
          instructors: { select: { user: { select: { name: true } } } },
        },
      },
    },
  });
  return rows.map((r) => ({
    id: r.class.id,
    name: r.class.name,
    term: r.class.term,
    instructorNames: r.class.instructors.map((i) => i.user.name),
    joinedAt: r.joinedAt.toISOString(),
  }));
}

export async function getClassSummary(
  prisma: PrismaClient,
  user: SessionUser,
  classId: string,
): Promise<ClassSummary> {
  await requireClassInstructor(prisma, user, classId);
  const row = await prisma.class.findUniqueOrThrow({
    where: { id: classId },
    select: summarySelect,
  });
  return summary(row);
}

/** A learner joins with a code; joining again is a no-op. */
export async function joinClass(
  prisma: PrismaClient,
  user: SessionUser,
  rawCode: string,
): Promise<{ id: string; name: string; term: string }> {
  const code = normalizeJoinCode(rawCode);
  if (!code) throw new ClassError("joinCodeInvalid");
  const found = await prisma.class.findUnique({
    where: { joinCode: code },
    select: { id: true, name: true, term: true, instructors: { where: { userId: user.id } } },
  });
  if (!found) throw new ClassError("joinCodeInvalid");
  if (found.instructors.length > 0) throw new ClassError("instructorCannotJoin");
  await prisma.classMember.upsert({
    where: { classId_userId: { classId: found.id, userId: user.id } },
    create: { classId: found.id, userId: user.id },
    update: {},
  });
  return { id: found.id, name: found.name, term: found.term };
}

export async function removeMember(
  prisma: PrismaClient,
  actor: SessionUser,
  classId: string,
  learnerId: string,
): Promise<void> {
  await requireClassInstructor(prisma, actor, classId);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.classMember.deleteMany({ where: { classId, userId: learnerId } });
    if (count === 0) throw new ClassError("learnerNotFound");
    await recordAction(tx, actor, classId, "member.remove", learnerId);
  });
}

/** Admin only: makes an instructor (or admin) a co-instructor of the class. */
export async function addInstructor(
  prisma: PrismaClient,
  actor: SessionUser,
  classId: string,
  email: string,
): Promise<ClassSummary> {
  if (actor.role !== "ADMIN") throw new AuthError("forbidden");
  await requireClassInstructor(prisma, actor, classId);
  const target = await prisma.user.findUnique({
    where: { email },
    select: { id: true, role: true },
  });
  if (!target) throw new AuthError("userNotFound");
  if (!hasRole(target.role, "INSTRUCTOR")) throw new ClassError("notAnInstructor");
  await prisma.$transaction(async (tx) => {
    await tx.classInstructor.upsert({
      where: { classId_userId: { classId, userId: target.id } },
      create: { classId, userId: target.id },
      update: {},
    });
    // A co-instructor stops being a learner of the same class.
    await tx.classMember.deleteMany({ where: { classId, userId: target.id } });
    await recordAction(tx, actor, classId, "instructor.add", target.id);
  });
  return getClassSummary(prisma, actor, classId);
}

/** Admin only: removes a co-instructor; a class always keeps one instructor. */
export async function removeInstructor(
  prisma: PrismaClient,
  actor: SessionUser,
  classId: string,
  instructorId: string,
): Promise<ClassSummary> {
  if (actor.role !== "ADMIN") throw new AuthError("forbidden");
  await requireClassInstructor(prisma, actor, classId);
  await prisma.$transaction(async (tx) => {
    // Lock the class row so two concurrent removals cannot leave it without instructors.
    await tx.$executeRaw`SELECT 1 FROM "Class" WHERE "id" = ${classId} FOR UPDATE`;
    const count = await tx.classInstructor.count({ where: { classId } });
    const { count: removed } = await tx.classInstructor.deleteMany({
      where: { classId, userId: instructorId },
    });
    if (removed === 0) throw new AuthError("userNotFound");
    if (count <= 1) throw new ClassError("lastInstructor");
    await recordAction(tx, actor, classId, "instructor.remove", instructorId);
  });
  return getClassSummary(prisma, actor, classId);
}

/** What the join link page shows before the learner confirms: name and term only. */
export async function classForJoinCode(
  prisma: PrismaClient,
  rawCode: string,
): Promise<{ name: string; term: string } | null> {
  const code = normalizeJoinCode(rawCode);
  if (!code) return null;
  return prisma.class.findUnique({ where: { joinCode: code }, select: { name: true, term: true } });
}
