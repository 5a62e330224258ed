import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  combine,
  decide,
  EMAIL_RULE,
  emailKey,
  IP_RULE,
  ipKey,
  type RateLimitDecision,
} from "./sign-in-rate-limit";

// Failed sign-ins live in Postgres (SignInFailure) so every app instance sees
// the same counts.

const LONGEST_WINDOW_MS = Math.max(EMAIL_RULE.windowMs, IP_RULE.windowMs);

function keysFor(email: string, ip: string | null) {
  const keys = [{ key: emailKey(email), rule: EMAIL_RULE }];
  if (ip) keys.push({ key: ipKey(ip), rule: IP_RULE });
  return keys;
}

export async function checkSignInAllowed(
  prisma: PrismaClient,
  email: string,
  ip: string | null,
  now: Date,
): Promise<RateLimitDecision> {
  const keys = keysFor(email, ip);
  const rows = await prisma.signInFailure.findMany({
    where: {
      key: { in: keys.map((k) => k.key) },
      createdAt: { gt: new Date(now.getTime() - LONGEST_WINDOW_MS) },
    },
    select: { key: true, createdAt: true },
  });
  return combine(
    keys.map(({ key, rule }) =>
      decide(
        rows.filter((r) => r.key === key).map((r) => r.createdAt),
        now,
        rule,
      ),
    ),
  );
}

export async function recordSignInFailure(
  prisma: PrismaClient,
  email: string,
  ip: string | null,
  now: Date,
): Promise<void> {
  await prisma.$transaction([
    prisma.signInFailure.createMany({
      data: keysFor(email, ip).map(({ key }) => ({ key, createdAt: now })),
    }),
    // Housekeeping on the write path keeps the table small without a cron job.
    prisma.signInFailure.deleteMany({
      where: { createdAt: { lt: new Date(now.getTime() - LONGEST_WINDOW_MS) } },
    }),
  ]);
}

/** A successful sign-in forgives the account's earlier failures (not the IP's). */
export async function clearEmailFailures(prisma: PrismaClient, email: string): Promise<void> {
  await prisma.signInFailure.deleteMany({ where: { key: emailKey(email) } });
}
