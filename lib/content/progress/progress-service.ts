import type { PrismaClient } from "@/lib/generated/prisma/client";
import { HttpError } from "@/lib/http/http-error";
import { getSession } from "../catalog";
import {
  markSectionRead,
  markSectionUnread,
  readSections,
  type SessionRef,
} from "./section-progress";
import type { ProgressUpdate } from "./progress-input";

export interface ProgressView extends SessionRef {
  read: { sectionId: string; readAt: string }[];
}

// Ids are checked against the content, so no row can name a section that does
// not exist (the database has no table of sections to enforce it).
function assertKnown(ref: SessionRef, sectionId?: string): void {
  const session = getSession(ref.courseId, ref.sessionId);
  if (!session) {
    throw new HttpError(400, "invalidInput", {}, { sessionId: "알 수 없는 과정 또는 세션입니다." });
  }
  if (sectionId !== undefined && !session.meta.sections.some((s) => s.id === sectionId)) {
    throw new HttpError(400, "invalidInput", {}, { sectionId: "이 세션에 없는 섹션입니다." });
  }
}

export async function progressView(
  prisma: PrismaClient,
  userId: string,
  ref: SessionRef,
): Promise<ProgressView> {
  assertKnown(ref);
  const read = await readSections(prisma, userId, ref);
  return {
    courseId: ref.courseId,
    sessionId: ref.sessionId,
    read: [...read].map(([sectionId, at]) => ({ sectionId, readAt: at.toISOString() })),
  };
}

export async function updateProgress(
  prisma: PrismaClient,
  userId: string,
  update: ProgressUpdate,
): Promise<ProgressView> {
  const { read, ...ref } = update;
  assertKnown(ref, ref.sectionId);
  if (read) await markSectionRead(prisma, userId, ref);
  else await markSectionUnread(prisma, userId, ref);
  return progressView(prisma, userId, ref);
}
