"use client";

import { useEffect, useId, useState } from "react";

function isDark(): boolean {
  const theme = document.documentElement.dataset.theme;
  if (theme === "dark") return true;
  if (theme === "light") return false;
  return window.matchMedia("(prefers-color-scheme: dark)").matches;
}

/**
 * A mermaid diagram drawn as SVG in the browser. The server sends the diagram
 * source (readable without JavaScript); after hydration the mermaid package is
 * loaded lazily — only on pages with a diagram — and redraws on theme changes.
 */
export function MermaidDiagram({ source, label }: { source: string; label: string }) {
  const baseId = useId().replace(/[^a-zA-Z0-9]/g, "");
  const [svg, setSvg] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let renders = 0;
    const draw = async () => {
      try {
        const mermaid = (await import("mermaid")).default;
        mermaid.initialize({
          startOnLoad: false,
          securityLevel: "strict",
          theme: isDark() ? "dark" : "default",
          fontFamily: "inherit",
        });
        const { svg: drawn } = await mermaid.render(`mermaid-${baseId}-${renders++}`, source);
        if (!cancelled) setSvg(drawn);
      } catch {
        if (!cancelled) setFailed(true);
      }
    };
    void draw();
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const observer = new MutationObserver(() => void draw());
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-theme"],
    });
    media.addEventListener("change", draw);
    return () => {
      cancelled = true;
      observer.disconnect();
      media.removeEventListener("change", draw);
    };
  }, [source, baseId]);

  return (
    <figure
      className="lesson-diagram"
      data-diagram-state={svg ? "rendered" : failed ? "failed" : "source"}
    >
      {svg && (
        <div
          className="lesson-diagram-svg"
          role="img"
          aria-label={label}
          // scrolls sideways on phones: keyboard users must be able to reach it
          tabIndex={0}
          // mermaid's own output (securityLevel strict) from the lesson's trusted source
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      )}
      <details open={!svg}>
        <summary>{svg ? "다이어그램 원문 보기" : `${label} (원문)`}</summary>
        <pre tabIndex={0}>
          <code>{source}</code>
        </pre>
      </details>
      {failed && (
        <p className="text-sm text-muted-foreground">다이어그램을 그리지 못해 원문을 표시합니다.</p>
      )}
    </figure>
  );
}
