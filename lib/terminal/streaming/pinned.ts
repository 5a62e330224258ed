// Runs a command line against one state of the sandbox, purely in memory: a stream's
// passes read exactly the revision they were given, and reading adds nothing to the
// sandbox (no audit entries per poll, no writes).

import type { SandboxState } from "@/lib/sim";
import { memoryEnv, runCommandLine, type CommandResult, type Session } from "@/lib/sim/cli";

export function runPinned(
  line: string,
  state: SandboxState,
  session: Session,
): Promise<CommandResult> {
  return runCommandLine(line, memoryEnv(state), session);
}
