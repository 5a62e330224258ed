import type { Element, ElementContent, Root } from "hast";
import type { LessonFrontMatter } from "../schema/lesson-schema";
import { element, isElement, isHeading, textOf } from "./hast-helpers";
import { highlightToHast, isHighlightLang } from "./highlighter";
import { editorAction, terminalActions, type LabAction } from "./lab-links";

export interface CodeBlockInfo {
  kind: "code";
  lang: string | null;
  code: string;
  /** A plain block drawn with box characters (├── └──): shown collapsible, never wrapped */
  isTree: boolean;
  /** First line of a tree drawing, used as the collapsible summary */
  title: string;
  terminal: LabAction[];
  editor: LabAction | null;
}

export interface MermaidBlockInfo {
  kind: "mermaid";
  source: string;
  /** Accessible name: the heading the diagram illustrates */
  label: string;
}

export type LessonBlock = CodeBlockInfo | MermaidBlockInfo;

export const BLOCK_TAG = "lesson-block";

function codeOf(pre: Element): { lang: string | null; code: string } | null {
  const code = pre.children.find((c): c is Element => isElement(c, "code"));
  if (!code) return null;
  const classes = code.properties.className;
  const langClass = Array.isArray(classes)
    ? classes.map(String).find((c) => c.startsWith("language-"))
    : undefined;
  // mdast keeps the trailing newline out of code values; hast text has one.
  return { lang: langClass ? langClass.slice("language-".length) : null, code: textOf(code) };
}

/**
 * Replaces every `<pre><code>` with a `<lesson-block data-block=i>` placeholder
 * (children: the highlighted `<pre>`), and records what the page component needs
 * for it in `blocks[i]`: diagrams, lab actions, copy text.
 */
export async function transformCodeBlocks(
  tree: Root,
  labLinks: LessonFrontMatter["labLinks"],
): Promise<LessonBlock[]> {
  const blocks: LessonBlock[] = [];
  let lastHeading = "";

  async function walk(parent: Root | Element) {
    for (let i = 0; i < parent.children.length; i++) {
      const node = parent.children[i]!;
      if (node.type !== "element") continue;
      if (isHeading(node)) {
        lastHeading = textOf(node);
        continue;
      }
      if (node.tagName !== "pre") {
        await walk(node);
        continue;
      }
      const info = codeOf(node);
      if (!info) continue;
      const index = blocks.length;
      let children: ElementContent[] = [node];
      if (info.lang === "mermaid") {
        blocks.push({ kind: "mermaid", source: info.code, label: `${lastHeading} 다이어그램` });
        children = [];
      } else {
        if (isHighlightLang(info.lang)) children = [await highlightToHast(info.code, info.lang)];
        blocks.push({
          kind: "code",
          lang: info.lang,
          code: info.code,
          isTree: info.lang === null && /[├└│]/.test(info.code),
          title: info.code.split("\n")[0] ?? "",
          terminal: info.lang === "bash" ? terminalActions(info.code, labLinks) : [],
          editor: info.lang === "yaml" ? editorAction(info.code, labLinks) : null,
        });
      }
      parent.children[i] = element(BLOCK_TAG, { dataBlock: String(index) }, children);
    }
  }

  await walk(tree);
  return blocks;
}
