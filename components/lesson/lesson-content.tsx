import { toJsxRuntime, type Components } from "hast-util-to-jsx-runtime";
import type { ReactNode } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { BLOCK_TAG } from "@/lib/content/markdown/code-blocks";
import type { RenderedLesson } from "@/lib/content/markdown/render-lesson";
import { SECTION_END_TAG } from "@/lib/content/markdown/sections";
import { CodeBlock } from "./code-block";
import { MermaidDiagram } from "./mermaid-diagram";
import { SectionReadMarker } from "./section-read-marker";

interface PlaceholderProps {
  "data-block"?: string;
  "data-section"?: string;
  children?: ReactNode;
}

/**
 * The lesson body as React elements, rendered on the server. Placeholders left
 * by the Markdown pipeline become the interactive pieces: code blocks with lab
 * actions, diagrams, and the read markers at the end of timed sections.
 */
export function LessonContent({
  lesson,
  sectionTitles,
}: {
  lesson: RenderedLesson;
  sectionTitles: Record<string, string>;
}) {
  const components = {
    [BLOCK_TAG]: ({ "data-block": index, children }: PlaceholderProps) => {
      const block = lesson.blocks[Number(index)];
      if (!block) return null;
      if (block.kind === "mermaid")
        return <MermaidDiagram source={block.source} label={block.label} />;
      return <CodeBlock block={block}>{children}</CodeBlock>;
    },
    [SECTION_END_TAG]: ({ "data-section": id = "" }: PlaceholderProps) => (
      <SectionReadMarker sectionId={id} title={sectionTitles[id] ?? id} />
    ),
  } as unknown as Partial<Components>;
  return toJsxRuntime(lesson.tree, { Fragment, jsx, jsxs, components });
}
