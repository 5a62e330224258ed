"use client";

// The lab's work area: a tabbed pane (editor, cluster picture, request trace) over
// the terminal, all bound to the lab's sandbox. The editor's buttons run in the
// terminal; every command bumps `revision` so the picture and the trace refresh.

import { useCallback, useRef, useState, type KeyboardEvent } from "react";
import { ClusterPicture } from "@/components/cluster-picture/cluster-picture";
import { WorkspaceEditorLoader } from "@/components/editor/workspace-editor-loader";
import { KubeconfigButton } from "@/components/kubeconfig/kubeconfig-button";
import { LabTerminalLoader } from "@/components/terminal/lab-terminal-loader";
import type { EditRequest, ExecResult, TerminalApi } from "@/components/terminal/lab-terminal";
import type { EditorCommand } from "@/lib/workspace/editor-actions";
import { LabControlPanel } from "./lab-control-panel";
import { RequestTrace } from "./request-trace";

type Tab = "editor" | "picture" | "trace" | "control";
const TABS: { id: Tab; label: string }[] = [
  { id: "editor", label: "에디터" },
  { id: "picture", label: "클러스터 그림" },
  { id: "trace", label: "요청 흐름" },
  { id: "control", label: "제어판" },
];

interface Props {
  labId: string;
  sandboxId: string;
  initialCommand?: string;
  openText?: string;
}

export function LabWorkspace({
  labId,
  sandboxId: initialSandbox,
  initialCommand,
  openText,
}: Props) {
  const [sandboxId, setSandboxId] = useState(initialSandbox);
  const [tab, setTab] = useState<Tab>(openText || !initialCommand ? "editor" : "picture");
  const [revision, setRevision] = useState(0);
  const [edit, setEdit] = useState<EditRequest | null>(null);
  const terminal = useRef<TerminalApi | null>(null);
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({
    editor: null,
    picture: null,
    trace: null,
    control: null,
  });

  const onTabKey = (event: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next =
      event.key === "ArrowRight"
        ? (i + 1) % TABS.length
        : event.key === "ArrowLeft"
          ? (i + TABS.length - 1) % TABS.length
          : -1;
    if (next < 0) return;
    event.preventDefault();
    setTab(TABS[next]!.id);
    tabRefs.current[TABS[next]!.id]?.focus();
  };

  const runFromEditor = useCallback(async (c: EditorCommand) => {
    if (!terminal.current) return;
    await terminal.current.run(c.command, { stdin: c.stdin, display: c.display });
  }, []);

  const onEditResult = useCallback((r: ExecResult) => {
    terminal.current?.print(r);
    setEdit(r.edit ?? null);
    setRevision((v) => v + 1);
  }, []);

  const onEditClose = useCallback(() => {
    terminal.current?.print({ stdout: "", stderr: "Edit cancelled, no changes made.\n" });
    setEdit(null);
  }, []);

  const reset = useCallback(async (): Promise<string | null> => {
    const r = await fetch(`/api/labs/${labId}/reset`, { method: "POST" }).catch(() => null);
    const body = (await r?.json().catch(() => null)) as {
      sandboxId?: string;
      error?: { message?: string };
    } | null;
    if (!r?.ok || !body?.sandboxId) {
      window.alert(
        body?.error?.message ?? "실습을 초기화하지 못했습니다. 잠시 후 다시 시도하세요.",
      );
      return null;
    }
    setSandboxId(body.sandboxId);
    setRevision((v) => v + 1);
    return body.sandboxId;
  }, [labId]);

  return (
    <div className="grid min-h-0 gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="tablist" aria-label="작업 영역" className="flex gap-1" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                tabRefs.current[t.id] = el;
              }}
              id={`lab-tab-${t.id}`}
              role="tab"
              type="button"
              aria-selected={tab === t.id}
              aria-controls={`lab-panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
              className={`rounded-md px-3 py-1.5 text-sm font-medium ${
                tab === t.id ? "bg-primary text-primary-foreground" : "hover:bg-accent"
              }`}
            >
              {t.label}
            </button>
          ))}
        </div>
        <KubeconfigButton sandboxId={sandboxId} />
      </div>
      {TABS.map((t) => (
        <div
          key={t.id}
          id={`lab-panel-${t.id}`}
          role="tabpanel"
          aria-labelledby={`lab-tab-${t.id}`}
          hidden={tab !== t.id}
          className="h-[min(60dvh,36rem)] min-h-[22rem] overflow-auto"
        >
          {t.id === "editor" && (
            <WorkspaceEditorLoader
              workspace={labId}
              openText={openText}
              onRun={runFromEditor}
              sandboxId={sandboxId}
              editSession={edit}
              onEditResult={onEditResult}
              onEditClose={onEditClose}
            />
          )}
          {t.id === "picture" && tab === "picture" && (
            <ClusterPicture sandboxId={sandboxId} revision={revision} />
          )}
          {t.id === "trace" && tab === "trace" && (
            <RequestTrace sandboxId={sandboxId} revision={revision} />
          )}
          {t.id === "control" && (
            <LabControlPanel
              labId={labId}
              onDone={(message) => {
                terminal.current?.print({ stdout: `# ${message}\n`, stderr: "" });
                setRevision((v) => v + 1);
              }}
            />
          )}
        </div>
      ))}
      <section aria-label="터미널" className="h-[min(50dvh,28rem)] min-h-[18rem]">
        <LabTerminalLoader
          key={sandboxId}
          sandboxId={sandboxId}
          initialCommand={initialCommand}
          onReady={(api) => {
            terminal.current = api;
          }}
          onCommandDone={() => setRevision((v) => v + 1)}
          onEdit={(e) => {
            setEdit(e);
            setTab("editor");
          }}
          onReset={reset}
        />
      </section>
    </div>
  );
}
