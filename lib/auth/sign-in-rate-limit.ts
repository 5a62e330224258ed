// Decides whether a sign-in attempt may proceed, from the failures recorded
// for its keys (see sign-in-failures.ts). Pure so the rule is unit-testable.

export interface RateLimitRule {
  /** Failures allowed inside the window; the next attempt is refused. */
  maxFailures: number;
  windowMs: number;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

// Per email: stops password guessing against one account.
export const EMAIL_RULE: RateLimitRule = { maxFailures: 5, windowMs: FIFTEEN_MINUTES };
// Per client IP: stops one client spraying many accounts. Looser, because a
// classroom often shares one public address.
export const IP_RULE: RateLimitRule = { maxFailures: 30, windowMs: FIFTEEN_MINUTES };

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAt: Date };

/**
 * `failures` are the times of recorded failures for one key (any order, may
 * include ones outside the window). Refused once `maxFailures` fall inside the
 * window; allowed again when the oldest of the newest `maxFailures` leaves it.
 */
export function decide(
  failures: readonly Date[],
  now: Date,
  rule: RateLimitRule,
): RateLimitDecision {
  const windowStart = now.getTime() - rule.windowMs;
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => t > windowStart && t <= now.getTime())
    .sort((a, b) => b - a);
  if (recent.length < rule.maxFailures) return { allowed: true };
  const oldestCounted = recent[rule.maxFailures - 1]!;
  return { allowed: false, retryAt: new Date(oldestCounted + rule.windowMs) };
}

/** Combines decisions for several keys: refused if any is, retrying at the latest time. */
export function combine(decisions: readonly RateLimitDecision[]): RateLimitDecision {
  let retryAt: Date | undefined;
  for (const d of decisions) {
    if (!d.allowed && (!retryAt || d.retryAt > retryAt)) retryAt = d.retryAt;
  }
  return retryAt ? { allowed: false, retryAt } : { allowed: true };
}

export const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;
