// A read-only view of a sandbox (the cluster picture, one object's detail) that the lab page
// polls, answered without a statement whenever the wait since the stored state changed
// nothing the view shows.
//
// Reading catches virtual time up first, as a terminal read does, so pods move on while the
// learner watches. But a poll's catch-up mostly renews Leases (the leaders every 2 s, the
// kubelets every 10 s), and persisting those made each poll a write - its statement, its
// Postgres work - while the page polls every 3 s, more often than the learner types. Now the
// view catches the cached copy up in memory and draws it; when that drawing equals the
// stored state's (the etcd revision and the moment aside, which a renewal alone moves) it
// answers the STORED state's drawing and keeps the catch-up, unwritten, with the stored state
// (lib/db/sandboxes/pending-catch-up.ts): the next step on that state - a command, another
// poll - goes on from it and writes it with its own. So the cluster evolves exactly as when
// every poll wrote (the same passes at the same virtual moments: catching up A→B then B→C is
// not A→C - each pass renews Leases and stamps Events at its own moment), and the learner is
// never shown anything that was not stored: the picture's revision is the stored one, a few
// renewals behind at most, and what it draws is identical. When the wait changed what the
// view shows (a pod started, a node went NotReady, a leader moved), or the unwritten part
// grew past a bound, the catch-up is persisted first and the view drawn from it, as before.
//
// Most polls found only the leaders' Leases due (renewed every 2 s; the kubelets' every 10 s,
// the rest on events): a pass of every loop (~1-2 ms of CPU, more than the rest of the poll)
// to draw the same picture. A poll at a moment when nothing else is due by the loops' own
// notes (lib/sim/renewals-only.ts) runs no catch-up: it answers the stored state's drawing,
// as after such a catch-up, and keeps nothing; the next pass - a command's, or a poll's when
// something else is due - renews those two Leases at its own moment. So the sandbox evolves
// as when every poll wrote but for those renewals (fewer of them, at other moments: still one
// at least every 2 s of a pass, and never an expired leader, which is a change the check lets
// through).

import { advanceTime, type SandboxState } from "@/lib/sim";
import { noChanges } from "@/lib/sim/changes";
import { onlyLeaderRenewalsDue } from "@/lib/sim/renewals-only";
import { clusterEngineOptions } from "@/lib/sim/cluster/loops";
import { runSandboxStep } from "@/lib/db/sandboxes";
import { cachedEntry, recordUse } from "@/lib/db/sandboxes/cache";
import { catchUpDue, LOOPS_NEVER_RAN } from "@/lib/db/sandboxes/catch-up";
import { timed } from "@/lib/db/sandboxes/parts";
import {
  extendPending,
  keepPendingCatchUp,
  pendingCatchUp,
} from "@/lib/db/sandboxes/pending-catch-up";

const engine = clusterEngineOptions();

/**
 * The most virtual time an unwritten catch-up may cover before a poll writes it: what a
 * learner who only watches leaves for the next command's statement (~1-2 Lease rows a second).
 */
export const PENDING_MAX_MS = 30_000;

export interface QuietView<T> {
  /** The view of one state. Pure. */
  draw: (state: SandboxState) => T;
  /** What of a view the learner sees, as a comparable string, the revision and time left out. */
  shown: (view: T) => string;
  /**
   * Drawings of stored states kept for the polls that follow (the picture's: a learner's
   * stored state changes only with a command, a few seconds apart, and the page polls every
   * 3 s). A drawing is of one state (pure), so it stays right; unset, each poll draws anew.
   */
  kept?: WeakMap<SandboxState, Drawing<T>>;
}

export interface Drawing<T> {
  readonly view: T;
  /** shown(view), once a poll compared it. */
  shown?: string;
}

function drawingOf<T>(view: QuietView<T>, state: SandboxState): Drawing<T> {
  let drawing = view.kept?.get(state);
  if (!drawing) {
    drawing = { view: view.draw(state) };
    view.kept?.set(state, drawing);
  }
  return drawing;
}

/**
 * The view of the sandbox now. `storedVersion`: the sandbox row's version as the request's
 * authorization read it - this process's copy answers without a statement when it is at
 * least that new (copies are kept only at stored versions).
 */
export async function quietView<T>(
  sandboxId: string,
  storedVersion: number,
  view: QuietView<T>,
): Promise<T> {
  const entry = cachedEntry(sandboxId);
  if (entry && entry.version >= storedVersion) {
    const stored = entry.state;
    const pending = pendingCatchUp(stored);
    const from = pending?.state ?? stored;
    const loopsRanAt = pending?.loopsRanAt ?? entry.loopsRanAt ?? LOOPS_NEVER_RAN;
    const virtualNow = Date.now() + Number(entry.timeOffsetMs);
    const drawnStored = drawingOf(view, stored);
    // (A kept catch-up draws like the stored state: it was kept only if it did.)
    // Answered here, the poll is a use like any other (the cache's admission counts uses,
    // cache-admission.ts; a step counts in serialized()).
    if (
      !catchUpDue(from.time, loopsRanAt, virtualNow) ||
      onlyLeaderRenewalsDue(from, virtualNow, engine.loops ?? [])
    ) {
      recordUse(sandboxId);
      return drawnStored.view;
    }
    const r = timed("catchUp", () => advanceTime(from, virtualNow, engine));
    keepPendingCatchUp(stored, extendPending(pending, { ...r, loopsRanAt: r.state.time }));
    if (r.state.time - stored.time < PENDING_MAX_MS) {
      drawnStored.shown ??= view.shown(drawnStored.view);
      if (view.shown(view.draw(r.state)) === drawnStored.shown) {
        recordUse(sandboxId);
        return drawnStored.view;
      }
    }
  }
  // No current copy here, or the wait changed what the view shows: the catch-up (the one
  // just kept, taken up by the step) is persisted - compared-and-swapped like a terminal
  // read's - and the view drawn from the stored result.
  return runSandboxStep(sandboxId, ({ state, virtualNow, loopsRanAt }) => {
    if (!catchUpDue(state.time, loopsRanAt, virtualNow)) {
      const changes = noChanges(state.store);
      return { state, changes, audit: [], traces: [], result: view.draw(state) };
    }
    const r = timed("catchUp", () => advanceTime(state, virtualNow, engine));
    return { ...r, result: view.draw(r.state), loopsRanAt: r.state.time };
  });
}
