// What a cached copy of a sandbox holds, estimated in bytes, and how a copy lets go of
// what was decoded from its rows (cache.ts sheds before it drops a copy). Pure functions
// of a state: the cache's bookkeeping stays in cache.ts.

import type { SandboxState } from "@/lib/sim";
import { LiveIndex } from "@/lib/sim/store/live-index";
import type { KvRow, RowLog } from "@/lib/sim/store/types";

// What a cached state really retains, measured with bench/load/sandbox-memory.ts (heap
// after a full GC with and without the entries; cluster-anatomy, 8 learners, session 12,
// after remember() began forgetting the decodes of superseded rows):
//   twelve sessions: 998 rows (557 live), 2.0 M chars, 100 journal → 2.5 MiB (rows and values
//                    1.9, decodes kept with the live rows 0.5, with the history's 0.0)
//   twenty sessions: 1258 rows (758 live), 2.4 M chars              → 3.0 MiB (2.3, 0.6, 0.0)
// So: the rows' text once (ASCII: a byte a character; a tombstone shares its value with the
// row before it and a template's rows their values with the template, so this over-counts a
// little) and a row object ~150 bytes; once the sandbox has run, what its live rows decode to
// (~0.8-0.9 KiB a live row: the loops and reads decode what they touch, kept with the row)
// and a little for its history's rows (read at old revisions by a watch or etcdctl; their
// decodes otherwise go when a later write supersedes them); a journal entry ~1 KiB. The
// estimate was 1.7 times the real size when it counted every row's decodes as large as its
// text (real/estimate 0.60 and 0.59 above); this one measured 0.82 (twelve sessions) and 0.87
// (twenty) in later runs of the same benchmark.
const ROW_BYTES = 150;
const LIVE_DECODE_BYTES = 900;
const HISTORY_DECODE_BYTES = 100;
const JOURNAL_ENTRY_BYTES = 1024;
const STATE_BYTES = 32 * 1024;

/** What a cached copy may hold decoded: from every row, from its live rows only, nothing. */
export type Decodes = "all" | "live" | "none";

const rowChars = (row: KvRow) => row.key.length + row.value.length;

/**
 * Heap a cached state holds, in bytes, from what dominates it: the store's rows, the
 * objects decoded from them (`decodes`: "none" for a copy just created or shed, nothing
 * run or decoded yet; "live" for one whose history was shed); and the journal of recent
 * audit events and traces.
 */
export function estimateStateBytes(state: SandboxState, decodes: Decodes = "all"): number {
  const { log, live } = state.store;
  let decoded = decodes === "none" ? 0 : LIVE_DECODE_BYTES * live.size;
  if (decodes === "all") decoded += HISTORY_DECODE_BYTES * Math.max(0, log.length - live.size);
  const journal = state.journal.audit.length + state.journal.traces.length;
  return Math.round(
    logChars(log) + ROW_BYTES * log.length + decoded + JOURNAL_ENTRY_BYTES * journal + STATE_BYTES,
  );
}

/**
 * The characters of a log's rows, counted once per rows array: successive states share the
 * array and only append to it (store/writer.ts pushes only when a state owns the tail, so a
 * row at an index never changes), so a command's state costs the walk of the rows it
 * appended, not of the whole history (a full walk on every remember() was ~1 % of a
 * worker's CPU under bench:load). A new array (compaction, a whole load, replaceAll, a shed
 * copy) is walked once.
 */
function logChars(log: RowLog): number {
  const known = charsByRows.get(log.rows);
  if (!known) {
    const chars = sumChars(log.rows, 0, log.length);
    charsByRows.set(log.rows, { length: log.length, chars });
    return chars;
  }
  if (log.length === known.length) return known.chars;
  if (log.length < known.length) return known.chars - sumChars(log.rows, log.length, known.length);
  known.chars += sumChars(log.rows, known.length, log.length);
  known.length = log.length;
  return known.chars;
}

const charsByRows = new WeakMap<readonly KvRow[], { length: number; chars: number }>();

function sumChars(rows: readonly KvRow[], from: number, to: number): number {
  let chars = 0;
  for (let i = from; i < to; i++) chars += rowChars(rows[i]!);
  return chars;
}

/**
 * The store's rows as new objects, with the live index pointing at them: what was decoded
 * from the old rows (codec.ts keeps it with each row object; the controllers' caches with the
 * rows array) is no longer reachable from the copy and is collected. The rows' text is
 * shared, not copied. What a whole load would build from Postgres, without the query.
 */
export function shedDecodes(state: SandboxState): SandboxState {
  // (the live index's rows are among the log's: each is replaced by its copy)
  const { log, live } = state.store;
  const copies = new Map<KvRow, KvRow>();
  const rows = new Array<KvRow>(log.length);
  for (let i = 0; i < log.length; i++) {
    const row = log.rows[i]!;
    const copy = { ...row };
    copies.set(row, copy);
    rows[i] = copy;
  }
  const index = LiveIndex.empty().edit();
  for (const [key, row] of live) index.set(key, copies.get(row) ?? { ...row });
  return { ...state, store: { ...state.store, log: { rows, length: rows.length }, live: index } };
}

/**
 * The rows of the store's history (those not in the live index) as new objects: what was
 * decoded from them is collected, what was decoded from the live rows stays with them.
 */
export function shedHistoryDecodes(state: SandboxState): SandboxState {
  const { log, live } = state.store;
  const current = new Set<KvRow>(live.values());
  const rows = new Array<KvRow>(log.length);
  for (let i = 0; i < log.length; i++) {
    const row = log.rows[i]!;
    rows[i] = current.has(row) ? row : { ...row };
  }
  return { ...state, store: { ...state.store, log: { rows, length: rows.length } } };
}
