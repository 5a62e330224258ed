// One exec into a simulated container, whatever the wire (SPDY or WebSocket):
// runs the command with the same code as the web terminal's kubectl exec
// (lib/sim/cli/kubectl/container-exec.ts), writes stdout/stderr, then the v4
// status on the error channel — Success, or NonZeroExitCode with the exit code,
// from which kubectl prints "command terminated with exit code N" and exits N.
// `sh`/`bash` with stdin is the line shell of container-shell.ts.

import { runInContainer, type ContainerTarget } from "@/lib/sim/cli/kubectl/container-exec";
import { isShell, SHELL_PROMPT, shellLine } from "@/lib/sim/cli/kubectl/container-shell";
import { DEFAULT_SESSION, type CliEnv, type CommandContext } from "@/lib/sim/cli/types";

/** metav1.Status as kubelet marshals it on the error channel (no kind, no code). */
export interface ExecStatus {
  metadata: Record<string, never>;
  status: "Success" | "Failure";
  message?: string;
  reason?: string;
  details?: { causes: { reason: string; message: string }[] };
}

/** The streams of one exec, as the protocol adapters present them. */
export interface ExecChannels {
  readonly stdin: boolean;
  readonly tty: boolean;
  writeStdout(text: string): void;
  writeStderr(text: string): void;
  /** Writes the status on the error channel and closes the session. */
  finish(status: ExecStatus): void;
  /** Lines typed on stdin (without their newline); resolves undefined at EOF or close. */
  readLine(): Promise<string | undefined>;
  readonly closed: boolean;
}

export interface ExecRequest {
  command: readonly string[];
  target: ContainerTarget;
  env: CliEnv;
}

export function successStatus(): ExecStatus {
  return { metadata: {}, status: "Success" };
}

/** kubelet's status for a command that exited non-zero (remotecommand NonZeroExitCode). */
export function exitStatus(command: readonly string[], code: number): ExecStatus {
  return {
    metadata: {},
    status: "Failure",
    message: `command terminated with non-zero exit code: error executing command [${command.join(" ")}], exit code ${code}`,
    reason: "NonZeroExitCode",
    details: { causes: [{ reason: "ExitCode", message: String(code) }] },
  };
}

/** What a terminal (tty) does to output: a newline becomes CR LF. */
const ttyText = (text: string, tty: boolean) => (tty ? text.replace(/\r?\n/g, "\r\n") : text);

export async function runExec(ch: ExecChannels, req: ExecRequest): Promise<void> {
  const ctx: CommandContext = { env: req.env, session: DEFAULT_SESSION, stdin: "" };
  if (isShell(req.command)) {
    const code = ch.stdin ? await lineShell(ch, ctx, req.target) : 0;
    return ch.finish(code === 0 ? successStatus() : exitStatus(req.command, code));
  }
  const out = await runInContainer(req.command, ctx, req.target);
  if (out.stdout) ch.writeStdout(ttyText(out.stdout, ch.tty));
  if (out.stderr) (ch.tty ? ch.writeStdout : ch.writeStderr)(ttyText(out.stderr, ch.tty));
  ch.finish(out.exitCode === 0 ? successStatus() : exitStatus(req.command, out.exitCode));
}

/**
 * `sh` reading commands from stdin, one per line (container-shell.ts, the same shell
 * the web terminal drives line by line). Returns the shell's exit status (the last
 * command's at EOF, as sh's, or `exit n`'s).
 */
async function lineShell(
  ch: ExecChannels,
  ctx: CommandContext,
  target: ContainerTarget,
): Promise<number> {
  const prompt = () => ch.tty && ch.writeStdout(SHELL_PROMPT);
  let status = 0;
  prompt();
  for (;;) {
    const line = await ch.readLine();
    if (line === undefined || ch.closed) return status;
    const r = await shellLine(line, status, ctx, target);
    if (r.stdout) ch.writeStdout(ttyText(r.stdout, ch.tty));
    if (r.stderr) (ch.tty ? ch.writeStdout : ch.writeStderr)(ttyText(r.stderr, ch.tty));
    if (r.exit !== undefined) return r.exit;
    status = r.status;
    prompt();
  }
}

/** A line longer than this is cut (a shell reading a flood of bytes stays bounded). */
const MAX_LINE = 16 * 1024;

/** Splits stdin bytes into lines for readLine (a tty sends CR for Enter). */
export class LineBuffer {
  private pending = "";
  private lines: string[] = [];
  private ended = false;
  private afterCR = false;
  private waiters: ((line: string | undefined) => void)[] = [];
  private readonly decoder = new TextDecoder();

  push(data: Uint8Array): void {
    if (this.ended) return;
    let text = this.decoder.decode(data, { stream: true });
    // CR LF split across two chunks is one line end.
    if (this.afterCR && text.startsWith("\n")) text = text.slice(1);
    if (text.length) this.afterCR = text.endsWith("\r");
    this.pending += text;
    const parts = this.pending.split(/\r\n|\r|\n/);
    this.pending = parts.pop() ?? "";
    if (this.pending.length > MAX_LINE) {
      parts.push(this.pending.slice(0, MAX_LINE));
      this.pending = "";
    }
    this.lines.push(...parts);
    this.wake();
  }

  end(): void {
    if (this.ended) return;
    if (this.pending) this.lines.push(this.pending);
    this.pending = "";
    this.ended = true;
    this.wake();
  }

  read(): Promise<string | undefined> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.wake();
    });
  }

  private wake(): void {
    while (this.waiters.length && (this.lines.length || this.ended))
      this.waiters.shift()!(this.lines.shift());
  }
}
