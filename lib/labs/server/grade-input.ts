// The grader's input for a persisted sandbox: its state caught up to now, and the
// writes' request traces from its log (reads and Lease renewals are left out:
// no check needs them and they would crowd out the learner's requests).
import type { RequestTrace } from "@/lib/sim";
import { readLogNewest } from "@/lib/db/sandboxes/log-read";
import { sandboxEnv } from "@/lib/terminal/db-env";
import type { GradeInput } from "../grade/context";
import type { LabDefinition } from "../schema/lab-schema";

const TRACE_LIMIT = 2000;

/** Whether any check of the lab reads request traces (only `trace` checks do). */
export function needsTraces(def: Pick<LabDefinition, "tasks">): boolean {
  return def.tasks.some((t) => t.checks.some((c) => c.type === "trace"));
}

/**
 * `traces: false` (a lab without trace checks) skips the log: reading and decoding
 * up to 2000 entries was a third of a 채점's CPU and one statement, for nothing.
 */
export async function readGradeInput(
  sandboxId: string,
  opts: { traces: boolean } = { traces: true },
): Promise<GradeInput> {
  // The state first: its catch-up (when due) writes the traces of what the loops did.
  const state = await sandboxEnv(sandboxId).state();
  if (!opts.traces) return { state, traces: [] };
  const traces = await readLogNewest<RequestTrace>(sandboxId, {
    kind: "trace",
    limit: TRACE_LIMIT,
    keep: ({ data }) =>
      !["get", "list", "watch"].includes(data.verb) && !data.requestURI.includes("/leases/"),
  });
  return { state, traces: traces.map((r) => r.data).reverse() };
}
