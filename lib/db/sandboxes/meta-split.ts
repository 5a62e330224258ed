// The sandbox metadata is stored in two columns: `hot` holds what every request
// changes (PRNG state, virtual time, store revision counters); `meta` holds the
// rest (etcd members, tokens, limits, leases, machines), rewritten only when it
// actually changed - Postgres then keeps its stored value untouched.

import { stateMeta, type SandboxMeta, type SandboxState } from "@/lib/sim";

type Hot = Pick<SandboxMeta, "rng" | "time" | "revision" | "compactRevision" | "nextLeaseId">;

export function splitMeta(meta: SandboxMeta): { cold: string; hot: string } {
  const { rng, time, revision, compactRevision, nextLeaseId, ...cold } = meta;
  const hot: Hot = { rng, time, revision, compactRevision, nextLeaseId };
  return { cold: JSON.stringify(cold), hot: JSON.stringify(hot) };
}

/**
 * The `hot` column straight from a state, without building the whole metadata:
 * the per-request path when the cold parts did not change (see transaction.ts).
 */
export function hotMetaOf(state: SandboxState): string {
  const { rng, time } = state;
  const { revision, compactRevision, nextLeaseId } = state.store;
  const hot: Hot = { rng, time, revision, compactRevision, nextLeaseId };
  return JSON.stringify(hot);
}

/**
 * True when everything the `meta` column holds is the same (by identity) in both
 * states, so its JSON need not be built again: states are immutable values and the
 * engine keeps unchanged parts (etcd, tokens, leases, world, scheduler memory) as
 * the same objects.
 */
export function coldMetaUnchanged(a: SandboxState, b: SandboxState): boolean {
  return (
    a.seed === b.seed &&
    a.formatVersion === b.formatVersion &&
    a.etcd === b.etcd &&
    a.tokens === b.tokens &&
    a.limits === b.limits &&
    a.world === b.world &&
    a.scheduler === b.scheduler &&
    a.store.leases === b.store.leases
  );
}

/** Rows written before the split have everything in `meta` and no `hot`. */
export function joinMeta(cold: unknown, hot: unknown): SandboxMeta {
  return { ...(cold as SandboxMeta), ...((hot ?? {}) as Partial<Hot>) };
}

const COLD_PARTS = [
  "formatVersion",
  "seed",
  "leases",
  "etcd",
  "tokens",
  "limits",
  "world",
  "scheduler",
] as const;

function coldPart(state: SandboxState, part: (typeof COLD_PARTS)[number]): unknown {
  if (part === "leases") return state.store.leases;
  return state[part];
}

/**
 * What a write does to the `meta` column: nothing (null), merge `patch` (a JSON object
 * of the changed top-level parts, applied with jsonb `||`), or replace it with `full`.
 * A catch-up changes the etcd members' and scheduler's records every pass, and
 * rewriting the whole column with them (its 12 KB of static pod manifests included)
 * was 20 KB of JSON built and sent per write; only what changed is built now.
 */
export type ColdMetaWrite = null | { patch: string } | { full: string };

export function coldMetaWrite(before: SandboxState, after: SandboxState): ColdMetaWrite {
  const changed = COLD_PARTS.filter((p) => coldPart(before, p) !== coldPart(after, p));
  if (changed.length === 0) return null;
  const meta = stateMeta(after) as unknown as Record<string, unknown>;
  // A part that went away must leave the column: rewrite it whole (rare).
  if (changed.some((p) => meta[p] === undefined)) return { full: splitMeta(stateMeta(after)).cold };
  const patch: Record<string, unknown> = {};
  for (const p of changed) patch[p] = meta[p];
  return { patch: JSON.stringify(patch) };
}
