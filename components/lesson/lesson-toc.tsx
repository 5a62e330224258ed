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

/**
 * Table of contents that follows scrolling: the current heading is the last
 * one above the upper third of the viewport. Plain links without JavaScript.
 */
export function LessonToc({ entries }: { entries: TocEntry[] }) {
  const { read } = useLessonProgress();
  const [active, setActive] = useState<string | null>(null);

  useEffect(() => {
    const targets = entries
      .map((e) => document.getElementById(e.id))
      .filter((el): el is HTMLElement => el !== null);
    const update = () => {
      const line = window.innerHeight / 3;
      let current: string | null = null;
      for (const el of targets) {
        if (el.getBoundingClientRect().top <= line) current = el.id;
        else break;
      }
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
