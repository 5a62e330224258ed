// The browser's side of an open container shell (`kubectl exec -it POD -- sh`): the
// handle the shell route gave, its prompt and `$?`, and the outer line editor to
// return to; each line (or Ctrl-D) goes to POST /api/sandboxes/:id/shell.

import type { ShellHandle, ShellLineResult } from "@/lib/terminal/container-shell";
import type { LineState } from "@/lib/terminal/line-editor";
import { crlf, postJson } from "./terminal-api";

export interface OpenShell {
  handle: ShellHandle;
  prompt: string;
  status: number;
  /** The `kubectl exec` line that opened it. */
  command: string;
  /** The outer terminal's line editor (its history), restored when the shell ends. */
  outer: LineState;
}

/** Sends one line (or EOF) and writes what the shell printed; true when the shell ended. */
export async function sendToShell(
  url: string,
  sh: OpenShell,
  body: { line: string } | { eof: true },
  write: (text: string) => void,
): Promise<boolean> {
  try {
    const r = await postJson<ShellLineResult>(url, {
      shell: sh.handle,
      status: sh.status,
      ...body,
    });
    write(crlf(r.stdout));
    write(crlf(r.stderr));
    if (r.exit !== undefined) return true;
    sh.status = r.status;
  } catch (e) {
    write(`\x1b[31m${(e as Error).message}\x1b[0m\r\n`);
    write(sh.prompt);
  }
  return false;
}
