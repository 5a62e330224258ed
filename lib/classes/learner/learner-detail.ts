// The learner page's data, for a viewer who teaches a class the learner is in.

import type { SessionUser } from "@/lib/auth/session";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { requireClassInstructor, requireMember, type ClassRef } from "../access";
import { learnerSandboxView, type SandboxView } from "./sandbox-view";
import { learnerTimeline, type TimelineEvent } from "./timeline";

export interface LearnerDetail {
  class: ClassRef;
  learner: { id: string; name: string; email: string };
  timeline: TimelineEvent[];
}

export async function learnerDetail(
  prisma: PrismaClient,
  viewer: SessionUser,
  classId: string,
  learnerId: string,
): Promise<LearnerDetail> {
  const cls = await requireClassInstructor(prisma, viewer, classId);
  const learner = await requireMember(prisma, classId, learnerId);
  return { class: cls, learner, timeline: await learnerTimeline(prisma, learnerId, cls.courseId) };
}

export async function learnerSandbox(
  prisma: PrismaClient,
  viewer: SessionUser,
  classId: string,
  learnerId: string,
  sandboxId?: string,
): Promise<SandboxView> {
  await requireClassInstructor(prisma, viewer, classId);
  await requireMember(prisma, classId, learnerId);
  return learnerSandboxView(viewer, learnerId, sandboxId);
}
