"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

interface ProgressState {
  signedIn: boolean;
  read: ReadonlySet<string>;
  setRead: (sectionId: string, read: boolean) => Promise<void>;
  error: string | null;
}

const ProgressContext = createContext<ProgressState | null>(null);

export function useLessonProgress(): ProgressState {
  const state = useContext(ProgressContext);
  if (!state) throw new Error("useLessonProgress outside LessonProgressProvider");
  return state;
}

/**
 * Holds which sections the learner has read. The server renders the initial
 * set from the database; changes go to /api/progress and are applied when the
 * server confirms them, so the page never shows progress that was not saved.
 */
export function LessonProgressProvider({
  courseId,
  sessionId,
  signedIn,
  initialRead,
  children,
}: {
  courseId: string;
  sessionId: string;
  signedIn: boolean;
  initialRead: string[];
  children: ReactNode;
}) {
  const [read, setReadSet] = useState<ReadonlySet<string>>(() => new Set(initialRead));
  const [error, setError] = useState<string | null>(null);

  const setRead = useCallback(
    async (sectionId: string, isRead: boolean) => {
      if (!signedIn) return;
      try {
        const response = await fetch("/api/progress", {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          credentials: "same-origin",
          body: JSON.stringify({ courseId, sessionId, sectionId, read: isRead }),
        });
        const body = (await response.json()) as {
          read?: { sectionId: string }[];
          error?: { message: string };
        };
        if (!response.ok || !body.read) {
          setError(body.error?.message ?? "진행 상황을 저장하지 못했습니다.");
          return;
        }
        setError(null);
        setReadSet(new Set(body.read.map((r) => r.sectionId)));
      } catch {
        setError("서버에 연결하지 못해 진행 상황을 저장하지 못했습니다.");
      }
    },
    [courseId, sessionId, signedIn],
  );

  const value = useMemo(
    () => ({ signedIn, read, setRead, error }),
    [signedIn, read, setRead, error],
  );
  return <ProgressContext.Provider value={value}>{children}</ProgressContext.Provider>;
}
