import type { Element, ElementContent, Root, Text } from "hast";
import type { LessonHeading } from "../lesson-outline";
import type { LessonKeyword } from "../schema/lesson-schema";
import { element, isElement } from "./hast-helpers";

export interface GlossaryEntry extends LessonKeyword {
  /** id of the element holding the definition (target of aria-describedby) */
  definitionId: string;
  /** anchor of the heading that explains the term */
  href: string;
}

export function glossaryEntries(
  keywords: readonly LessonKeyword[],
  headings: readonly LessonHeading[],
): GlossaryEntry[] {
  return keywords.map((k, i) => ({
    ...k,
    definitionId: `glossary-${i}`,
    href: `#${headings.find((h) => h.text === k.explainedIn)?.id ?? ""}`,
  }));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Turns each keyword in the keyword list section into a link to where it is
 * explained, with its definition as hover/focus tooltip (CSS, from
 * data-definition) and as accessible description (aria-describedby).
 */
export function linkGlossaryTerms(
  tree: Root,
  sectionId: string,
  entries: readonly GlossaryEntry[],
): void {
  const section = tree.children.find(
    (n): n is Element => isElement(n, "section") && n.properties.dataSection === sectionId,
  );
  if (!section || entries.length === 0) return;
  const byTerm = new Map(entries.map((e) => [e.term, e]));
  // Longest first, so "API 서버" wins over a shorter overlapping term.
  const pattern = new RegExp(
    [...byTerm.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join("|"),
    "g",
  );
  const linked = new Set<string>();

  const rewrite = (parent: Element) => {
    const next: ElementContent[] = [];
    for (const child of parent.children) {
      if (child.type === "element") {
        if (child.tagName !== "a" && !/^h[1-6]$/.test(child.tagName)) rewrite(child);
        next.push(child);
        continue;
      }
      if (child.type !== "text") {
        next.push(child);
        continue;
      }
      next.push(...splitText(child, pattern, byTerm, linked));
    }
    parent.children = next;
  };
  for (const child of section.children) {
    if (child.type === "element" && !/^h[1-6]$/.test(child.tagName)) rewrite(child);
  }
}

function splitText(
  text: Text,
  pattern: RegExp,
  byTerm: ReadonlyMap<string, GlossaryEntry>,
  linked: Set<string>,
): ElementContent[] {
  const out: ElementContent[] = [];
  let last = 0;
  for (const match of text.value.matchAll(pattern)) {
    const entry = byTerm.get(match[0]);
    if (!entry || linked.has(entry.term)) continue;
    linked.add(entry.term);
    if (match.index > last) out.push({ type: "text", value: text.value.slice(last, match.index) });
    out.push(
      element(
        "a",
        {
          href: entry.href,
          className: ["glossary-term"],
          ariaDescribedBy: [entry.definitionId],
          dataDefinition: entry.definition,
        },
        [{ type: "text", value: match[0] }],
      ),
    );
    last = match.index + match[0].length;
  }
  if (last === 0) return [text];
  if (last < text.value.length) out.push({ type: "text", value: text.value.slice(last) });
  return out;
}
