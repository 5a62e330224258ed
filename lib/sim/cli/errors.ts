// The CLI's typed error: what the tool prints on stderr and the exit code it exits
// with. Commands throw it from deep helpers; the shell turns it into a result.

export class CliError extends Error {
  constructor(
    /** The exact text the real tool prints (without the trailing newline). */
    readonly stderr: string,
    readonly exitCode = 1,
    /** What the tool wrote to stdout before it failed (a printer's header, say). */
    readonly stdout = "",
  ) {
    super(stderr);
    this.name = "CliError";
  }
}

/** kubectl's generic `error: ...` (cmdutil.CheckErr exits 1). */
export const kubectlError = (msg: string) => new CliError(`error: ${msg}`, 1);
