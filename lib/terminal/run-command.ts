// One terminal command against a persisted sandbox: run it through the CLI,
// remember it in the sandbox's history, return what the terminal prints.

import {
  runCommandLine,
  completions,
  DEFAULT_SESSION,
  type CommandResult,
  type Session,
} from "@/lib/sim/cli";
import { runSandboxCommand } from "@/lib/db/sandboxes";
import { commandEnv } from "./db-env";
import { readHistory } from "./history";
import type { SandboxOwner } from "./sandbox-access";
import { lazyWorkspaceFiles } from "./workspace-files";

export interface TerminalSession {
  namespace?: string;
  context?: string;
}

export interface RunExtras {
  /** The sandbox's owner and workspace (from authorizeSandbox): `cat`, `ls`, `-f` see its files. */
  owner?: SandboxOwner;
  /** Text piped into the first command (the editor's "적용": `kubectl apply -f -`). */
  stdin?: string;
  /** The sandbox row's version as authorization just read it (see authorizeSandbox). */
  knownVersion?: number;
  /** Authorized from the grant cache: the command's statement re-checks this owner (AccessRefused). */
  guard?: string;
}

export async function runTerminalCommand(
  sandboxId: string,
  command: string,
  session: TerminalSession = {},
  sourceIP?: string,
  extras: RunExtras = {},
): Promise<CommandResult> {
  const trimmed = command.trim();
  const history = trimmed.startsWith("history") ? await readHistory(sandboxId) : [];
  const s: Session = {
    ...DEFAULT_SESSION,
    ...(session.namespace ? { namespace: session.namespace } : {}),
    ...(session.context ? { context: session.context } : {}),
    history: trimmed ? [...history, trimmed] : history,
  };
  const files = lazyWorkspaceFiles(extras.owner);
  // The whole line (pipes and all) is one sandbox write, its history row included.
  return runSandboxCommand(
    sandboxId,
    async (unit) => {
      const result = await runCommandLine(
        command,
        commandEnv(unit, sourceIP, files),
        s,
        extras.stdin ?? "",
      );
      return {
        result,
        ...(trimmed
          ? { history: { command: trimmed.slice(0, 4096), exitCode: result.exitCode } }
          : {}),
      };
    },
    {
      ...(extras.knownVersion !== undefined ? { knownVersion: extras.knownVersion } : {}),
      ...(extras.guard !== undefined ? { guard: extras.guard } : {}),
    },
  );
}

export async function completeTerminalLine(
  sandboxId: string,
  line: string,
  session: TerminalSession = {},
  owner?: SandboxOwner,
) {
  const files = lazyWorkspaceFiles(owner);
  // The names a Tab lists come from API requests: one sandbox write for all of them.
  return runSandboxCommand(sandboxId, async (unit) => ({
    result: await completions(line, commandEnv(unit, undefined, files), {
      ...DEFAULT_SESSION,
      ...(session.namespace ? { namespace: session.namespace } : {}),
    }),
  }));
}
