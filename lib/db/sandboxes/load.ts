// Reading a sandbox into this process: whole (every row, the head row, the newest
// journal entries), or - when the process holds an older copy - only what was added
// since: the rows above the copy's revision, with the copy's rows that compaction
// removed dropped locally (the stored revisions at or below the copy's revision say
// which remain). A refreshed copy keeps its row objects, and with them the objects
// already decoded from them (codec.ts keeps those with each row), so the command after
// another process's write does not decode the whole cluster again. Both read in one
// snapshot and give the same store and metadata; a refreshed copy's journal is the one
// the writer's own copy holds (tests/integration/sandbox-refresh.test.ts).

import {
  stateFromParts,
  type AuditEvent,
  type RequestTrace,
  type SandboxMeta,
  type SandboxState,
} from "@/lib/sim";
import type { LiveIndex } from "@/lib/sim/store/live-index";
import { JOURNAL_LIMIT } from "@/lib/sim/state";
import type { KvRow } from "@/lib/sim/store/types";
import { epochOf, type CachedSandbox } from "./cache";
import { count } from "./counters";
import { readLogAfter } from "./log-read";
import { joinMeta, splitMeta } from "./meta-split";
import { transaction, type Client } from "./pool";
import { loadRows } from "./rows";
import { withSharedPods } from "./shared-parts";

/** Audit events and traces kept per kind in a loaded copy (as the engine keeps them). */
const JOURNAL_LOAD = JOURNAL_LIMIT;

export class SandboxNotFoundError extends Error {
  constructor(readonly sandboxId: string) {
    super(`sandbox ${sandboxId} not found`);
    this.name = "SandboxNotFoundError";
  }
}

interface HeadRow {
  meta: unknown;
  hot: unknown;
  loops: unknown;
  version: number;
  timeOffsetMs: string;
  logSeq: number;
  storeEpoch: number;
  /** The shared static pod manifests the sandbox references (shared-parts.ts), or null. */
  sharedPods: string | null;
  sharedBody: string | null;
  sharedPodsShiftMs: string | null;
  /** Stored revisions at or below the refreshed copy's revision (refresh only). */
  kept?: number[] | null;
}

// `hot` and `loops` are JSON stored as text (rows.ts): read as json, so they arrive parsed.
// The shared part's text is read only for a sandbox whose `meta` does not hold its own
// manifests (shared-parts.ts withSharedPods).
const HEAD_COLUMNS = `"meta", "hot"::json AS "hot", "loops"::json AS "loops", "version", "timeOffsetMs"::text AS "timeOffsetMs", "logSeq", "storeEpoch",
  "sharedPods", "sharedPodsShiftMs"::text AS "sharedPodsShiftMs",
  (SELECT p."body" FROM "SandboxShared" p WHERE p."hash" = "Sandbox"."sharedPods" AND NOT ("Sandbox"."meta"->'world' ? 'staticPods')) AS "sharedBody"`;

function metaOf(row: HeadRow): SandboxMeta {
  const meta = joinMeta(row.meta, row.hot, row.loops);
  return withSharedPods(meta, row.sharedPods, row.sharedBody, row.sharedPodsShiftMs);
}

async function readHead(c: Client, id: string): Promise<HeadRow> {
  const head = await c.query<HeadRow>({
    name: "kubelab_load_head",
    text: `SELECT ${HEAD_COLUMNS} FROM "Sandbox" WHERE "id" = $1`,
    values: [id],
  });
  const row = head.rows[0];
  if (!row) throw new SandboxNotFoundError(id);
  return row;
}

/** The newest JOURNAL_LOAD entries of each kind among the newest 2 × JOURNAL_LOAD stored. */
async function readJournal(
  c: Client,
  id: string,
  logSeq: number,
): Promise<{ audit: AuditEvent[]; traces: RequestTrace[] }> {
  // Audit events and traces share the sequence.
  const logs = await readLogAfter(
    id,
    logSeq - JOURNAL_LOAD * 2 - 1,
    { limit: JOURNAL_LOAD * 2 },
    c,
  );
  const audit = logs.filter((l) => l.kind === "audit").map((l) => l.data as AuditEvent);
  const traces = logs.filter((l) => l.kind === "trace").map((l) => l.data as RequestTrace);
  return { audit: audit.slice(-JOURNAL_LOAD), traces: traces.slice(-JOURNAL_LOAD) };
}

function entryOf(row: HeadRow, meta: SandboxMeta, state: SandboxState): CachedSandbox {
  return {
    version: row.version,
    state,
    timeOffsetMs: BigInt(row.timeOffsetMs),
    logSeq: row.logSeq,
    // An unsplit row (written before `hot` existed) gets its meta rewritten once.
    coldMeta: row.hot ? splitMeta(meta).cold : "",
    storeEpoch: row.storeEpoch,
  };
}

/** Loads a sandbox in one consistent snapshot (repeatable read, read only). */
export function load(id: string): Promise<CachedSandbox> {
  return transaction((c) => loadWith(c, id), { readOnlySnapshot: true });
}

export async function loadWith(c: Client, id: string): Promise<CachedSandbox> {
  count("fullLoads");
  const row = await readHead(c, id);
  const rows = await loadRows(c, id);
  const meta = metaOf(row);
  return entryOf(row, meta, stateFromParts(meta, rows, await readJournal(c, id, row.logSeq)));
}

/**
 * `stale` brought up to the stored version in one snapshot: its rows that are still
 * stored, the rows added since and the journal entries added since. A whole load when
 * the store was replaced since (storeEpoch) or the copy is of unknown epoch.
 */
export function refresh(id: string, stale: CachedSandbox): Promise<CachedSandbox> {
  return transaction((c) => refreshWith(c, id, stale), { readOnlySnapshot: true });
}

export async function refreshWith(
  c: Client,
  id: string,
  stale: CachedSandbox,
): Promise<CachedSandbox> {
  const epoch = epochOf(stale);
  if (epoch === undefined) return loadWith(c, id);
  const revision = stale.state.store.revision;
  const head = await c.query<HeadRow>({
    name: "kubelab_refresh_head",
    text: `SELECT ${HEAD_COLUMNS},
       ARRAY(SELECT "revision" FROM "SandboxKv" WHERE "sandboxId" = $1 AND "revision" <= $2) AS "kept"
     FROM "Sandbox" WHERE "id" = $1`,
    values: [id, revision],
  });
  const row = head.rows[0];
  if (!row) throw new SandboxNotFoundError(id);
  // Revisions may have been reused by a whole-store replacement: nothing can be kept.
  if (row.storeEpoch !== epoch) return loadWith(c, id);
  count("refreshes");
  const kept = new Set(row.kept ?? []);
  const { log } = stale.state.store;
  const rows: KvRow[] = [];
  for (let i = 0; i < log.length; i++) {
    const r = log.rows[i]!;
    if (kept.has(r.revision)) rows.push(r);
  }
  // Every stored revision at or below the copy's must be one of its rows; otherwise
  // (never expected while the epoch is unchanged) read everything.
  if (rows.length !== kept.size) return loadWith(c, id);
  const meta = metaOf(row);
  const added = meta.revision > revision ? await loadRows(c, id, revision) : [];
  // The copy's live index with the new rows applied, as the store's writer applies them:
  // compaction never removes a key's newest row, so it leaves the index as it is.
  let live: LiveIndex = stale.state.store.live;
  if (added.length > 0) {
    const edit = live.edit();
    for (const r of added) {
      if (r.deleted) edit.delete(r.key);
      else edit.set(r.key, r);
    }
    live = edit;
    rows.push(...added);
  }
  const parts = stateFromParts(meta, [], await journalAfter(c, id, stale, row.logSeq));
  const state: SandboxState = {
    ...parts,
    store: { ...parts.store, log: { rows, length: rows.length }, live },
  };
  const entry = entryOf(row, meta, state);
  // Only whether the text is empty matters once a copy holds the split columns (cache.ts):
  // building the cold part's JSON again is left out.
  if (row.hot && stale.coldMeta) entry.coldMeta = stale.coldMeta;
  return entry;
}

/**
 * The copy's journal with the entries stored since appended, each kind capped as the
 * engine caps it (lib/sim/state.ts appendJournal): the journal the writer's own copy
 * holds. Only the new entries are read and unpacked; after more than a load's worth
 * the journal is read as a load reads it.
 */
async function journalAfter(
  c: Client,
  id: string,
  stale: CachedSandbox,
  logSeq: number,
): Promise<{ audit: AuditEvent[]; traces: RequestTrace[] }> {
  const added = logSeq - stale.logSeq;
  if (added > JOURNAL_LOAD * 2 || added < 0) return readJournal(c, id, logSeq);
  const audit = [...stale.state.journal.audit];
  const traces = [...stale.state.journal.traces];
  if (added > 0) {
    for (const l of await readLogAfter(id, stale.logSeq - 1, { limit: added }, c)) {
      if (l.kind === "audit") audit.push(l.data as AuditEvent);
      else traces.push(l.data as RequestTrace);
    }
  }
  return {
    audit: audit.length > JOURNAL_LOAD ? audit.slice(-JOURNAL_LOAD) : audit,
    traces: traces.length > JOURNAL_LOAD ? traces.slice(-JOURNAL_LOAD) : traces,
  };
}
