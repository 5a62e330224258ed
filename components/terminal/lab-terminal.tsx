"use client";

// The lab terminal: xterm.js with local echo and line editing (lib/terminal/line-editor),
// commands sent to POST /api/sandboxes/:id/exec, -w/-f/watch streamed over SSE until
// Ctrl-C, Tab completion, ↑/↓ history persisted per sandbox, copy/paste, reset.
// `kubectl exec -it POD -- sh` opens a container shell: each line goes to
// POST /api/sandboxes/:id/shell, with its own history, until `exit` or Ctrl-D.
// The lab workspace drives it too: a command typed in from a lesson link (not run),
// the editor's buttons running commands here (with the file as stdin), and
// `kubectl edit` answers handed to the editor.

import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import { useEffect, useRef, useState } from "react";
import { handleInput, initialLine, visibleWidth, type LineState } from "@/lib/terminal/line-editor";
import { snapshotForm } from "@/lib/terminal/streaming-form";
import {
  feedLine,
  interactiveInput,
  withoutEcho,
  type InteractiveInput,
} from "@/lib/terminal/interactive-input";
import { inputNow, opensShell } from "@/lib/terminal/shell-mode";
import type { ShellOpenResult } from "@/lib/terminal/container-shell";
import { sendToShell, type OpenShell } from "./shell-client";
import { ResetButton } from "./reset-button";
import {
  crlf,
  fetchCompletion,
  installClipboardKeys,
  postJson,
  WELCOME,
  type EditRequest,
  type ExecResult,
  type TerminalApi,
} from "./terminal-api";

export type { EditRequest, ExecResult, TerminalApi } from "./terminal-api";

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
    // An open container shell: its handle, prompt and `$?`; the outer line (history) to return to.
    let shell: OpenShell | null = null;
    // Input typed or pasted while the shell runs a line: fed in once it answered.
    let typeAhead = "";
    const session = { namespace: "default", context: "kubernetes-admin@kubernetes" };
    const outerPrompt = () =>
      `\x1b[32mroot@${host}\x1b[0m:\x1b[34m~\x1b[0m \x1b[33m(${session.context}:${session.namespace})\x1b[0m# `;
    const prompt = () => term.write(shell ? shell.prompt : outerPrompt());
    /** The line with where it sits on screen now, so edits redraw across wrapped rows. */
    const laidOut = (): LineState => {
      const p = shell ? shell.prompt : input ? "" : outerPrompt();
      return { ...line, layout: { cols: term.cols, start: visibleWidth(p) } };
    };
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

    const shellUrl = `/api/sandboxes/${sandboxId}/shell`;

    const leaveShell = () => {
      const done = shell!;
      shell = null;
      typeAhead = "";
      line = done.outer;
      finish(false);
      callbacks.current.onCommandDone?.(done.command, null);
    };

    /** Input that waited for the shell's answer: the next line now, the rest after it. */
    const drainTypeAhead = () => {
      if (!typeAhead || busy) return;
      const data = typeAhead;
      typeAhead = "";
      feed(data);
    };

    const openShell = async (command: string) => {
      busy = true;
      try {
        const r = await postJson<ShellOpenResult>(shellUrl, { command, ...session });
        term.write(crlf(r.stderr));
        term.write(crlf(r.stdout));
        if (!r.shell) {
          const out = r.stderr || r.stdout;
          finish(out !== "" && !out.endsWith("\n"));
          callbacks.current.onCommandDone?.(command, r);
          drainTypeAhead(); // kubectl refused: what was typed after it goes to the outer shell
          return;
        }
        shell = { handle: r.shell, prompt: r.prompt ?? "", status: 0, command, outer: line };
        line = initialLine(); // the shell keeps its own history
        busy = false;
        drainTypeAhead();
      } catch (e) {
        term.write(`\x1b[31m${(e as Error).message}\x1b[0m\r\n`);
        finish(false);
        callbacks.current.onCommandDone?.(command, null);
      }
    };

    const shellInput = async (body: { line: string } | { eof: true }) => {
      busy = true;
      if (await sendToShell(shellUrl, shell!, body, (t) => term.write(t))) return leaveShell();
      busy = false;
      drainTypeAhead();
    };

    const submit = (text: string) => {
      if (shell) {
        void shellInput({ line: text });
        return;
      }
      if (opensShell(text)) {
        void openShell(text);
        return;
      }
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
      const r = handleInput(laidOut(), text.replace(/[\r\n]+/g, " "));
      line = r.state;
      r.actions.forEach((a) => a.type === "write" && term.write(a.data));
    };

    const api: TerminalApi = {
      run: async (command, opts = {}) => {
        if (shell) {
          term.write("\r\n\x1b[33m컨테이너 셸을 먼저 종료하세요 (exit 또는 Ctrl-D).\x1b[0m\r\n");
          prompt();
          term.write(line.buffer);
          return null;
        }
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
      const c = await fetchCompletion(sandboxId, text, session.namespace);
      if (c?.insert) {
        const res = handleInput(laidOut(), c.insert);
        line = res.state;
        res.actions.forEach((a) => a.type === "write" && term.write(a.data));
      } else if (c?.list) {
        term.write(`\r\n${c.list.join("  ")}\r\n`);
        prompt();
        term.write(line.buffer);
        const back = line.buffer.length - line.cursor;
        if (back > 0) term.write(`\x1b[${back}D`);
      }
    };

    installClipboardKeys(term);

    function feed(data: string) {
      if (shell && busy) {
        typeAhead += data; // the shell reads it after the current line
        return;
      }
      if (!busy && !input) {
        const [now, later] = inputNow(data, shell !== null, line);
        typeAhead = later + typeAhead;
        data = now;
      }
      if (busy) {
        if (data === "\x03") {
          stream?.close();
          stream = null;
          term.write("^C\r\n");
          finish(false);
        }
        return;
      }
      const r = handleInput(laidOut(), data);
      line = r.state;
      for (const a of r.actions) {
        if (a.type === "write") term.write(a.data);
        else if (a.type === "submit") submit(a.line);
        else if (a.type === "complete") {
          if (!shell) void complete(a.line);
        } else if (a.type === "interrupt") {
          input = null; // Ctrl-C ends an interactive command without running it
          // Without a tty, Ctrl-C stops kubectl itself; with one, the shell drops the line.
          if (shell && !shell.handle.tty) leaveShell();
          else prompt();
        } else if (a.type === "eof") {
          if (shell) {
            if (shell.handle.tty) term.write("\r\n"); // sh ends its prompt line at EOF
            void shellInput({ eof: true });
          }
        } else if (a.type === "clear") {
          term.clear();
          term.write("\x1b[2K\r");
          prompt();
          term.write(line.buffer);
        }
      }
    }
    const onData = term.onData(feed);

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

  return (
    <div className="flex h-full min-h-[28rem] flex-col gap-2">
      <div className="flex items-center justify-between gap-2 text-sm">
        <span className="text-muted-foreground">
          컨텍스트 kubernetes-admin@kubernetes · 네임스페이스 {namespace}
        </span>
        <ResetButton
          sandboxId={sandboxId}
          {...(onReset ? { onReset } : {})}
          onNewSandbox={(id) => {
            setNamespace("default");
            setSandboxId(id);
          }}
        />
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
