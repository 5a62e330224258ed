"use client";

// Loads the terminal (xterm.js) only on pages that use it, and only in the browser.
import dynamic from "next/dynamic";

export const LabTerminalLoader = dynamic(
  () => import("./lab-terminal").then((m) => m.LabTerminal),
  {
    ssr: false,
    loading: () => (
      <div className="text-muted-foreground flex min-h-[28rem] items-center justify-center rounded-md border text-sm">
        터미널을 불러오는 중…
      </div>
    ),
  },
);
