import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface OAuthIdentity {
  provider: string;
  providerAccountId: string;
  email?: string | null;
  name?: string | null;
}

/**
 * Finds or creates the local user behind an external identity. A new identity
 * whose email already belongs to a local account is NOT linked automatically
 * (returns null): otherwise whoever controls that email at any provider could
 * take over the account.
 */
export async function resolveOAuthUser(prisma: PrismaClient, identity: OAuthIdentity) {
  const linked = await prisma.oAuthAccount.findUnique({
    where: {
      provider_providerAccountId: {
        provider: identity.provider,
        providerAccountId: identity.providerAccountId,
      },
    },
    select: { user: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (linked) return linked.user;
  const email = identity.email?.trim().toLowerCase();
  if (!email) return null;
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) return null;
  return prisma.user.create({
    data: {
      email,
      name: identity.name?.trim().slice(0, 50) || email.split("@")[0]!,
      accounts: {
        create: { provider: identity.provider, providerAccountId: identity.providerAccountId },
      },
    },
    select: { id: true, email: true, name: true, role: true },
  });
}
