import type { Element, Root as HastRoot } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toString } from "hast-util-to-string";
import type { Nodes } from "mdast";
import { visit } from "unist-util-visit";
import { parseMarkdown, plainText } from "./lesson-outline";

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

function elements(tree: HastRoot, test: (e: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(tree, "element", (e: Element) => {
    if (test(e)) found.push(e);
  });
  return found;
}

/**
 * What of a Markdown source is missing from an HTML page: every heading (as a
 * heading element), every code block and diagram (as the exact text of a
 * `<pre>`), every paragraph, list item and table cell (as text), every link.
 * Used to prove the served lesson is the seed, complete and unparaphrased.
 */
export function missingFromPage(markdown: string, html: string): string[] {
  const page = fromHtml(html);
  const headingTexts = new Set(
    elements(page, (e) => /^h[1-6]$/.test(e.tagName)).map((e) => squash(toString(e))),
  );
  const preTexts = new Set(
    elements(page, (e) => e.tagName === "pre").map((e) => toString(e).replace(/\n$/, "")),
  );
  const hrefs = new Set(
    elements(page, (e) => e.tagName === "a").map((e) => String(e.properties.href ?? "")),
  );
  const pageText = squash(toString(page));

  const missing: string[] = [];
  visit(parseMarkdown(markdown), (node: Nodes) => {
    switch (node.type) {
      case "heading": {
        const text = squash(plainText(node));
        if (!headingTexts.has(text)) missing.push(`heading: ${text}`);
        break;
      }
      case "code":
        if (!preTexts.has(node.value)) {
          missing.push(
            `${node.lang === "mermaid" ? "diagram" : "code block"}: ${node.value.split("\n")[0]}`,
          );
        }
        break;
      case "paragraph":
      case "tableCell": {
        const text = squash(plainText(node));
        if (text && !pageText.includes(text)) missing.push(`text: ${text}`);
        break;
      }
      case "link":
        if (!hrefs.has(node.url)) missing.push(`link: ${node.url}`);
        break;
    }
  });
  return missing;
}
