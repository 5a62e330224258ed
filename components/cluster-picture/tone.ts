import type { Tone } from "@/lib/workspace/picture/build-picture";

/** Border/background per status family; the status word is always printed too. */
export const TONE_CLASS: Record<Tone, string> = {
  ok: "border-green-600/60 bg-green-50 dark:bg-green-950/40",
  progress: "border-sky-600/60 bg-sky-50 dark:bg-sky-950/40",
  warn: "border-amber-600/70 bg-amber-50 dark:bg-amber-950/40",
  bad: "border-red-600/70 bg-red-50 dark:bg-red-950/40",
};

/** A shape per family so the state reads without colour (WCAG 1.4.1). */
export const TONE_MARK: Record<Tone, string> = { ok: "●", progress: "◐", warn: "▲", bad: "✕" };
