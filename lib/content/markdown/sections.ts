import type { Element, ElementContent, Root, RootContent } from "hast";
import type { LessonHeading } from "../lesson-outline";
import { element, headingDepth, isHeading, textOf } from "./hast-helpers";

export const SECTION_END_TAG = "lesson-section-end";

/** Gives each heading the anchor id the loader computed (same order, same text). */
export function assignHeadingIds(tree: Root, headings: readonly LessonHeading[]): void {
  let index = 0;
  const visit = (nodes: (RootContent | ElementContent)[]) => {
    for (const node of nodes) {
      if (node.type !== "element") continue;
      if (isHeading(node)) {
        const expected = headings[index++];
        if (!expected || expected.text !== textOf(node)) {
          throw new Error(`heading mismatch at "${textOf(node)}"`);
        }
        node.properties.id = expected.id;
      } else {
        visit(node.children);
      }
    }
  };
  visit(tree.children);
}

/**
 * Wraps every `## ` heading and what follows it in a `<section>` labelled by the
 * heading, so progress can observe "scrolled through this section". Timed
 * sections end with a marker the page turns into the read sentinel/button.
 */
export function wrapSections(tree: Root, timedSectionIds: ReadonlySet<string>): void {
  const out: RootContent[] = [];
  let current: Element | null = null;
  const close = () => {
    if (!current) return;
    const id = String(current.properties.dataSection);
    if (timedSectionIds.has(id))
      current.children.push(element(SECTION_END_TAG, { dataSection: id }));
    out.push(current);
    current = null;
  };
  for (const node of tree.children) {
    if (isHeading(node) && headingDepth(node as Element) <= 2) {
      const heading = node as Element;
      close();
      if (headingDepth(heading) === 2) {
        const id = String(heading.properties.id);
        current = element(
          "section",
          { ariaLabelledBy: [id], dataSection: id, className: ["lesson-section"] },
          [heading],
        );
        continue;
      }
    }
    if (current) current.children.push(node as ElementContent);
    else out.push(node);
  }
  close();
  tree.children = out;
}
