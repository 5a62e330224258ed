import GithubSlugger from "github-slugger";
import type { Code, Heading, Nodes, Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";

export interface LessonHeading {
  depth: number;
  text: string;
  /** Anchor id: the section id for timed sections, a GitHub-style slug otherwise. */
  id: string;
  /** 1-based line in the lesson file */
  line: number;
}

export interface LessonCodeBlock {
  lang: string | null;
  value: string;
  line: number;
}

export const markdownParser = unified().use(remarkParse).use(remarkGfm);

export function parseMarkdown(body: string): Root {
  return markdownParser.parse(body);
}

export function plainText(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if ("children" in node) return node.children.map((c) => plainText(c)).join("");
  return "";
}

/**
 * Headings and code blocks of a lesson body, in document order. Timed sections
 * (from the front matter) take their stable id as anchor; other headings get a
 * slug, never colliding with a section id.
 */
export function outlineOf(
  tree: Root,
  sectionIdsByHeading: ReadonlyMap<string, string>,
  bodyFirstLine: number,
): { headings: LessonHeading[]; codeBlocks: LessonCodeBlock[] } {
  const slugger = new GithubSlugger();
  for (const id of sectionIdsByHeading.values()) slugger.slug(id);
  const headings: LessonHeading[] = [];
  const codeBlocks: LessonCodeBlock[] = [];
  const lineOf = (node: Heading | Code) => (node.position?.start.line ?? 1) + bodyFirstLine - 1;

  visit(tree, (node) => {
    if (node.type === "heading") {
      const text = plainText(node).trim();
      const sectionId = node.depth === 2 ? sectionIdsByHeading.get(text) : undefined;
      headings.push({
        depth: node.depth,
        text,
        id: sectionId ?? slugger.slug(text),
        line: lineOf(node),
      });
    } else if (node.type === "code") {
      codeBlocks.push({ lang: node.lang ?? null, value: node.value, line: lineOf(node) });
    }
  });
  return { headings, codeBlocks };
}

/** Plain text of everything between a heading and the next heading of the same or higher level. */
export function textUnderHeading(tree: Root, headingText: string): string | null {
  const children = tree.children;
  const start = children.findIndex(
    (n) => n.type === "heading" && plainText(n).trim() === headingText,
  );
  if (start < 0) return null;
  const depth = (children[start] as Heading).depth;
  const parts: string[] = [];
  for (let i = start + 1; i < children.length; i++) {
    const n = children[i]!;
    if (n.type === "heading" && n.depth <= depth) break;
    parts.push(plainText(n));
  }
  return parts.join("\n");
}
