// The grader's input for a persisted sandbox: its state caught up to now, and the
// writes' request traces from its log (reads and Lease renewals are left out:
// no check needs them and they would crowd out the learner's requests).
import type { RequestTrace } from "@/lib/sim";
import { pool } from "@/lib/db/sandboxes/pool";
import { sandboxEnv } from "@/lib/terminal/db-env";
import type { GradeInput } from "../grade/context";

const TRACE_LIMIT = 2000;

export async function readGradeInput(sandboxId: string): Promise<GradeInput> {
  const state = await sandboxEnv(sandboxId).state();
  const { rows } = await pool().query<{ data: RequestTrace }>(
    `SELECT "data" FROM "SandboxLog"
     WHERE "sandboxId" = $1 AND "kind" = 'trace'
       AND "data"->>'verb' NOT IN ('get', 'list', 'watch')
       AND "data"->>'requestURI' NOT LIKE '%/leases/%'
     ORDER BY "seq" DESC LIMIT $2`,
    [sandboxId, TRACE_LIMIT],
  );
  return { state, traces: rows.map((r) => r.data).reverse() };
}
