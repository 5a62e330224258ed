"use client";

// `kubectl edit` in the lab: the temp file kubectl would open in $EDITOR, shown in
// Monaco. "저장하고 적용" sends it back (kubectl then patches what changed); when
// kubectl would reopen the file (validation errors in its header) it comes back here.
// Closing without saving is kubectl's "Edit cancelled, no changes made."

import Editor from "@monaco-editor/react";
import { Save, X } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import type { EditRequest, ExecResult } from "@/components/terminal/lab-terminal";
import { setupMonaco } from "./monaco-setup";

interface Props {
  sandboxId: string;
  session: EditRequest;
  /** The save's output for the terminal; `session.edit` present = reopen. */
  onResult: (result: ExecResult) => void;
  onClose: () => void;
  dark: boolean;
}

export function EditSessionPane({ sandboxId, session, onResult, onClose, dark }: Props) {
  const [ready, setReady] = useState(false);
  const [content, setContent] = useState(session.content);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void setupMonaco().then(() => setReady(true));
  }, []);

  async function save() {
    setSaving(true);
    setError(null);
    try {
      const r = await fetch(`/api/sandboxes/${sandboxId}/edit`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ content, target: session.target, path: session.path }),
      });
      const body = (await r.json().catch(() => null)) as
        (ExecResult & { error?: { message?: string } }) | null;
      if (!r.ok || !body) {
        setError(body?.error?.message ?? `저장하지 못했습니다. (HTTP ${r.status})`);
        return;
      }
      onResult(body);
    } catch {
      setError("서버에 연결하지 못했습니다.");
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="flex h-full min-h-[20rem] flex-col gap-2" data-testid="edit-session">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-xs">kubectl edit · {session.path}</span>
        <Button size="sm" onClick={save} disabled={saving}>
          <Save aria-hidden />
          {saving ? "적용 중…" : "저장하고 적용"}
        </Button>
        <Button size="sm" variant="outline" onClick={onClose} disabled={saving}>
          <X aria-hidden />
          취소
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      )}
      <div className="min-h-0 flex-1 overflow-hidden rounded-md border">
        {ready ? (
          <Editor
            path={`file:///kubectl-edit${session.path}`}
            defaultLanguage={session.target.format === "json" ? "json" : "yaml"}
            value={content}
            theme={dark ? "vs-dark" : "light"}
            onChange={(v) => setContent(v ?? "")}
            options={{
              minimap: { enabled: false },
              fontSize: 13,
              tabSize: 2,
              automaticLayout: true,
              ariaLabel: "kubectl edit 파일 편집기",
            }}
          />
        ) : (
          <p className="text-muted-foreground p-4 text-sm">에디터를 불러오는 중…</p>
        )}
      </div>
    </div>
  );
}
