"use client";

import { CheckCircle2, Circle } from "lucide-react";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { useLessonProgress } from "./lesson-progress";

// The end of a section must stay on screen this long to count as "scrolled
// through" — a fast fling past it does not.
const DWELL_MS = 1200;
const subscribe = () => () => {};

/** End of a timed section: the scroll sentinel and the "읽음 표시" toggle. */
export function SectionReadMarker({ sectionId, title }: { sectionId: string; title: string }) {
  const { signedIn, read, setRead } = useLessonProgress();
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const sentinel = useRef<HTMLDivElement>(null);
  const isRead = read.has(sectionId);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !signedIn || isRead) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new IntersectionObserver(([entry]) => {
      if (entry?.isIntersecting)
        timer ??= setTimeout(() => void setRead(sectionId, true), DWELL_MS);
      else if (timer) {
        clearTimeout(timer);
        timer = undefined;
      }
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      if (timer) clearTimeout(timer);
    };
  }, [signedIn, isRead, sectionId, setRead]);

  return (
    <div
      ref={sentinel}
      className="lesson-section-end"
      data-section-end={sectionId}
      data-read={isRead}
    >
      {hydrated && signedIn && (
        <button
          type="button"
          className="lesson-tool"
          aria-pressed={isRead}
          aria-label={`${title}: ${isRead ? "읽음 (누르면 읽음 표시 취소)" : "읽음 표시"}`}
          onClick={() => void setRead(sectionId, !isRead)}
        >
          {isRead ? (
            <CheckCircle2 aria-hidden className="size-4 text-success" />
          ) : (
            <Circle aria-hidden className="size-4" />
          )}
          <span>{isRead ? "읽음" : "읽음 표시"}</span>
        </button>
      )}
    </div>
  );
}
