// Runs one terminal line: lex it, run each pipeline stage with the previous stage's
// stdout as stdin, and return the last stage's output (stderr of every stage, like a
// terminal shows it). Errors become the tool's own text and exit code; nothing here
// ever throws for bad input, so a session cannot crash.

import { CliError } from "../errors";
import { etcdctl } from "../etcdctl/etcdctl";
import { kubeadm } from "../kubeadm/kubeadm";
import { kubectl } from "../kubectl/kubectl";
import type { CliEnv, CommandContext, CommandResult, Session } from "../types";
import { cat, echo, history, journalctl, ls, tailFile, tcpdump } from "./builtins";
import { helpText } from "./help";
import { hostFiles } from "./host";
import { lex } from "./lex";
import { grep, head, sort, tail, wc } from "./text-filters";

/** Lines longer than this are refused before parsing (bash would accept them, we need not). */
export const MAX_LINE = 16 * 1024;

type Runner = (
  argv: readonly string[],
  ctx: CommandContext,
) => Promise<CommandResult> | CommandResult;

export const COMMANDS: Record<string, Runner> = {
  kubectl,
  k: kubectl,
  etcdctl,
  kubeadm,
  grep: (a, c) => grep(a, c.stdin),
  head: (a, c) => head(a, c.stdin),
  tail: async (a, c) => (await tailFile(a, c)) ?? tail(a, c.stdin),
  wc: (a, c) => wc(a, c.stdin),
  sort: (a, c) => sort(a, c.stdin),
  cat,
  ls,
  echo: (a) => echo(a),
  history: (_a, c) => history(c),
  help: () => ({ stdout: helpText(Object.keys(COMMANDS)), stderr: "", exitCode: 0 }),
  clear: () => ({ stdout: "", stderr: "", exitCode: 0, clear: true }),
  journalctl,
  tcpdump,
  pwd: () => ({ stdout: "/root\n", stderr: "", exitCode: 0 }),
  whoami: () => ({ stdout: "root\n", stderr: "", exitCode: 0 }),
  hostname: async (_a, c) => {
    return { stdout: `${hostFiles(await c.env.state()).host}\n`, stderr: "", exitCode: 0 };
  },
};

function toResult(e: unknown, env?: CliEnv): CommandResult {
  // The sandbox's storage failing (database unreachable) fails the request itself:
  // printed as a tool error it would look like the command ran and lost its effect.
  if (env?.isUnavailable?.(e)) throw e;
  if (e instanceof CliError)
    // Like kubectl's fatal(): a message already ending in a newline gets no second one.
    return {
      stdout: e.stdout,
      stderr: e.stderr ? (e.stderr.endsWith("\n") ? e.stderr : `${e.stderr}\n`) : "",
      exitCode: e.exitCode,
    };
  // A bug in the simulator must not look like a tool's error, nor kill the session.
  const msg = e instanceof Error ? e.message : String(e);
  return { stdout: "", stderr: `시뮬레이터 내부 오류: ${msg}\n`, exitCode: 1 };
}

export async function runCommandLine(
  line: string,
  env: CliEnv,
  session: Session,
  /** Input of the first command (the editor sends a file for `kubectl apply -f -`). */
  input = "",
): Promise<CommandResult> {
  if (line.length > MAX_LINE)
    return { stdout: "", stderr: `bash: 명령이 너무 깁니다 (최대 ${MAX_LINE}자)\n`, exitCode: 2 };
  // Control characters other than tab cannot come from a keyboard line; bash would
  // pass them on as part of words, which only produces confusing errors.
  const clean = line.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
  let stages: string[][];
  try {
    stages = lex(clean).stages;
  } catch (e) {
    return toResult(e);
  }
  if (stages.length === 0 || stages[0]!.length === 0)
    return { stdout: "", stderr: "", exitCode: 0 };
  let stdin = input;
  let stderr = "";
  let last: CommandResult = { stdout: "", stderr: "", exitCode: 0 };
  let sessionChange: CommandResult["session"];
  let clear = false;
  let edit: CommandResult["edit"];
  for (const argv of stages) {
    const prog = argv[0]!;
    const run = COMMANDS[prog];
    if (!run) {
      last = { stdout: "", stderr: `${prog}: command not found\n`, exitCode: 127 };
    } else {
      try {
        last = await run(argv, { env, session, stdin });
      } catch (e) {
        last = toResult(e, env);
      }
    }
    stderr += last.stderr;
    stdin = last.stdout;
    if (last.session) sessionChange = { ...sessionChange, ...last.session };
    if (last.clear) clear = true;
    if (last.edit) edit = last.edit;
  }
  return {
    stdout: last.stdout,
    stderr,
    exitCode: last.exitCode,
    ...(sessionChange ? { session: sessionChange } : {}),
    ...(clear ? { clear } : {}),
    ...(edit ? { edit } : {}),
  };
}
