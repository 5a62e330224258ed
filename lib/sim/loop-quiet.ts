// "Nothing due before T": when a control loop's run wrote nothing, the engine notes where the
// revision log stood, the time the loop asked to be woken at, and the parts of the sandbox
// outside the store that loops read (machines, etcd's leader, the loop's own memory). Until
// that time comes, the loop would decide the same again unless a write landed under one of
// the key prefixes it watches - so the engine skips it (informers + a delaying work queue,
// as client-go components wait, instead of rescanning the cluster every round).
//
// The notes live in this process, keyed by the revision log's row array: states of one
// lineage share that array (a writer appends to it only when it owns its tail, otherwise it
// copies), so rows [0, length) of a state holding the same array with at least `length` rows
// are the very rows the note saw, and the rows after them are exactly the writes since. A
// sandbox loaded from Postgres or compacted has a new array: its loops simply run once.

import type { ControlLoop } from "./engine";
import type { SandboxState } from "./state";
import { decodeRow } from "./apiserver/handler/codec";
import type { KvRow } from "./store/types";

interface QuietNote {
  /** Log length when the loop last ran without writing (moved on as later rows are seen). */
  length: number;
  /** Virtual time of that run. */
  readonly at: number;
  /** The earliest time the loop asked to be woken at (Infinity: only a change wakes it). */
  readonly until: number;
  readonly world: SandboxState["world"];
  /**
   * etcd's leader (null: no quorum). Loops read etcd only through API requests, which a quiet
   * run did not make to write; its raft index and members' applied indexes move with every write.
   */
  readonly etcdLeader: SandboxState["etcd"]["leaderId"];
  readonly memory: unknown;
}

const notes = new WeakMap<readonly KvRow[], Map<ControlLoop, QuietNote>>();

/** Records that `loop` ran on `state` at `now` without writing, to be woken at `until`. */
export function markQuiet(
  loop: ControlLoop,
  state: SandboxState,
  now: number,
  until: number,
): void {
  const rows = state.store.log.rows;
  let perLoop = notes.get(rows);
  if (!perLoop) {
    perLoop = new Map();
    notes.set(rows, perLoop);
  }
  perLoop.set(loop, {
    length: state.store.log.length,
    at: now,
    until,
    world: state.world,
    etcdLeader: state.etcd.leaderId,
    memory: loop.memoryOf?.(state),
  });
}

function watched(watches: readonly string[], key: string): boolean {
  for (const prefix of watches) if (key.startsWith(prefix)) return true;
  return false;
}

/** Whether a watched row can change the loop's decisions (always, unless it reads only a part). */
function isNews(loop: ControlLoop, row: KvRow, rows: readonly KvRow[]): boolean {
  if (row.deleted) return true;
  if (row.created) return loop.createdIsNews ? loop.createdIsNews(decodeRow(row)) : true;
  if (!loop.watchedPart) return true;
  const prev = rowAt(rows, row.prevRevision);
  // Decoded through the rows: the objects the API server remembered writing, no JSON.parse
  // and no KeyValue view per check.
  return !prev || loop.watchedPart(decodeRow(prev)) !== loop.watchedPart(decodeRow(row));
}

/** The retained row of a revision (rows ascend by revision), if still in the log. */
function rowAt(rows: readonly KvRow[], revision: number): KvRow | undefined {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rows[mid]!.revision;
    if (r === revision) return rows[mid];
    if (r < revision) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/**
 * True when the loop would write nothing on `state` at `now`: it ran without writing on an
 * earlier state of this lineage, its wake-up time has not come, nothing outside the store
 * that it reads changed, and no row written since is under a prefix it watches.
 */
export function loopMayBeQuiet(loop: ControlLoop, state: SandboxState, now: number): boolean {
  const watches = loop.watches;
  if (!watches) return false;
  const log = state.store.log;
  const perLoop = notes.get(log.rows);
  const note = perLoop?.get(loop);
  if (!perLoop || !note) return false;
  if (now < note.at || now >= note.until || log.length < note.length) return false;
  if (
    note.world !== state.world ||
    note.etcdLeader !== state.etcd.leaderId ||
    note.memory !== loop.memoryOf?.(state)
  ) {
    return false;
  }
  for (let i = note.length; i < log.length; i++) {
    const row = log.rows[i]!;
    if (watched(watches, row.key) && isNews(loop, row, log.rows)) return false;
  }
  // Seen: the next check starts after these rows (the decision stays the same).
  note.length = log.length;
  return true;
}
