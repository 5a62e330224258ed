// The second half of `kubectl edit`: the learner saved kubectl's temp file in the
// lab editor; run what kubectl runs when the editor exits, against the sandbox,
// and record it in the terminal history as kubectl's own line would be.

import type { CommandResult, EditTarget } from "@/lib/sim/cli";
import { saveEdit } from "@/lib/sim/cli/kubectl/edit";
import { sandboxEnv } from "./db-env";

export async function saveTerminalEdit(
  sandboxId: string,
  target: EditTarget,
  content: string,
  path = "/tmp/kubectl-edit.yaml",
  sourceIP?: string,
): Promise<CommandResult> {
  return saveEdit(sandboxEnv(sandboxId, sourceIP), target, content, path);
}
