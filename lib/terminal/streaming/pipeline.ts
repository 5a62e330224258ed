// A streaming line split at its first pipe: the streaming command, then the filters its
// output flows through (`tail -f /var/log/audit.log | grep "Pod"`), applied to each chunk
// as the chunk arrives - as a pipe does.

import { COMMANDS, type CliEnv, type Session } from "@/lib/sim/cli";
import { lex } from "@/lib/sim/cli/shell/lex";

export interface StreamingLine {
  head: string[];
  filters: string[][];
}

export function splitPipeline(line: string): StreamingLine {
  const clean = line.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
  const [head = [], ...filters] = lex(clean).stages;
  return { head, filters };
}

/** bash-quoted words: how a stage is turned back into a line for the CLI. */
export function joinWords(words: readonly string[]): string {
  return words
    .map((w) => (/^[\w./:=,@%+-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`))
    .join(" ");
}

export async function applyFilters(
  text: string,
  filters: readonly string[][],
  env: CliEnv,
  session: Session,
): Promise<{ stdout: string; stderr: string }> {
  let stdin = text;
  let stderr = "";
  for (const argv of filters) {
    const run = COMMANDS[argv[0]!];
    if (!run) return { stdout: "", stderr: `${argv[0]}: command not found\n` };
    const r = await run(argv, { env, session, stdin });
    stderr += r.stderr;
    stdin = r.stdout;
  }
  return { stdout: stdin, stderr };
}
