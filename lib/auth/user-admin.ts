import type { PrismaClient, Role } from "@/lib/generated/prisma/client";
import { AuthError } from "./auth-error";

// Arbitrary constant naming the advisory lock that serialises role changes.
const ROLE_CHANGE_LOCK = 7_331_001;

export async function listUsers(prisma: PrismaClient) {
  return prisma.user.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, email: true, name: true, role: true, createdAt: true },
  });
}

export type ListedUser = Awaited<ReturnType<typeof listUsers>>[number];

/**
 * Changes a user's role on behalf of an admin. An admin cannot drop their own
 * ADMIN role, and the last admin can never be demoted, so the site always keeps
 * someone who can manage it. Role changes run one at a time (advisory lock) so
 * two admins demoting each other concurrently cannot leave zero admins.
 */
export async function changeUserRole(
  prisma: PrismaClient,
  actorId: string,
  targetId: string,
  role: Role,
) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ROLE_CHANGE_LOCK})`;
    const actor = await tx.user.findUnique({ where: { id: actorId }, select: { role: true } });
    // Re-checked inside the lock: the actor may have been demoted a moment ago.
    if (actor?.role !== "ADMIN") throw new AuthError("forbidden");
    const target = await tx.user.findUnique({ where: { id: targetId }, select: { role: true } });
    if (!target) throw new AuthError("userNotFound");
    if (target.role === "ADMIN" && role !== "ADMIN") {
      if (targetId === actorId) throw new AuthError("cannotDemoteSelf");
      const admins = await tx.user.count({ where: { role: "ADMIN" } });
      if (admins <= 1) throw new AuthError("lastAdmin");
    }
    return tx.user.update({
      where: { id: targetId },
      data: { role },
      select: { id: true, email: true, name: true, role: true, createdAt: true },
    });
  });
}
