// The terminal's interactive `kubectl exec -it POD -- sh`: the browser keeps the
// shell's line editor and `$?`, and posts each typed line; every line runs here in
// the container with the ONE shell both faces use (lib/sim/cli/kubectl/container-shell.ts,
// also behind the REST face's SPDY/WebSocket exec). Opening goes through kubectl
// exec's own resolution (exec-resolve.ts), so its refusals are kubectl's.

import { CliError, DEFAULT_SESSION, type Session } from "@/lib/sim/cli";
import { terminatedLine } from "@/lib/sim/cli/kubectl/container-exec";
import { SHELL_PROMPT, shellLine } from "@/lib/sim/cli/kubectl/container-shell";
import { resolveKubectlExec } from "@/lib/sim/cli/kubectl/exec-resolve";
import { lex } from "@/lib/sim/cli/shell/lex";
import { sandboxEnv } from "./db-env";
import { appendHistory } from "./history";
import type { TerminalSession } from "./run-command";
import { runTerminalCommand, type RunExtras } from "./run-command";

/** Which container's shell a line goes to: the browser sends it back with every line. */
export interface ShellHandle {
  namespace: string;
  pod: string;
  container: string;
  /** -t: the shell prompts, and its stderr shares the terminal with stdout. */
  tty: boolean;
}

/** Answer to opening a shell: kubectl's refusal (no `shell`), or the shell and its first prompt. */
export interface ShellOpenResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  shell?: ShellHandle;
  /** What the shell prints before each line ("" without -t): the browser redraws it after Ctrl-C/Ctrl-L. */
  prompt?: string;
}

/** Answer to one line: its output, then the next prompt or, when the shell ended, kubectl's leave. */
export interface ShellLineResult {
  stdout: string;
  stderr: string;
  /** `$?` after the line, sent back with the next one. */
  status: number;
  /** The shell ended: kubectl's exit code ("command terminated with exit code N" in stderr). */
  exit?: number;
}

/** SIGKILL'd with its container (deleted pod, stopped container): sh ends as 128 + 9. */
const KILLED = 137;

function session(s: TerminalSession): Session {
  return {
    ...DEFAULT_SESSION,
    ...(s.namespace ? { namespace: s.namespace } : {}),
    ...(s.context ? { context: s.context } : {}),
  };
}

/** kubectl exec's arguments when the line is exactly `kubectl|k exec …` (no pipe). */
function execArgs(command: string): string[] | undefined {
  try {
    const { stages } = lex(command);
    const [first] = stages;
    if (stages.length !== 1 || !first) return undefined;
    if ((first[0] === "kubectl" || first[0] === "k") && first[1] === "exec") return first.slice(2);
  } catch {
    /* a bad line runs the normal way and gets the shell's own error */
  }
  return undefined;
}

/**
 * `kubectl exec -i[t] POD -- sh` typed in the terminal. Anything kubectl refuses (no
 * pod, no -- , container not running…) runs as an ordinary command line, so the
 * refusal and the history entry are exactly the one-shot path's.
 */
export async function openContainerShell(
  sandboxId: string,
  command: string,
  s: TerminalSession = {},
  sourceIP?: string,
  extras: RunExtras = {},
): Promise<ShellOpenResult> {
  const args = execArgs(command);
  const env = sandboxEnv(sandboxId, sourceIP);
  let resolved;
  try {
    if (!args) throw new CliError("");
    resolved = await resolveKubectlExec(args, { env, session: session(s), stdin: "" });
  } catch (e) {
    if (env.isUnavailable?.(e) || !(e instanceof CliError)) throw e;
    return runTerminalCommand(sandboxId, command, s, sourceIP, extras);
  }
  const { argv, target, streams, notice } = resolved;
  if (argv.length !== 1 || !streams.stdin)
    return runTerminalCommand(sandboxId, command, s, sourceIP, extras);
  await appendHistory(sandboxId, command.trim().slice(0, 4096), 0);
  return {
    stdout: streams.tty ? SHELL_PROMPT : "",
    stderr: notice,
    exitCode: 0,
    shell: {
      namespace: target.namespace,
      pod: target.podName,
      container: target.container.name,
      tty: streams.tty,
    },
    prompt: streams.tty ? SHELL_PROMPT : "",
  };
}

/** One line typed into the shell (`eof`: Ctrl-D, sh ends with `$?`). */
export async function runShellLine(
  sandboxId: string,
  shell: ShellHandle,
  input: { line?: string; eof?: boolean; status: number },
  sourceIP?: string,
): Promise<ShellLineResult> {
  const env = sandboxEnv(sandboxId, sourceIP);
  const ctx = { env, session: DEFAULT_SESSION, stdin: "" };
  const leave = (r: Omit<ShellLineResult, "exit">, code: number): ShellLineResult => ({
    ...r,
    stderr: r.stderr + terminatedLine(code),
    exit: code,
  });
  if (input.eof) return leave({ stdout: "", stderr: "", status: input.status }, input.status);
  let target;
  try {
    const args = [shell.pod, "-n", shell.namespace, "-c", shell.container, "--", "sh"];
    ({ target } = await resolveKubectlExec(args, ctx));
  } catch (e) {
    if (env.isUnavailable?.(e) || !(e instanceof CliError)) throw e;
    return leave({ stdout: "", stderr: "", status: KILLED }, KILLED);
  }
  // A shell reading a flood of bytes keeps the first 16 KiB of a line (as the REST face's LineBuffer).
  const r = await shellLine((input.line ?? "").slice(0, 16 * 1024), input.status, ctx, target);
  // A terminal shows both streams as one, with CR LF line ends (the browser adds the CR).
  const out = shell.tty
    ? { stdout: r.stdout + r.stderr, stderr: "", status: r.status }
    : { stdout: r.stdout, stderr: r.stderr, status: r.status };
  if (r.exit !== undefined) return leave(out, r.exit);
  return { ...out, stdout: out.stdout + (shell.tty ? SHELL_PROMPT : "") };
}
