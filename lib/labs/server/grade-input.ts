// The grader's input for a persisted sandbox: its state caught up to now, and the
// writes' request traces from its log (reads and Lease renewals are left out:
// no check needs them and they would crowd out the learner's requests).
import type { RequestTrace } from "@/lib/sim";
import { readLogNewest } from "@/lib/db/sandboxes/log-read";
import { sandboxEnv } from "@/lib/terminal/db-env";
import type { GradeInput } from "../grade/context";

const TRACE_LIMIT = 2000;

export async function readGradeInput(sandboxId: string): Promise<GradeInput> {
  const state = await sandboxEnv(sandboxId).state();
  const traces = await readLogNewest<RequestTrace>(sandboxId, {
    kind: "trace",
    limit: TRACE_LIMIT,
    keep: ({ data }) =>
      !["get", "list", "watch"].includes(data.verb) && !data.requestURI.includes("/leases/"),
  });
  return { state, traces: traces.map((r) => r.data).reverse() };
}
