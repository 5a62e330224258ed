// Moves a whole sandbox state in virtual time by a whole number of seconds: every
// timestamp in the stored objects (RFC 3339, with or without fractional seconds),
// every event name ("<object>.<UnixNano in hex>"), the virtual clock, lease expiries,
// scheduling records, static pod manifests and the journal. A default cluster built
// once can then serve as the cluster of a sandbox created later (cluster-template.ts).
// Whole seconds only: timestamps are truncated to the second, so a sub-second shift
// would not commute with formatting.

import type { AuditEvent } from "../apiserver/audit/event";
import type { RequestTrace, SandboxJournal, SandboxState } from "../state";
import type { KvRow } from "../store/types";
import { LiveIndex } from "../store/live-index";
import { logRows } from "../store/types";

export class TimeShiftError extends Error {
  override readonly name = "TimeShiftError";
}

const RFC3339 = /(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?Z/g;

/** One timestamp moved (its fractional digits, if any, kept as they are). */
function shiftOne(ts: string, deltaMs: number, memo?: Map<string, string>): string {
  const hit = memo?.get(ts);
  if (hit !== undefined) return hit;
  const ms = Date.UTC(
    +ts.slice(0, 4),
    +ts.slice(5, 7) - 1,
    +ts.slice(8, 10),
    +ts.slice(11, 13),
    +ts.slice(14, 16),
    +ts.slice(17, 19),
  );
  const out = `${new Date(ms + deltaMs).toISOString().slice(0, 19)}${ts.slice(19)}`;
  memo?.set(ts, out);
  return out;
}

/** Every RFC 3339 UTC timestamp in `text`, moved by `deltaMs` (a multiple of 1000). */
export function shiftTimestamps(text: string, deltaMs: number, memo?: Map<string, string>): string {
  if (deltaMs === 0) return text;
  return text.replace(RFC3339, (ts) => shiftOne(ts, deltaMs, memo));
}

/**
 * A template row's value cut around its timestamps (odd indexes), once per row: each
 * copy then moves a few dozen distinct timestamps instead of scanning every value.
 */
const cuts = new WeakMap<KvRow, string[]>();

function cutAtTimestamps(row: KvRow): string[] {
  let parts = cuts.get(row);
  if (!parts) {
    parts = [];
    let last = 0;
    for (const m of row.value.matchAll(RFC3339)) {
      parts.push(row.value.slice(last, m.index), m[0]);
      last = m.index + m[0].length;
    }
    parts.push(row.value.slice(last));
    cuts.set(row, parts);
  }
  return parts;
}

const EVENT_KEY = /^(\/registry\/events\/[^/]+\/.+)\.([0-9a-f]{13,16})$/;
const BOOTSTRAP_TOKEN = "/registry/secrets/kube-system/bootstrap-token-";
const EXPIRATION = /"expiration":"([A-Za-z0-9+/=]+)"/;

/** Event names carry their creation time in nanoseconds (controllers/shared/events.ts). */
function shiftNanosHex(hex: string, deltaMs: number): string {
  return (BigInt(`0x${hex}`) + BigInt(deltaMs) * 1_000_000n).toString(16);
}

/**
 * What besides its RFC 3339 timestamps a stored value needs moved, read from its key:
 * an event's name suffix, a bootstrap token's base64 expiry. Persistence stores a
 * template row once and this recipe with each shift (lib/db/sandboxes/value-codec.ts).
 */
export interface ValueShiftRecipe {
  /** The event's "<UnixNano in hex>" name suffix. */
  eventNanosHex?: string;
  bootstrapToken?: boolean;
}

export function shiftRecipe(key: string): ValueShiftRecipe {
  const ev = EVENT_KEY.exec(key);
  if (ev) return { eventNanosHex: ev[2]! };
  return key.startsWith(BOOTSTRAP_TOKEN) ? { bootstrapToken: true } : {};
}

/** A stored value `deltaMs` later (the key follows shiftRecipe's event suffix). */
export function shiftValue(value: string, deltaMs: number, recipe: ValueShiftRecipe): string {
  return applyRecipe(shiftTimestamps(value, deltaMs), deltaMs, recipe);
}

/** The moves besides the plain timestamps, on a value whose timestamps are moved already. */
function applyRecipe(timestampsMoved: string, deltaMs: number, recipe: ValueShiftRecipe): string {
  let out = timestampsMoved;
  const old = recipe.eventNanosHex;
  if (old !== undefined) {
    out = out.split(`.${old}"`).join(`.${shiftNanosHex(old, deltaMs)}"`);
  } else if (recipe.bootstrapToken) {
    // A bootstrap token's expiry is an RFC 3339 time inside the base64 Secret data.
    out = out.replace(
      EXPIRATION,
      (_m, b64: string) => `"expiration":"${btoa(shiftTimestamps(atob(b64), deltaMs))}"`,
    );
  }
  return out;
}

function shiftRow(
  row: KvRow,
  deltaMs: number,
  renamed: Map<string, string>,
  memo: Map<string, string>,
): KvRow {
  const recipe = shiftRecipe(row.key);
  const parts = cutAtTimestamps(row);
  let moved = "";
  for (let i = 0; i < parts.length; i++) {
    moved += i % 2 ? shiftOne(parts[i]!, deltaMs, memo) : parts[i]!;
  }
  let key = row.key;
  const old = recipe.eventNanosHex;
  if (old !== undefined) {
    const shifted = shiftNanosHex(old, deltaMs);
    renamed.set(old, shifted);
    key = `${key.slice(0, key.length - old.length)}${shifted}`;
  }
  return { ...row, key, value: applyRecipe(moved, deltaMs, recipe) };
}

/** Numeric fields holding virtual epoch milliseconds in the metadata and the journal. */
const EPOCH_FIELDS = new Set(["at", "timeMs", "expiresAt"]);

const NANOS_HEX = /\.([0-9a-f]{13,16})\b/g;

/** Event names in free text (request URIs, trace details) after their events were renamed. */
function renameEvents(text: string, renamed: ReadonlyMap<string, string>): string {
  if (renamed.size === 0 || !text.includes(".")) return text;
  return text.replace(NANOS_HEX, (m, hex: string) => {
    const to = renamed.get(hex);
    return to ? `.${to}` : m;
  });
}

/** A deep copy of plain data with timestamp strings, event names and epoch fields moved. */
function shiftData<T>(value: T, deltaMs: number, renamed: ReadonlyMap<string, string>): T {
  const walk = (v: unknown, key: string): unknown => {
    if (typeof v === "string") return renameEvents(shiftTimestamps(v, deltaMs), renamed);
    if (typeof v === "number") return EPOCH_FIELDS.has(key) ? v + deltaMs : v;
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, k);
      return out;
    }
    return v;
  };
  return walk(value, "") as T;
}

/**
 * The journal holds a hundred requests of the boot: walked field by field (a generic
 * deep copy of it costs more than the rest of the shift together).
 */
function shiftJournal(
  journal: SandboxJournal,
  deltaMs: number,
  renamed: ReadonlyMap<string, string>,
): SandboxJournal {
  // Only texts about events can name one (a cheap test before the regex).
  const rename = (text: string): string =>
    text.includes("events") ? renameEvents(text, renamed) : text;
  const audit = journal.audit.map((e): AuditEvent => {
    const ref = e.objectRef;
    return {
      ...e,
      requestURI: rename(e.requestURI),
      requestReceivedTimestamp: shiftTimestamps(e.requestReceivedTimestamp, deltaMs),
      stageTimestamp: shiftTimestamps(e.stageTimestamp, deltaMs),
      ...(ref?.resource === "events" && ref.name
        ? { objectRef: { ...ref, name: renameEvents(ref.name, renamed) } }
        : {}),
    };
  });
  const traces = journal.traces.map((t): RequestTrace => ({
    ...t,
    requestURI: rename(t.requestURI),
    entries: t.entries.map((x) => ({
      ...x,
      at: x.at + deltaMs,
      ...(x.detail !== undefined ? { detail: rename(x.detail) } : {}),
    })),
  }));
  return { audit, traces };
}

/**
 * The boot's journal is read by few (the terminal's audit-log views) and a copy's own
 * requests soon push it out (it keeps the newest 50): it is moved on first read, not
 * with every copy.
 */
function lazyJournal(compute: () => SandboxJournal): SandboxJournal {
  let journal: SandboxJournal | undefined;
  const get = () => (journal ??= compute());
  return {
    get audit() {
      return get().audit;
    },
    get traces() {
      return get().traces;
    },
  };
}

/** The state `deltaMs` later in every recorded time; the store keeps its revisions. */
export function shiftState(state: SandboxState, deltaMs: number): SandboxState {
  if (deltaMs % 1000 !== 0) throw new TimeShiftError(`shift of ${deltaMs} ms is not whole seconds`);
  if (deltaMs === 0) return state;
  if (Object.keys(state.scheduler?.queue ?? {}).length > 0) {
    // Parked pods carry back-off deadlines of their own shape; a settled cluster has none.
    throw new TimeShiftError("cannot shift a state with parked pods in the scheduling queue");
  }
  const renamed = new Map<string, string>();
  const memo = new Map<string, string>();
  const rows = logRows(state.store.log).map((r) => shiftRow(r, deltaMs, renamed, memo));
  const leases = new Map(
    [...state.store.leases].map(([id, l]) => [id, { ...l, expiresAt: l.expiresAt + deltaMs }]),
  );
  return {
    ...state,
    time: state.time + deltaMs,
    store: {
      ...state.store,
      log: { rows, length: rows.length },
      live: LiveIndex.fromRows(rows),
      leases,
    },
    journal: lazyJournal(() => shiftJournal(state.journal, deltaMs, renamed)),
    ...(state.world ? { world: shiftData(state.world, deltaMs, renamed) } : {}),
    ...(state.scheduler ? { scheduler: shiftData(state.scheduler, deltaMs, renamed) } : {}),
  };
}
