"use client";

// The lab editor: the learner's workspace files in Monaco with YAML validation,
// completion and hover from the workspace schema (Kubernetes kinds + kubeadm
// configs), drafts saved as they type, and buttons that run the file in the
// terminal: 적용 (kubectl apply -f -), 검증 and kubeadm init for kubeadm configs.

import Editor, { type OnValidate } from "@monaco-editor/react";
import { CheckCircle2, FilePlus2, Play, Rocket, Trash2 } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  applyCommand,
  fileForOpenedText,
  initCommand,
  isKubeadmConfig,
  validateCommand,
  type EditorCommand,
} from "@/lib/workspace/editor-actions";
import type { EditRequest, ExecResult } from "@/components/terminal/lab-terminal";
import { EditSessionPane } from "./edit-session-pane";
import { setupMonaco } from "./monaco-setup";
import { useWorkspaceFiles } from "./use-workspace-files";

export interface Problem {
  line: number;
  message: string;
  severity: "error" | "warning";
}

interface Props {
  workspace: string;
  /** Text from the lesson's "에디터에서 열기": opened as a new file. */
  openText?: string;
  /** Runs a command in the terminal pane. */
  onRun: (command: EditorCommand) => Promise<void>;
  sandboxId: string;
  /** An open `kubectl edit` session: shown instead of the workspace files. */
  editSession?: EditRequest | null;
  onEditResult?: (result: ExecResult) => void;
  onEditClose?: () => void;
}

const STATE_TEXT = { saved: "저장됨", dirty: "저장 대기…", saving: "저장 중…", error: "저장 실패" };

function useDarkTheme(): boolean {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const read = () => {
      const t = document.documentElement.dataset.theme;
      setDark(
        t === "dark" ||
          (t !== "light" && window.matchMedia("(prefers-color-scheme: dark)").matches),
      );
    };
    read();
    const observer = new MutationObserver(read);
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-theme"],
    });
    return () => observer.disconnect();
  }, []);
  return dark;
}

export function WorkspaceEditor({
  workspace,
  openText,
  onRun,
  sandboxId,
  editSession,
  onEditResult,
  onEditClose,
}: Props) {
  const { files, loadError, change, saveNow, create, remove } = useWorkspaceFiles(workspace);
  const [monacoReady, setMonacoReady] = useState(false);
  const [setupError, setSetupError] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [newName, setNewName] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const opened = useRef(false);
  const dark = useDarkTheme();

  useEffect(() => {
    setupMonaco()
      .then(() => setMonacoReady(true))
      .catch(() => setSetupError("에디터를 불러오지 못했습니다. 페이지를 새로 고치세요."));
  }, []);

  // The lesson's "에디터에서 열기": once the drafts are known, open (or create) its file.
  useEffect(() => {
    if (!files || opened.current) return;
    opened.current = true;
    if (!openText) return;
    const target = fileForOpenedText(openText, files);
    void (target.isNew ? create(target.path, openText) : Promise.resolve(null)).then((e) => {
      setMessage(e);
      setActive(target.path);
    });
  }, [files, openText, create]);

  const activePath = active ?? files?.[0]?.path ?? null;
  const file = files?.find((f) => f.path === activePath) ?? null;

  const onValidate: OnValidate = (markers) =>
    setProblems(
      markers
        .filter((m) => m.severity >= 4)
        .map((m) => ({
          line: m.startLineNumber,
          message: m.message,
          severity: m.severity >= 8 ? "error" : "warning",
        })),
    );

  async function addFile(event: React.FormEvent) {
    event.preventDefault();
    const name = newName.trim();
    if (!name) return;
    const error = await create(name, "");
    setMessage(error);
    if (!error) {
      setActive(name.replace(/^\.\//, ""));
      setNewName("");
    }
  }

  async function deleteFile() {
    if (!file || !window.confirm(`"${file.path}" 파일을 지울까요? 되돌릴 수 없습니다.`)) return;
    const error = await remove(file.path);
    setMessage(error);
    if (!error) setActive(files?.find((f) => f.path !== file.path)?.path ?? null);
  }

  async function run(command: EditorCommand) {
    if (!file) return;
    setRunning(true);
    try {
      if (command.needsSavedFile) {
        const error = await saveNow(file.path);
        if (error) return setMessage(error);
      }
      setMessage(null);
      await onRun(command);
    } finally {
      setRunning(false);
    }
  }

  if (editSession) {
    return (
      <EditSessionPane
        key={editSession.content}
        sandboxId={sandboxId}
        session={editSession}
        dark={dark}
        onResult={(r) => onEditResult?.(r)}
        onClose={() => onEditClose?.()}
      />
    );
  }

  if (loadError || setupError) {
    return (
      <p role="alert" className="text-destructive p-4 text-sm">
        {loadError ?? setupError}
      </p>
    );
  }

  return (
    <div className="flex h-full min-h-[24rem] flex-col gap-2" data-testid="workspace-editor">
      <div className="flex flex-wrap items-center gap-2">
        <div role="tablist" aria-label="작업 파일" className="flex flex-wrap gap-1">
          {(files ?? []).map((f) => (
            <button
              key={f.path}
              role="tab"
              type="button"
              aria-selected={f.path === activePath}
              onClick={() => setActive(f.path)}
              className={`rounded-md border px-2 py-1 font-mono text-xs ${
                f.path === activePath ? "bg-accent border-primary" : "border-input"
              }`}
            >
              {f.path}
              {f.state !== "saved" && <span aria-label={STATE_TEXT[f.state]}> •</span>}
            </button>
          ))}
        </div>
        <form onSubmit={addFile} className="flex items-center gap-1">
          <label htmlFor={`new-file-${workspace}`} className="sr-only">
            새 파일 이름
          </label>
          <input
            id={`new-file-${workspace}`}
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
            placeholder="새 파일.yaml"
            className="border-input bg-background h-8 w-36 rounded-md border px-2 font-mono text-xs"
          />
          <Button type="submit" size="sm" variant="outline" disabled={!newName.trim()}>
            <FilePlus2 aria-hidden />새 파일
          </Button>
        </form>
      </div>

      {file && (
        <div className="flex flex-wrap items-center gap-2">
          <Button
            size="sm"
            disabled={running}
            onClick={() => run(applyCommand(file.path, file.content))}
          >
            <Play aria-hidden />
            적용
          </Button>
          {isKubeadmConfig(file.content) && (
            <>
              <Button
                size="sm"
                variant="outline"
                disabled={running}
                onClick={() => run(validateCommand(file.path))}
              >
                <CheckCircle2 aria-hidden />
                검증
              </Button>
              <Button
                size="sm"
                variant="outline"
                disabled={running}
                onClick={() => run(initCommand(file.path))}
              >
                <Rocket aria-hidden />
                kubeadm init
              </Button>
            </>
          )}
          <Button size="sm" variant="ghost" onClick={deleteFile} aria-label={`${file.path} 삭제`}>
            <Trash2 aria-hidden />
          </Button>
          <span className="text-muted-foreground text-xs" aria-live="polite">
            {running ? "실행 중…" : file.state === "error" ? file.error : STATE_TEXT[file.state]}
          </span>
        </div>
      )}
      {message && (
        <p role="alert" className="text-destructive text-sm">
          {message}
        </p>
      )}

      <div className="min-h-0 flex-1 overflow-hidden rounded-md border">
        {!files || !monacoReady ? (
          <p className="text-muted-foreground flex h-full min-h-[16rem] items-center justify-center text-sm">
            에디터를 불러오는 중…
          </p>
        ) : file ? (
          <Editor
            path={`file:///workspace/${workspace}/${file.path}`}
            defaultLanguage="yaml"
            defaultValue={file.content}
            theme={dark ? "vs-dark" : "light"}
            onChange={(value) => change(file.path, value ?? "")}
            onValidate={onValidate}
            options={{
              minimap: { enabled: false },
              fontSize: 13,
              tabSize: 2,
              scrollBeyondLastLine: false,
              automaticLayout: true,
              ariaLabel: `${file.path} 편집기`,
            }}
          />
        ) : (
          <p className="text-muted-foreground flex h-full min-h-[16rem] items-center justify-center p-4 text-center text-sm">
            파일이 없습니다. 위에서 새 파일을 만드세요. (예: pod.yaml)
          </p>
        )}
      </div>

      {file && (
        <section aria-label="문제" data-testid="editor-problems" data-count={problems.length}>
          <h3 className="text-sm font-semibold">문제 {problems.length}개</h3>
          <ul className="max-h-28 overflow-auto text-xs">
            {problems.map((p, i) => (
              <li key={i} className={p.severity === "error" ? "text-destructive" : ""}>
                {p.severity === "error" ? "오류" : "경고"} · {p.line}번 줄: {p.message}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
