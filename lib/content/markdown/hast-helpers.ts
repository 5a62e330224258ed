import type { Element, ElementContent, Root, RootContent } from "hast";
import { toString } from "hast-util-to-string";

export function isElement(
  node: RootContent | ElementContent | Root,
  tag?: string,
): node is Element {
  return node.type === "element" && (tag === undefined || node.tagName === tag);
}

export function isHeading(node: RootContent | ElementContent): boolean {
  return isElement(node) && /^h[1-6]$/.test(node.tagName);
}

export function headingDepth(node: Element): number {
  return Number(node.tagName.slice(1));
}

export function textOf(node: Element | Root): string {
  return toString(node).trim();
}

export function element(
  tagName: string,
  properties: Element["properties"],
  children: ElementContent[] = [],
): Element {
  return { type: "element", tagName, properties, children };
}
