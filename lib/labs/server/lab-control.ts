// The control panel on a persisted lab sandbox: one sandbox transaction per action.
import { runSandboxStep } from "@/lib/db/sandboxes";
import { advanceTime } from "@/lib/sim";
import { clusterEngineOptions } from "@/lib/sim/cluster/loops";
import { mergeChanges } from "@/lib/sim";
import { applyLabControl, type LabControl } from "../control/lab-control";
import { labSandboxId } from "./lab-sandbox";

const engine = clusterEngineOptions();

/**
 * Applies a control action to the learner's lab sandbox (`sandboxId` when the caller
 * already has it: labSandboxId); returns its Korean summary.
 */
export async function controlLabSandbox(
  userId: string,
  labId: string,
  control: LabControl,
  known?: string,
): Promise<{ sandboxId: string; message: string }> {
  const sandboxId = known ?? (await labSandboxId(userId, labId));
  const message = await runSandboxStep(sandboxId, ({ state, virtualNow }) => {
    // Wall time since the last request passes first, as for any request.
    const caught = virtualNow > state.time ? advanceTime(state, virtualNow, engine) : undefined;
    const r = applyLabControl(caught?.state ?? state, control, engine);
    return {
      state: r.state,
      changes: caught ? mergeChanges(caught.changes, r.changes) : r.changes,
      audit: [...(caught?.audit ?? []), ...r.audit],
      traces: [...(caught?.traces ?? []), ...r.traces],
      result: r.message,
      offsetDeltaMs: r.advancedMs,
    };
  });
  return { sandboxId, message };
}
