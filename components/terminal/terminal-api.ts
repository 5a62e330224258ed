// The lab terminal's contract with the lab page and the server: what a command
// answers, how the page drives the terminal, the JSON POST helper, clipboard keys.

import type { Terminal } from "@xterm/xterm";
import type { EditSession } from "@/lib/sim/cli";
import { commonPrefix } from "@/lib/terminal/line-editor";

/** What `kubectl edit` hands to the editor: kubectl's temp file and how to save it. */
export type EditRequest = EditSession;

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  session?: { namespace?: string; context?: string };
  clear?: boolean;
  edit?: EditRequest;
}

/** How the rest of the lab page drives the terminal. */
export interface TerminalApi {
  /** Runs a command as if typed (shown as `display` when given), with optional stdin. */
  run(command: string, opts?: { stdin?: string; display?: string }): Promise<ExecResult | null>;
  /** Types text at the prompt without running it. */
  type(text: string): void;
  /** Prints a command's output (e.g. `kubectl edit` saved from the editor), then a fresh prompt. */
  print(result: Pick<ExecResult, "stdout" | "stderr">): void;
  focus(): void;
}

export const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");
export const WELCOME =
  "Kubelab 실습 터미널입니다. 'help'로 사용할 수 있는 명령을 보세요.\r\n" +
  "이 터미널의 명령은 내 샌드박스 클러스터(쿠버네티스 1.28 시뮬레이션)에서 실행됩니다.\r\n\r\n";

export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = (await r.json()) as T & { error?: { message: string } };
  if (!r.ok) throw new Error(data.error?.message ?? `HTTP ${r.status}`);
  return data;
}

/** Ctrl-C copies when text is selected (and interrupts otherwise); Ctrl-Shift-C/V copy/paste. */
export function installClipboardKeys(term: Terminal): void {
  term.attachCustomKeyEventHandler((ev) => {
    if (ev.type !== "keydown") return true;
    const copy =
      (ev.ctrlKey && ev.shiftKey && ev.code === "KeyC") ||
      (ev.ctrlKey && ev.code === "KeyC" && term.hasSelection());
    if (copy) {
      void navigator.clipboard?.writeText(term.getSelection());
      return false;
    }
    if (ev.ctrlKey && ev.shiftKey && ev.code === "KeyV") {
      void navigator.clipboard?.readText().then((t) => term.paste(t));
      return false;
    }
    return true;
  });
}

/**
 * Tab: the server's candidates for the line up to the cursor. `insert` is what to type
 * (the one candidate and a space, or the common prefix); `list` the candidates to show
 * when nothing can be inserted. Best effort: null on any failure.
 */
export async function fetchCompletion(
  sandboxId: string,
  text: string,
  namespace: string,
): Promise<{ insert?: string; list?: string[] } | null> {
  try {
    const r = await postJson<{ word: string; candidates: string[] }>(
      `/api/sandboxes/${sandboxId}/complete`,
      { line: text, namespace },
    );
    if (!r.candidates.length) return null;
    const insert = (
      r.candidates.length === 1 ? `${r.candidates[0]} ` : commonPrefix(r.candidates)
    ).slice(r.word.length);
    if (insert) return { insert };
    return r.candidates.length > 1 ? { list: r.candidates } : null;
  } catch {
    return null;
  }
}
