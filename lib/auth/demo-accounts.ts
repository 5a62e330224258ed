import type { PrismaClient, Role } from "@/lib/generated/prisma/client";
import { hashPassword } from "./password-hash";

// Demo accounts exist only in the embedded-default mode (scripts/db/seed.ts
// decides when to call this). The password is documented in README.md.
export const DEMO_PASSWORD = "kubelab-demo-1234";

export const DEMO_ACCOUNTS: readonly { email: string; name: string; role: Role }[] = [
  { email: "admin@kubelab.dev", name: "데모 관리자", role: "ADMIN" },
  { email: "instructor@kubelab.dev", name: "데모 강사", role: "INSTRUCTOR" },
  { email: "learner@kubelab.dev", name: "데모 학습자", role: "LEARNER" },
];

/**
 * Creates the demo accounts that are missing. Idempotent: existing accounts
 * (possibly with a changed name, role or password) are left as they are.
 * Returns the emails it created.
 */
export async function ensureDemoAccounts(prisma: PrismaClient): Promise<string[]> {
  const existing = await prisma.user.findMany({
    where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } },
    select: { email: true },
  });
  const missing = DEMO_ACCOUNTS.filter((a) => !existing.some((e) => e.email === a.email));
  if (missing.length === 0) return [];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // skipDuplicates: a concurrent seed run cannot make this fail.
  await prisma.user.createMany({
    data: missing.map((a) => ({ ...a, passwordHash })),
    skipDuplicates: true,
  });
  return missing.map((a) => a.email);
}
