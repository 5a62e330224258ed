// The sandbox metadata is stored in two columns: `hot` holds what every request
// changes (PRNG state, virtual time, store revision counters); `meta` holds the
// rest (etcd members, tokens, limits, leases, machines), rewritten only when it
// actually changed - Postgres then keeps its stored value untouched.

import type { SandboxMeta } from "@/lib/sim";

type Hot = Pick<SandboxMeta, "rng" | "time" | "revision" | "compactRevision" | "nextLeaseId">;

export function splitMeta(meta: SandboxMeta): { cold: string; hot: string } {
  const { rng, time, revision, compactRevision, nextLeaseId, ...cold } = meta;
  const hot: Hot = { rng, time, revision, compactRevision, nextLeaseId };
  return { cold: JSON.stringify(cold), hot: JSON.stringify(hot) };
}

/** Rows written before the split have everything in `meta` and no `hot`. */
export function joinMeta(cold: unknown, hot: unknown): SandboxMeta {
  return { ...(cold as SandboxMeta), ...((hot ?? {}) as Partial<Hot>) };
}
