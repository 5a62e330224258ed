"use client";

// The editor's files: loaded from /api/workspace/:workspace, saved after a short
// pause in typing (drafts survive reloads and sandbox resets), created and deleted
// on request. Errors come back in Korean from the API.

import { useCallback, useEffect, useRef, useState } from "react";

export interface EditorFile {
  path: string;
  content: string;
  state: "saved" | "dirty" | "saving" | "error";
  error?: string;
}

const SAVE_DELAY_MS = 700;

async function errorMessage(r: Response): Promise<string> {
  const body = (await r.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `저장하지 못했습니다. (HTTP ${r.status})`;
}

export function useWorkspaceFiles(workspace: string) {
  const [files, setFiles] = useState<EditorFile[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const latest = useRef(new Map<string, string>());
  const base = `/api/workspace/${encodeURIComponent(workspace)}`;

  useEffect(() => {
    let cancelled = false;
    fetch(base)
      .then(async (r) => {
        if (!r.ok) throw new Error(await errorMessage(r));
        return (await r.json()) as { files: { path: string; content: string }[] };
      })
      .then((body) => {
        if (cancelled) return;
        setFiles(body.files.map((f) => ({ ...f, state: "saved" })));
      })
      .catch((e: Error) => !cancelled && setLoadError(e.message || "파일을 불러오지 못했습니다."));
    return () => {
      cancelled = true;
    };
  }, [base]);

  const patch = (path: string, change: Partial<EditorFile>) =>
    setFiles((fs) => fs?.map((f) => (f.path === path ? { ...f, ...change } : f)) ?? fs);

  /** Saves now; resolves to an error message or null. */
  const saveNow = useCallback(
    async (path: string): Promise<string | null> => {
      const timer = timers.current.get(path);
      if (timer) clearTimeout(timer);
      timers.current.delete(path);
      const content = latest.current.get(path);
      if (content === undefined) return null;
      patch(path, { state: "saving" });
      try {
        const r = await fetch(`${base}/${encodeURIComponent(path)}`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ content }),
        });
        if (!r.ok) {
          const message = await errorMessage(r);
          patch(path, { state: "error", error: message });
          return message;
        }
        // Typing may have continued while the request was in flight.
        if (latest.current.get(path) === content) latest.current.delete(path);
        patch(path, { state: latest.current.has(path) ? "dirty" : "saved", error: undefined });
        return null;
      } catch {
        const message = "서버에 연결하지 못해 저장하지 못했습니다.";
        patch(path, { state: "error", error: message });
        return message;
      }
    },
    [base],
  );

  const change = useCallback(
    (path: string, content: string) => {
      latest.current.set(path, content);
      patch(path, { content, state: "dirty" });
      const old = timers.current.get(path);
      if (old) clearTimeout(old);
      timers.current.set(
        path,
        setTimeout(() => void saveNow(path), SAVE_DELAY_MS),
      );
    },
    [saveNow],
  );

  /** Creates a file (saved at once); resolves to an error message or null. */
  const create = useCallback(
    async (path: string, content: string): Promise<string | null> => {
      const r = await fetch(`${base}/${encodeURIComponent(path)}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ content }),
      }).catch(() => null);
      if (!r) return "서버에 연결하지 못했습니다.";
      if (!r.ok) return errorMessage(r);
      const saved = (await r.json()) as { path: string; content: string };
      setFiles((fs) =>
        [
          ...(fs ?? []).filter((f) => f.path !== saved.path),
          { ...saved, state: "saved" as const },
        ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      );
      return null;
    },
    [base],
  );

  const remove = useCallback(
    async (path: string): Promise<string | null> => {
      const r = await fetch(`${base}/${encodeURIComponent(path)}`, { method: "DELETE" }).catch(
        () => null,
      );
      if (!r) return "서버에 연결하지 못했습니다.";
      if (!r.ok && r.status !== 404) return errorMessage(r);
      latest.current.delete(path);
      setFiles((fs) => fs?.filter((f) => f.path !== path) ?? fs);
      return null;
    },
    [base],
  );

  return { files, loadError, change, saveNow, create, remove };
}
