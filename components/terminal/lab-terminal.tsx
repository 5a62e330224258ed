"use client";

// The lab terminal: xterm.js with local echo and line editing (lib/terminal/line-editor),
// commands sent to POST /api/sandboxes/:id/exec, -w/-f/watch streamed over SSE until
// Ctrl-C, Tab completion, ↑/↓ history persisted per sandbox, copy/paste, reset.
// The lab workspace drives it too: a command typed in from a lesson link (not run),
// the editor's buttons running commands here (with the file as stdin), and
// `kubectl edit` answers handed to the editor.

import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import { RotateCcw } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { EditSession } from "@/lib/sim/cli";
import { commonPrefix, handleInput, initialLine, type LineState } from "@/lib/terminal/line-editor";
import { snapshotForm } from "@/lib/terminal/streaming-form";
import {
  feedLine,
  interactiveInput,
  withoutEcho,
  type InteractiveInput,
} from "@/lib/terminal/interactive-input";

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

interface Props {
  sandboxId: string;
  host?: string;
  /** Typed in at the first prompt, not run (the lesson's "실습 터미널에서 실행"). */
  initialCommand?: string;
  onReady?: (api: TerminalApi) => void;
  /** After every command (the cluster picture and trace refresh). */
  onCommandDone?: (command: string, result: ExecResult | null) => void;
  onEdit?: (edit: EditRequest) => void;
  /** Replaces the built-in reset (a lab resets to its own start); returns the new sandbox id. */
  onReset?: () => Promise<string | null>;
}

const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");
const WELCOME =
  "Kubelab 실습 터미널입니다. 'help'로 사용할 수 있는 명령을 보세요.\r\n" +
  "이 터미널의 명령은 내 샌드박스 클러스터(쿠버네티스 1.28 시뮬레이션)에서 실행됩니다.\r\n\r\n";

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = (await r.json()) as T & { error?: { message: string } };
  if (!r.ok) throw new Error(data.error?.message ?? `HTTP ${r.status}`);
  return data;
}

export function LabTerminal({
  sandboxId: initialId,
  host = "master1",
  initialCommand,
  onReady,
  onCommandDone,
  onEdit,
  onReset,
}: Props) {
  const el = useRef<HTMLDivElement>(null);
  // Callbacks change identity on every render of the page; the terminal must not restart.
  const callbacks = useRef({ onReady, onCommandDone, onEdit });
  useEffect(() => {
    callbacks.current = { onReady, onCommandDone, onEdit };
  });
  const pendingCommand = useRef(initialCommand);
  const [sandboxId, setSandboxId] = useState(initialId);
  const [resetting, setResetting] = useState(false);
  const [namespace, setNamespace] = useState("default");

  useEffect(() => {
    const term = new Terminal({
      cursorBlink: true,
      convertEol: false,
      fontFamily: "'D2Coding', 'Pretendard', ui-monospace, monospace",
      fontSize: 14,
      scrollback: 5000,
      theme: { background: "#0b1020" },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el.current!);
    fit.fit();
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(el.current!);

    let line: LineState = initialLine();
    let busy = false;
    let stream: EventSource | null = null;
    // `etcdctl txn` reading its sections from the terminal, line by line.
    let input: InteractiveInput | null = null;
    const session = { namespace: "default", context: "kubernetes-admin@kubernetes" };
    const prompt = () =>
      term.write(
        `\x1b[32mroot@${host}\x1b[0m:\x1b[34m~\x1b[0m \x1b[33m(${session.context}:${session.namespace})\x1b[0m# `,
      );
    const finish = (extraNewline: boolean) => {
      busy = false;
      if (extraNewline) term.write("\r\n");
      prompt();
    };

    // Commands from the page (the editor's buttons) never stream: `kubectl apply -f -`
    // carries a file, not a follow flag.
    const run = async (
      command: string,
      stdin?: string,
      mayStream = true,
      echoed = "",
    ): Promise<ExecResult | null> => {
      if (!command.trim()) {
        prompt();
        return null;
      }
      busy = true;
      if (mayStream && snapshotForm(command) !== undefined) {
        const params = new URLSearchParams({ command, namespace: session.namespace });
        stream = new EventSource(`/api/sandboxes/${sandboxId}/stream?${params}`);
        stream.addEventListener("stdout", (e) => term.write(crlf(JSON.parse(e.data) as string)));
        stream.addEventListener("stderr", (e) => term.write(crlf(JSON.parse(e.data) as string)));
        stream.addEventListener("exit", () => {
          stream?.close();
          stream = null;
          finish(false);
          callbacks.current.onCommandDone?.(command, null);
        });
        return null;
      }
      try {
        const r = await postJson<ExecResult>(`/api/sandboxes/${sandboxId}/exec`, {
          command,
          ...session,
          ...(stdin !== undefined ? { stdin } : {}),
        });
        if (r.clear) term.clear();
        // Prompts and lines typed for an interactive command are on screen already.
        term.write(crlf(withoutEcho(r.stdout, echoed)));
        term.write(crlf(r.stderr));
        if (r.session?.namespace) {
          session.namespace = r.session.namespace;
          setNamespace(r.session.namespace);
        }
        if (r.session?.context) session.context = r.session.context;
        // Like zsh, start the prompt on a fresh line after output without a newline (get --raw).
        const out = r.stderr || r.stdout;
        finish(out !== "" && !out.endsWith("\n"));
        if (r.edit) callbacks.current.onEdit?.(r.edit);
        callbacks.current.onCommandDone?.(command, r);
        return r;
      } catch (e) {
        term.write(`\x1b[31m${(e as Error).message}\x1b[0m\r\n`);
        finish(false);
        callbacks.current.onCommandDone?.(command, null);
        return null;
      }
    };

    const submit = (text: string) => {
      if (input) {
        const r = feedLine(input, text);
        input = r.state;
        term.write(crlf(r.write));
        if (r.stdin !== undefined) {
          const done = input;
          input = null;
          void run(done.command, r.stdin, false, done.prompts ? done.echoed : "");
        }
        return;
      }
      const started = interactiveInput(text);
      if (started) {
        input = started;
        term.write(crlf(started.echoed));
        return;
      }
      void run(text);
    };

    const typeText = (text: string) => {
      const r = handleInput(line, text.replace(/[\r\n]+/g, " "));
      line = r.state;
      r.actions.forEach((a) => a.type === "write" && term.write(a.data));
    };

    const api: TerminalApi = {
      run: async (command, opts = {}) => {
        if (busy) {
          term.write("\r\n\x1b[33m이전 명령이 끝난 뒤에 다시 실행하세요.\x1b[0m\r\n");
          prompt();
          term.write(line.buffer);
          return null;
        }
        // Whatever was half-typed is replaced by the command, as if the learner typed it.
        term.write("\x1b[2K\r");
        prompt();
        term.write(`${opts.display ?? command}\r\n`);
        line = initialLine([...line.history, opts.display ?? command]);
        return run(command, opts.stdin, false);
      },
      type: typeText,
      print: ({ stdout, stderr }) => {
        if (busy) return;
        term.write("\x1b[2K\r");
        term.write(crlf(stdout));
        term.write(crlf(stderr));
        const out = stderr || stdout;
        finish(out !== "" && !out.endsWith("\n"));
        term.write(line.buffer);
      },
      focus: () => term.focus(),
    };

    const complete = async (text: string) => {
      try {
        const r = await postJson<{ word: string; candidates: string[] }>(
          `/api/sandboxes/${sandboxId}/complete`,
          { line: text, namespace: session.namespace },
        );
        if (!r.candidates.length) return;
        const insert = (
          r.candidates.length === 1 ? `${r.candidates[0]} ` : commonPrefix(r.candidates)
        ).slice(r.word.length);
        if (insert) {
          const res = handleInput(line, insert);
          line = res.state;
          res.actions.forEach((a) => a.type === "write" && term.write(a.data));
        } else if (r.candidates.length > 1) {
          term.write(`\r\n${r.candidates.join("  ")}\r\n`);
          prompt();
          term.write(line.buffer);
          const back = line.buffer.length - line.cursor;
          if (back > 0) term.write(`\x1b[${back}D`);
        }
      } catch {
        /* completion is best effort */
      }
    };

    // Ctrl-C copies when text is selected (and interrupts otherwise); Ctrl-Shift-C/V copy/paste.
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

    const onData = term.onData((data) => {
      if (busy) {
        if (data === "\x03") {
          stream?.close();
          stream = null;
          term.write("^C\r\n");
          finish(false);
        }
        return;
      }
      const r = handleInput(line, data);
      line = r.state;
      for (const a of r.actions) {
        if (a.type === "write") term.write(a.data);
        else if (a.type === "submit") submit(a.line);
        else if (a.type === "complete") void complete(a.line);
        else if (a.type === "interrupt") {
          input = null; // Ctrl-C ends an interactive command without running it
          prompt();
        } else if (a.type === "clear") {
          term.clear();
          term.write("\x1b[2K\r");
          prompt();
          term.write(line.buffer);
        }
      }
    });

    term.write(WELCOME);
    void fetch(`/api/sandboxes/${sandboxId}/history`)
      .then((r) => (r.ok ? (r.json() as Promise<{ history: string[] }>) : { history: [] }))
      .then((h) => {
        line = initialLine(h.history);
      })
      .finally(() => {
        prompt();
        if (pendingCommand.current) {
          typeText(pendingCommand.current);
          pendingCommand.current = undefined;
        }
        term.focus();
        callbacks.current.onReady?.(api);
      });

    return () => {
      stream?.close();
      onData.dispose();
      observer.disconnect();
      term.dispose();
    };
  }, [sandboxId, host]);

  const reset = async () => {
    if (
      !window.confirm(
        "샌드박스를 처음 상태로 되돌릴까요? 지금까지 만든 리소스와 명령 기록이 지워집니다.",
      )
    )
      return;
    setResetting(true);
    try {
      const id = onReset
        ? await onReset()
        : (await postJson<{ id: string }>(`/api/sandboxes/${sandboxId}/reset`, {})).id;
      if (!id) return;
      setNamespace("default");
      setSandboxId(id);
    } finally {
      setResetting(false);
    }
  };

  return (
    <div className="flex h-full min-h-[28rem] flex-col gap-2">
      <div className="flex items-center justify-between gap-2 text-sm">
        <span className="text-muted-foreground">
          컨텍스트 kubernetes-admin@kubernetes · 네임스페이스 {namespace}
        </span>
        <Button variant="outline" size="sm" onClick={reset} disabled={resetting}>
          <RotateCcw aria-hidden className="size-4" />
          {resetting ? "초기화 중…" : "샌드박스 초기화"}
        </Button>
      </div>
      <div
        ref={el}
        role="application"
        aria-label="실습 터미널"
        data-testid="lab-terminal"
        className="min-h-0 flex-1 overflow-hidden rounded-md bg-[#0b1020] p-2"
      />
    </div>
  );
}
