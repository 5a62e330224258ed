"use client";

// Monaco (several MB) ships only to pages that render this loader, and only to the browser.
import dynamic from "next/dynamic";

export const WorkspaceEditorLoader = dynamic(
  () => import("./workspace-editor").then((m) => m.WorkspaceEditor),
  {
    ssr: false,
    loading: () => (
      <p className="text-muted-foreground flex min-h-[24rem] items-center justify-center rounded-md border text-sm">
        에디터를 불러오는 중…
      </p>
    ),
  },
);
