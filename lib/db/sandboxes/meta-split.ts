// The sandbox metadata is stored in two columns: `hot` holds what every request or
// every catch-up pass changes (PRNG state, virtual time, store revision counters, the
// etcd members' Raft progress, the scheduler's records); `meta` holds the rest
// (tokens, limits, leases, machines, static pod manifests), rewritten only when it
// actually changed - Postgres then keeps its stored value untouched. The etcd and
// scheduler parts moved to `hot`: a catch-up changes them every pass, and merging
// them into the 17 KB TOASTed `meta` cost Postgres 1.4 ms per write (detoast, merge,
// compress again), against 0.06 ms for rewriting the 5 KB `hot`. Rows whose `meta`
// still holds them read the same: `hot` wins in joinMeta.

import { stateMeta, type SandboxMeta, type SandboxState } from "@/lib/sim";

type HotKeys =
  "rng" | "time" | "revision" | "compactRevision" | "nextLeaseId" | "etcd" | "scheduler";
/** `scheduler` is null (not absent) when the state has none: it hides an older `meta`'s. */
type Hot = Omit<Pick<SandboxMeta, HotKeys>, "scheduler"> & {
  scheduler: SandboxMeta["scheduler"] | null;
};

export function splitMeta(meta: SandboxMeta): { cold: string; hot: string } {
  const { rng, time, revision, compactRevision, nextLeaseId, etcd, scheduler, ...cold } = meta;
  const hot: Hot = {
    rng,
    time,
    revision,
    compactRevision,
    nextLeaseId,
    etcd,
    scheduler: scheduler ?? null,
  };
  return { cold: JSON.stringify(cold), hot: JSON.stringify(hot) };
}

// The JSON of the last etcd / scheduler objects written: most writes leave them as
// they are (the same objects), so their text is not built again.
const partJson = new WeakMap<object, string>();

function jsonOf(part: object | undefined): string {
  if (!part) return "null";
  let text = partJson.get(part);
  if (text === undefined) {
    text = JSON.stringify(part);
    partJson.set(part, text);
  }
  return text;
}

/**
 * The `hot` column straight from a state, without building the whole metadata:
 * the per-request path (see transaction.ts). Same text as splitMeta's `hot`.
 */
export function hotMetaOf(state: SandboxState): string {
  const { rng, time } = state;
  const { revision, compactRevision, nextLeaseId } = state.store;
  const head = JSON.stringify({ rng, time, revision, compactRevision, nextLeaseId });
  return `${head.slice(0, -1)},"etcd":${jsonOf(state.etcd)},"scheduler":${jsonOf(state.scheduler)}}`;
}

/**
 * True when everything the `meta` column holds is the same (by identity) in both
 * states, so its JSON need not be built again: states are immutable values and the
 * engine keeps unchanged parts (tokens, leases, world) as the same objects.
 */
export function coldMetaUnchanged(a: SandboxState, b: SandboxState): boolean {
  return (
    a.seed === b.seed &&
    a.formatVersion === b.formatVersion &&
    a.tokens === b.tokens &&
    a.limits === b.limits &&
    a.world === b.world &&
    a.store.leases === b.store.leases
  );
}

/** Rows written before the split have everything in `meta` and no `hot`. */
export function joinMeta(cold: unknown, hot: unknown): SandboxMeta {
  const { scheduler, ...rest } = { ...(cold as SandboxMeta), ...((hot ?? {}) as Partial<Hot>) };
  return scheduler ? { ...rest, scheduler } : rest;
}

const COLD_PARTS = ["formatVersion", "seed", "leases", "tokens", "limits", "world"] as const;

function coldPart(state: SandboxState, part: (typeof COLD_PARTS)[number]): unknown {
  if (part === "leases") return state.store.leases;
  return state[part];
}

/**
 * What a write does to the `meta` column: nothing (null), merge `patch` (a JSON object
 * of the changed top-level parts, applied with jsonb `||`), or replace it with `full`.
 * Rewriting the whole column (its 12 KB of static pod manifests included) for one
 * changed part was 20 KB of JSON built and sent; only what changed is built now.
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
