// One terminal command against a persisted sandbox: run it through the CLI,
// remember it in the sandbox's history, return what the terminal prints.

import {
  runCommandLine,
  completions,
  DEFAULT_SESSION,
  type CommandResult,
  type Session,
} from "@/lib/sim/cli";
import { sandboxEnv } from "./db-env";
import { appendHistory, readHistory } from "./history";

export interface TerminalSession {
  namespace?: string;
  context?: string;
}

export async function runTerminalCommand(
  sandboxId: string,
  command: string,
  session: TerminalSession = {},
  sourceIP?: string,
): Promise<CommandResult> {
  const trimmed = command.trim();
  const history = trimmed.startsWith("history") ? await readHistory(sandboxId) : [];
  const s: Session = {
    ...DEFAULT_SESSION,
    ...(session.namespace ? { namespace: session.namespace } : {}),
    ...(session.context ? { context: session.context } : {}),
    history: trimmed ? [...history, trimmed] : history,
  };
  const result = await runCommandLine(command, sandboxEnv(sandboxId, sourceIP), s);
  if (trimmed) await appendHistory(sandboxId, trimmed.slice(0, 4096), result.exitCode);
  return result;
}

export async function completeTerminalLine(
  sandboxId: string,
  line: string,
  session: TerminalSession = {},
) {
  return completions(line, sandboxEnv(sandboxId), {
    ...DEFAULT_SESSION,
    ...(session.namespace ? { namespace: session.namespace } : {}),
  });
}
