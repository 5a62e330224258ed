import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface SessionRef {
  courseId: string;
  sessionId: string;
}

export interface SectionRef extends SessionRef {
  sectionId: string;
}

/** sectionId → when it was first read */
export type ReadSections = Map<string, Date>;

/** Idempotent: reading a section again keeps the first time it was read. */
export async function markSectionRead(
  prisma: PrismaClient,
  userId: string,
  ref: SectionRef,
  at: Date = new Date(),
): Promise<void> {
  await prisma.sectionProgress.upsert({
    where: { userId_courseId_sessionId_sectionId: { userId, ...ref } },
    create: { userId, ...ref, readAt: at },
    update: {},
  });
}

export async function markSectionUnread(
  prisma: PrismaClient,
  userId: string,
  ref: SectionRef,
): Promise<void> {
  await prisma.sectionProgress.deleteMany({ where: { userId, ...ref } });
}

export async function readSections(
  prisma: PrismaClient,
  userId: string,
  ref: SessionRef,
): Promise<ReadSections> {
  const rows = await prisma.sectionProgress.findMany({
    where: { userId, ...ref },
    select: { sectionId: true, readAt: true },
  });
  return new Map(rows.map((r) => [r.sectionId, r.readAt]));
}

/** sessionId → read sections, for a course overview in one query. */
export async function readSectionsOfCourse(
  prisma: PrismaClient,
  userId: string,
  courseId: string,
): Promise<Map<string, ReadSections>> {
  const rows = await prisma.sectionProgress.findMany({
    where: { userId, courseId },
    select: { sessionId: true, sectionId: true, readAt: true },
  });
  const bySession = new Map<string, ReadSections>();
  for (const r of rows) {
    const m = bySession.get(r.sessionId) ?? new Map<string, Date>();
    m.set(r.sectionId, r.readAt);
    bySession.set(r.sessionId, m);
  }
  return bySession;
}

/**
 * For instructor views: userId → sessionId → read section ids, for a class in
 * one query. Learners without progress are absent from the map.
 */
export async function readSectionsOfLearners(
  prisma: PrismaClient,
  userIds: readonly string[],
  courseId: string,
): Promise<Map<string, Map<string, Set<string>>>> {
  const rows = await prisma.sectionProgress.findMany({
    where: { courseId, userId: { in: [...userIds] } },
    select: { userId: true, sessionId: true, sectionId: true },
  });
  const byUser = new Map<string, Map<string, Set<string>>>();
  for (const r of rows) {
    const sessions = byUser.get(r.userId) ?? new Map<string, Set<string>>();
    const sections = sessions.get(r.sessionId) ?? new Set<string>();
    sections.add(r.sectionId);
    sessions.set(r.sessionId, sections);
    byUser.set(r.userId, sessions);
  }
  return byUser;
}
