// A catch-up run in memory but not persisted yet: the cluster picture's poll
// (lib/workspace/quiet-view.ts) lets the loops catch up on the cached copy, and when that
// changed nothing the picture shows it keeps the result here, with the stored state it
// started from, instead of writing it. The next step on that stored state - a command, a
// stream's poll, another picture - starts from the kept result and persists it with its own
// writes, so the cluster evolves exactly as when each poll wrote (the same passes at the same
// virtual moments, the same revisions), without a statement per poll. (A poll when only the
// leaders' Lease renewals are due runs no pass at all: quiet-view.ts.) A step that finds
// another stored state (this process wrote, or another instance did) never sees it: it is
// dropped with the state it hung on (a WeakMap), and nothing anyone was shown is lost - the
// picture answered from the stored state.

import type { AuditEvent, RequestTrace, SandboxState, StoreChanges } from "@/lib/sim";
import { mergeAllChanges } from "@/lib/sim/changes";
import type { StepOutput } from "./transaction";

export interface PendingCatchUp {
  /** The caught-up state. */
  state: SandboxState;
  /** The store changes since the stored state, in order. */
  pieces: StoreChanges[];
  audit: AuditEvent[];
  traces: RequestTrace[];
  /** Virtual time of the last pass of the loops. */
  loopsRanAt: number;
}

const pending = new WeakMap<SandboxState, PendingCatchUp>();

/** The catch-up kept for this stored state, if any. */
export function pendingCatchUp(stored: SandboxState): PendingCatchUp | undefined {
  return pending.get(stored);
}

export function keepPendingCatchUp(stored: SandboxState, catchUp: PendingCatchUp): void {
  pending.set(stored, catchUp);
}

/** `catchUp` extended by one more engine output. */
export function extendPending(
  catchUp: PendingCatchUp | undefined,
  out: Pick<StepOutput<unknown>, "state" | "changes" | "audit" | "traces" | "loopsRanAt">,
): PendingCatchUp {
  const c = out.changes;
  const changed = c.appended.length > 0 || c.removed.length > 0 || c.replaceAll;
  return {
    state: out.state,
    pieces: changed ? [...(catchUp?.pieces ?? []), c] : (catchUp?.pieces ?? []),
    audit: [...(catchUp?.audit ?? []), ...out.audit],
    traces: [...(catchUp?.traces ?? []), ...out.traces],
    loopsRanAt: out.loopsRanAt ?? catchUp?.loopsRanAt ?? Number.NEGATIVE_INFINITY,
  };
}

/** A step's output preceded by the pending catch-up it started from: one output to persist. */
export function afterPending<T>(catchUp: PendingCatchUp, out: StepOutput<T>): StepOutput<T> {
  const all = extendPending(catchUp, out);
  const [first, ...rest] = all.pieces;
  return {
    ...out,
    changes: first ? mergeAllChanges(first, rest) : out.changes,
    audit: all.audit,
    traces: all.traces,
    loopsRanAt: all.loopsRanAt,
  };
}
