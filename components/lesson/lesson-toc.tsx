"use client";

import { CheckCircle2 } from "lucide-react";
import { useEffect, useState } from "react";
import { useLessonProgress } from "./lesson-progress";

export interface TocEntry {
  id: string;
  text: string;
  depth: number;
  minutes?: number;
}

// A heading is "current" once its top passes this line, just below the sticky
// site header (headings scroll to 5rem from the top, see lesson.css).
const ACTIVE_LINE_PX = 100;

/**
 * Table of contents that follows scrolling: the current heading is the last
 * one whose top has passed ACTIVE_LINE_PX. Plain links without JavaScript.
 */
export function LessonToc({ entries }: { entries: TocEntry[] }) {
  const { read } = useLessonProgress();
  const [active, setActive] = useState<string | null>(null);

  useEffect(() => {
    const targets = entries
      .map((e) => document.getElementById(e.id))
      .filter((el): el is HTMLElement => el !== null);
    const update = () => {
      const line = ACTIVE_LINE_PX;
      let current: string | null = null;
      for (const el of targets) {
        if (el.getBoundingClientRect().top <= line) current = el.id;
        else break;
      }
      // At the very bottom the last short sections can never reach the line.
      const atBottom =
        window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
      if (atBottom && targets.length > 0) current = targets[targets.length - 1]!.id;
      setActive(current ?? targets[0]?.id ?? null);
    };
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(update);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    update();
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", onScroll);
    };
  }, [entries]);

  return (
    <ol className="lesson-toc">
      {entries.map((e) => (
        <li key={e.id} data-depth={e.depth}>
          <a
            href={`#${e.id}`}
            aria-current={active === e.id ? "location" : undefined}
            data-active={active === e.id}
          >
            <span>{e.text}</span>
            {read.has(e.id) && (
              <CheckCircle2 aria-label="읽음" className="size-4 shrink-0 text-success" />
            )}
          </a>
        </li>
      ))}
    </ol>
  );
}
