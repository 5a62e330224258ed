// Pure, shared by the browser terminal (components/terminal) and its tests.
// When a typed line opens an interactive container shell (`kubectl exec -it POD -- sh`),
// and how typed or pasted input reaches it: one line at a time, each posted to
// POST /api/sandboxes/:id/shell and answered (output, next prompt) before the next
// is shown, as a real shell reads its tty line by line.

import { lex } from "@/lib/sim/cli/shell/lex";
import { handleInput, type LineState } from "./line-editor";

const SHELLS = new Set(["sh", "bash", "/bin/sh", "/bin/bash"]);

/** kubectl exec's and kubectl's global flags that take a value (`-n ns`, `--container c`…). */
const SHORT_VALUE = new Set(["c", "f", "n", "s", "v"]);
const LONG_VALUE = new Set([
  "container",
  "filename",
  "pod-running-timeout",
  "namespace",
  "context",
  "cluster",
  "user",
  "server",
  "kubeconfig",
  "token",
  "as",
  "as-group",
  "as-uid",
  "request-timeout",
  "certificate-authority",
  "client-certificate",
  "client-key",
  "tls-server-name",
  "cache-dir",
  "v",
]);

/** Whether kubectl's flags before `--` ask for stdin (-i, --stdin, -it, -ti, -itn ns…). */
function asksStdin(flags: readonly string[]): boolean {
  let stdin = false;
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i]!;
    if (f.startsWith("--")) {
      const [name, value] = f.slice(2).split("=", 2) as [string, string | undefined];
      if (name === "stdin") stdin = value === undefined || value === "true";
      else if (value === undefined && LONG_VALUE.has(name)) i++;
    } else if (f.startsWith("-") && f.length > 1) {
      for (let j = 1; j < f.length; j++) {
        const c = f[j]!;
        if (c === "i") stdin = true;
        if (SHORT_VALUE.has(c)) {
          if (j === f.length - 1) i++; // the value is the next word
          break;
        }
      }
    }
  }
  return stdin;
}

/**
 * True when the line is `kubectl|k exec … -i … -- sh` (or bash, /bin/sh, /bin/bash)
 * alone on the line: the terminal then opens the shell through the shell route. A
 * pipe into it, or no -i, runs as an ordinary command (the shell reads the pipe, or
 * nothing). The server decides for good: a line it does not open runs normally.
 */
export function opensShell(line: string): boolean {
  let stages: string[][];
  try {
    stages = lex(line).stages;
  } catch {
    return false;
  }
  const words = stages[0];
  if (stages.length !== 1 || !words) return false;
  if ((words[0] !== "kubectl" && words[0] !== "k") || words[1] !== "exec") return false;
  const dd = words.indexOf("--");
  if (dd < 0 || dd !== words.length - 2 || !SHELLS.has(words[dd + 1]!)) return false;
  return asksStdin(words.slice(2, dd));
}

/**
 * Splits input at the end of its first line: what the line editor gets now (ending
 * in Enter), and what waits until the shell answered that line. A paste of several
 * lines thus runs each line in turn, its output before the next line.
 */
export function splitFirstLine(data: string): [now: string, later: string] {
  const m = /\r\n|\r|\n/.exec(data);
  if (!m) return [data, ""];
  return [`${data.slice(0, m.index)}\r`, data.slice(m.index + m[0].length)];
}

/**
 * What the line editor gets now of typed or pasted `data`, and what waits for the
 * shell's answer: inside a shell, one line at a time; at the outer prompt, a paste
 * whose first line opens a shell stops there (its other lines go into the shell).
 */
export function inputNow(data: string, inShell: boolean, line: LineState): [string, string] {
  const [now, later] = splitFirstLine(data);
  if (inShell || !later) return inShell ? [now, later] : [data, ""];
  const opening = handleInput(line, now).actions.find((a) => a.type === "submit");
  return opening?.type === "submit" && opensShell(opening.line) ? [now, later] : [data, ""];
}
