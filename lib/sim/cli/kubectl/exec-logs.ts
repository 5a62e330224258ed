// kubectl exec (resolved in exec-resolve.ts; the command runs in container-exec.ts
// and container-shell.ts, shared with the REST face)
// and kubectl logs (logs.ts, re-exported here for the dispatcher).

import type { CommandContext, CommandResult } from "../types";
import { terminatedLine } from "./container-exec";
import { execInContainer } from "./container-shell";
import { resolveKubectlExec } from "./exec-resolve";

export async function kubectlExec(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const { argv, target, streams, notice } = await resolveKubectlExec(args, ctx);
  const out = await execInContainer(argv, ctx, target, streams);
  return { ...out, stderr: notice + out.stderr + terminatedLine(out.exitCode) };
}

export { kubectlLogs } from "./logs";
