"use client";

import { Check, Copy } from "lucide-react";
import { useState, useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** Copies a code block. Rendered only after hydration: without JavaScript it could not work. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const [copied, setCopied] = useState(false);
  if (!hydrated) return null;
  return (
    <button
      type="button"
      className="lesson-tool"
      aria-label={copied ? "복사했습니다" : `${label} 복사`}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        } catch {
          setCopied(false);
        }
      }}
    >
      {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
      <span>{copied ? "복사됨" : "복사"}</span>
    </button>
  );
}
