// Server logs name a database error in one line. Prisma's messages span many: the
// invocation, a code frame of the calling source, and the cause last ("Can't reach
// database server at …"); the error object printed whole adds the stack and the driver
// adapter's own stack. The cause and the error's code are what an operator acts on.

/** The error's cause in one line: its message's last line, with its code when it has one. */
export function errorLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error).split("\n")[0]!;
  const lines = error.message
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const cause = lines.at(-1) ?? error.name;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && !cause.includes(code) ? `${cause} (${code})` : cause;
}
