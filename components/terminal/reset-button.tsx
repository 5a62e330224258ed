"use client";

// The terminal's "샌드박스 초기화" button: asks first, then resets (the lab's own
// reset when given) and hands the new sandbox id back to the terminal.

import { RotateCcw } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { postJson } from "./terminal-api";

interface Props {
  sandboxId: string;
  /** Replaces the built-in reset (a lab resets to its own start); returns the new sandbox id. */
  onReset?: () => Promise<string | null>;
  onNewSandbox: (id: string) => void;
}

export function ResetButton({ sandboxId, onReset, onNewSandbox }: Props) {
  const [resetting, setResetting] = useState(false);
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
      if (id) onNewSandbox(id);
    } finally {
      setResetting(false);
    }
  };
  return (
    <Button variant="outline" size="sm" onClick={reset} disabled={resetting}>
      <RotateCcw aria-hidden className="size-4" />
      {resetting ? "초기화 중…" : "샌드박스 초기화"}
    </Button>
  );
}
