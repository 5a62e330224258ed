// Fast-forward: moves virtual time in steps so the control loops see the moments
// in between (a pull finishing, a Lease going stale, a toleration running out), as
// they would have had time passed for real. Each step is one bounded settle.

import { advanceTime, type EngineOptions, type EngineResult } from "../engine";
import { mergeChanges } from "../changes";
import type { SandboxState } from "../state";

export interface FastForwardOptions {
  /** Step length in ms (default 1 s for the first 10 s, then 5 s). */
  stepMs?: number;
  /** Upper bound on steps (default 2,000). */
  maxSteps?: number;
}

export function fastForward(
  state: SandboxState,
  to: number,
  engine: EngineOptions,
  opts: FastForwardOptions = {},
): Omit<EngineResult, "response"> & { steps: number } {
  const from = state.time;
  let current = state;
  let result: Omit<EngineResult, "response"> | undefined;
  let steps = 0;
  let unsettled = false;
  const maxSteps = opts.maxSteps ?? 2_000;
  while (steps < maxSteps) {
    const elapsed = current.time - from;
    const step = opts.stepMs ?? (elapsed < 10_000 ? 1_000 : 5_000);
    const next = Math.min(to, current.time + step);
    const r = advanceTime(current, next, engine);
    steps++;
    if (r.unsettled) unsettled = true;
    result = result
      ? {
          state: r.state,
          audit: [...result.audit, ...r.audit],
          traces: [...result.traces, ...r.traces],
          changes: mergeChanges(result.changes, r.changes),
        }
      : r;
    current = r.state;
    if (next >= to) break;
  }
  return { ...result!, steps, ...(unsettled ? { unsettled } : {}) };
}
