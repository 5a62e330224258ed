// Per-key request budgets (a token bucket each): a sandbox may burst, then is
// held to a steady rate, so one learner's script cannot monopolise an instance.
// The buckets live in this process: with N app instances behind a load balancer a
// sandbox gets up to N times the rate. That is deliberate - a limiter in Postgres
// would cost a write on every read - and documented in docs/deployment.md.

import { HttpError } from "./http-error";

export interface BucketOptions {
  /** Tokens added per second (the sustained rate). */
  ratePerSecond: number;
  /** Bucket size (the burst). */
  burst: number;
  /** Buckets kept at most; the least recently used go first. */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly opts: BucketOptions) {}

  /** Takes one token for `key`; returns 0 when allowed, else the seconds to wait. */
  take(key: string, now = Date.now()): number {
    const { ratePerSecond, burst } = this.opts;
    const prev = this.buckets.get(key);
    const elapsed = prev ? Math.max(0, now - prev.at) / 1000 : 0;
    const tokens = prev ? Math.min(burst, prev.tokens + elapsed * ratePerSecond) : burst;
    // Re-insert so Map order is least-recently-used first.
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return Math.max(1, Math.ceil((1 - tokens) / ratePerSecond));
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    const max = this.opts.maxKeys ?? 100_000;
    while (this.buckets.size > max) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
    return 0;
  }

  size(): number {
    return this.buckets.size;
  }
}

function envNumber(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const globalBuckets = globalThis as unknown as { kubelabSandboxBuckets?: TokenBuckets };

/**
 * The per-sandbox request budget shared by the terminal and the Kubernetes API:
 * KUBELAB_SANDBOX_RATE requests/s sustained (default 50), bursts of
 * KUBELAB_SANDBOX_BURST (default 200) - far above what a person types, low
 * enough that a runaway loop cannot starve the other learners.
 */
export function sandboxBuckets(): TokenBuckets {
  globalBuckets.kubelabSandboxBuckets ??= new TokenBuckets({
    ratePerSecond: envNumber("KUBELAB_SANDBOX_RATE", 50),
    burst: envNumber("KUBELAB_SANDBOX_BURST", 200),
  });
  return globalBuckets.kubelabSandboxBuckets;
}

/** Takes one request from the sandbox's budget, or throws the Korean 429. */
export function spendSandboxBudget(sandboxId: string): void {
  const wait = sandboxBuckets().take(sandboxId);
  if (wait > 0) {
    throw new HttpError(429, "sandboxRateLimited", { seconds: wait }, {}, wait);
  }
}
