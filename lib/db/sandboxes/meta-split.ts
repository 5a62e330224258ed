// The sandbox metadata is stored in three columns:
// - `hot`: what every request or catch-up pass changes (PRNG state, virtual time,
//   store revision counters, the etcd members' Raft progress: ~400 bytes) - written by
//   every write;
// - `loops`: the scheduler's records (5-9 KB), which scheduling and some catch-up
//   passes change - rewritten whole, only when they changed. Merging etcd and these
//   into `meta` cost Postgres 1.4 ms per write (detoast its 17 KB, merge, compress
//   again), and carrying the records in `hot` made every write 5-9 KB larger;
// - `meta`: the rest (tokens, limits, leases, machines, static pod manifests), written
//   whole when a sandbox is created and merged with only its changed parts afterwards.
// `meta` keeps the etcd and scheduler parts it was created with; `loops` and `hot`,
// once set, take precedence (joinMeta), so inserts need only `meta` and `hot`.

import { stateMeta, type SandboxMeta, type SandboxState } from "@/lib/sim";

type Hot = Pick<
  SandboxMeta,
  "rng" | "time" | "revision" | "compactRevision" | "nextLeaseId" | "etcd"
>;

/** `scheduler` is null (not absent) when the state has none: it hides `meta`'s copy. */
interface Loops {
  scheduler: SandboxMeta["scheduler"] | null;
}

/** `cold` still holds `etcd` (and `scheduler`): inserts write `meta` whole. */
export function splitMeta(meta: SandboxMeta): { cold: string; hot: string } {
  const { rng, time, revision, compactRevision, nextLeaseId, ...cold } = meta;
  const hot: Hot = { rng, time, revision, compactRevision, nextLeaseId, etcd: meta.etcd };
  return { cold: JSON.stringify(cold), hot: JSON.stringify(hot) };
}

/**
 * The `hot` column straight from a state, without building the whole metadata:
 * the per-request path (see transaction.ts). Same text as splitMeta's `hot`.
 */
export function hotMetaOf(state: SandboxState): string {
  const { rng, time } = state;
  const { revision, compactRevision, nextLeaseId } = state.store;
  const head = JSON.stringify({ rng, time, revision, compactRevision, nextLeaseId });
  return `${head.slice(0, -1)},"etcd":${jsonOf(state.etcd)}}`;
}

// The JSON of etcd / scheduler objects already written: states share unchanged parts
// as the same objects, so most writes find their text here.
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

/** The `loops` column of a state. */
export function loopsMetaOf(state: SandboxState): string {
  const memory = state.scheduler;
  if (!memory) return `{"scheduler":null}`;
  let text = partJson.get(memory);
  if (text === undefined) {
    text = spliceRecords(memory);
    partJson.set(memory, text);
  }
  return `{"scheduler":${text}}`;
}

// The scheduler's memory keeps one record per pod (1-2 KB each: every plugin's verdict and
// score per node) and a run replaces only the records of the pods it scheduled; the others
// are the same objects. Its JSON is therefore put together from each record's text, made
// once per record object - the same text as JSON.stringify of the whole memory (same key
// order, undefined members left out), without re-stringifying 20 pods' records to add one.
const recordJson = new WeakMap<object, string>();

function spliceRecords(memory: object): string {
  let out = "{";
  for (const [key, value] of Object.entries(memory)) {
    const text =
      key === "records" && isPlainObject(value) ? objectOfCached(value) : JSON.stringify(value);
    if (text === undefined) continue;
    out += `${out.length > 1 ? "," : ""}${JSON.stringify(key)}:${text}`;
  }
  return `${out}}`;
}

function objectOfCached(records: object): string {
  let out = "{";
  for (const [key, record] of Object.entries(records)) {
    let text = isPlainObject(record) ? recordJson.get(record) : undefined;
    if (text === undefined) {
      text = JSON.stringify(record) as string | undefined;
      if (text === undefined) continue;
      if (isPlainObject(record)) recordJson.set(record, text);
    }
    out += `${out.length > 1 ? "," : ""}${JSON.stringify(key)}:${text}`;
  }
  return `${out}}`;
}

/** An object JSON.stringify writes member by member (no toJSON, not an array). */
function isPlainObject(v: unknown): v is object {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as { toJSON?: unknown }).toJSON !== "function"
  );
}

/** True when the `loops` column of `b` differs from `a`'s (by identity: states are immutable). */
export function loopsChanged(a: SandboxState, b: SandboxState): boolean {
  return a.scheduler !== b.scheduler;
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

/**
 * Rows written before the split have everything in `meta` and no `hot`. `hot` is
 * applied last: it is rewritten by every write, so what it holds is the newest (a
 * `loops` written by an earlier build also held etcd).
 */
export function joinMeta(cold: unknown, hot: unknown, loops?: unknown): SandboxMeta {
  const { scheduler, ...rest } = {
    ...(cold as SandboxMeta),
    ...((loops ?? {}) as Partial<Loops>),
    ...((hot ?? {}) as Partial<SandboxMeta>),
  };
  return scheduler ? { ...rest, scheduler } : rest;
}

// The parts of `meta` that `loops` does not supersede.
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
