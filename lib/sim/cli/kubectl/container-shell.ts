// `sh` inside a simulated container: one line at a time over the container's
// commands (container-exec.ts). The ONE shell both faces use: the REST face's exec
// session (lib/k8s-api/exec/exec-session.ts) reads lines from the SPDY/WebSocket
// stdin, the web terminal posts each typed line (lib/terminal/container-shell.ts),
// and a pipe into `kubectl exec -i POD -- sh` feeds its lines here at once.

import { CliError } from "../errors";
import { lex } from "../shell/lex";
import type { CommandContext, CommandResult } from "../types";
import { runInContainer, SHELLS, type ContainerTarget } from "./container-exec";

/** What the container's sh prints before each line when it has a terminal (busybox/dash as root). */
export const SHELL_PROMPT = "# ";

/** kubectl's warning when -t is asked but stdin is a pipe (exec.go SetupTTY); it goes on without a tty. */
export const NO_TTY_WARNING =
  "Unable to use a TTY - input is not a terminal or the right kind of file\n";

/** One line run by the shell: its output, the new `$?`, and the exit status when it ended the shell. */
export interface ShellStep {
  stdout: string;
  stderr: string;
  /** `$?` after the line (unchanged by an empty line). */
  status: number;
  /** Set when the line was `exit [n]`: the shell's exit status. */
  exit?: number;
}

/** True for argv that starts a shell reading its commands from stdin (`sh`, `/bin/bash`…). */
export const isShell = (argv: readonly string[]) => argv.length === 1 && SHELLS.includes(argv[0]!);

/**
 * Runs one line typed into the shell, with `$?` = `status` before it: the container's
 * simulated commands and `exit [n]`; pipes are not simulated (said plainly).
 */
export async function shellLine(
  line: string,
  status: number,
  ctx: CommandContext,
  target: ContainerTarget,
): Promise<ShellStep> {
  let argv: string[];
  try {
    const p = lex(line);
    if (p.stages.length > 1)
      throw new CliError("sh: 이 시뮬레이터의 컨테이너 셸은 파이프(|)를 지원하지 않습니다", 2);
    argv = p.stages[0] ?? [];
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    return { stdout: "", stderr: `${e.stderr}\n`, status: e.exitCode };
  }
  if (argv[0] === "exit") {
    const n = argv[1] === undefined ? status : Number(argv[1]);
    return { stdout: "", stderr: "", status, exit: Number.isInteger(n) ? n & 0xff : 2 };
  }
  if (argv.length === 0) return { stdout: "", stderr: "", status };
  const out = await runInContainer(argv, ctx, target);
  return { stdout: out.stdout, stderr: out.stderr, status: out.exitCode };
}

/**
 * `sh` whose stdin is not a terminal (a pipe, or nothing): every line in turn, no
 * prompt; its exit status is the last command's at EOF (as sh's), or `exit n`'s.
 */
export async function shellOverStdin(
  stdin: string,
  ctx: CommandContext,
  target: ContainerTarget,
): Promise<CommandResult> {
  const lines = stdin.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  let stdout = "";
  let stderr = "";
  let status = 0;
  for (const line of lines) {
    const r = await shellLine(line, status, ctx, target);
    stdout += r.stdout;
    stderr += r.stderr;
    if (r.exit !== undefined) return { stdout, stderr, exitCode: r.exit };
    status = r.status;
  }
  return { stdout, stderr, exitCode: status };
}

/** How kubectl exec was asked to connect the streams (-i, -t). */
export interface ExecStreams {
  stdin: boolean;
  tty: boolean;
}

/**
 * A non-interactive `kubectl exec` (the terminal's pipeline, conformance runs): a shell
 * without -i reads nothing and exits 0 as sh does at EOF; with -i it reads the piped
 * text. With -it and a pipe on stdin kubectl first warns that it is no terminal (an
 * empty stdin is the terminal's own: the browser opens those shells interactively).
 * The container's output and exit code; kubectl's own line is the caller's.
 */
export async function execInContainer(
  argv: readonly string[],
  ctx: CommandContext,
  target: ContainerTarget,
  streams: ExecStreams,
): Promise<CommandResult> {
  const warn = streams.stdin && streams.tty && ctx.stdin !== "" ? NO_TTY_WARNING : "";
  const r = !isShell(argv)
    ? await runInContainer(argv, ctx, target)
    : streams.stdin
      ? await shellOverStdin(ctx.stdin, ctx, target)
      : { stdout: "", stderr: "", exitCode: 0 };
  return warn ? { ...r, stderr: warn + r.stderr } : r;
}
