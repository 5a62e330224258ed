// A task's Markdown instructions as an HTML tree (hast), parsed once per lab text rather
// than once per page view. Parsing is most of the lab page's own render (~5 ms of its
// ~30 ms of CPU: micromark over each task's text, its extensions combined on every
// parse), and every learner's text differs only in their drawn `name` parameters
// (`anatomy-iqme`): the text is parsed with each of the learner's names replaced by a
// sentinel of the same length and character classes (the prefix kept, the drawn part
// written in characters drawParams never uses), kept, and each view gets a copy of the
// tree with the names written back over the sentinels. A name is mere text to
// Markdown, as the sentinel is; the copy is used only when the parsed tree holds each
// sentinel as often as the text did (else that text is parsed per view, as before), and
// instructions-markdown.test.ts holds copies equal to a direct parse for every lab.
import type { Element, Nodes, Root } from "hast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype);

/** The tree of a Markdown text, parsed now. */
export function parseInstructions(source: string): Root {
  return processor.runSync(processor.parse(source)) as Root;
}

/** Parsed texts kept (sentinel form); a lab page shows a handful, a course a few hundred. */
export const SHAPE_LIMIT = 512;

interface Shape {
  tree: Root;
  /** False when a sentinel did not come through the parse as text: parse per view. */
  reusable: boolean;
}

const shapes = new Map<string, Shape>();

// drawParams draws from "abcdefghijkmnpqrstuvwxyz23456789": never 0, 1, l or o.
const DRAWN = /^[a-km-np-z2-9]$/;

/**
 * The sentinel for the i-th name: the name with each of its last four characters replaced
 * by one drawParams never uses, of the same class (a digit by 0/1, a letter by l/o), the
 * i-th of 16 such patterns. Undefined when the name does not end in four drawn characters.
 */
function sentinelFor(name: string, i: number): string | undefined {
  if (i >= 16 || name.length < 4) return undefined;
  const tail = name.slice(-4);
  let out = name.slice(0, -4);
  for (let j = 0; j < 4; j++) {
    const c = tail[j]!;
    if (!DRAWN.test(c)) return undefined;
    const bit = (i >> j) & 1;
    out += /[0-9]/.test(c) ? "01"[bit] : "lo"[bit];
  }
  return out;
}

const occurrences = (text: string, of: string) => text.split(of).length - 1;

/** Every string the tree will render: text and comment values, property values. */
function* strings(node: Nodes): Generator<string> {
  if ("value" in node && typeof node.value === "string") yield node.value;
  if (node.type === "element") {
    for (const v of Object.values(node.properties)) {
      if (typeof v === "string") yield v;
      else if (Array.isArray(v)) for (const s of v) if (typeof s === "string") yield s;
    }
  }
  if ("children" in node) for (const child of node.children) yield* strings(child);
}

/** A copy of the tree with every string's sentinels replaced by names. */
function renamed<T extends Nodes>(node: T, pairs: readonly (readonly [string, string])[]): T {
  const text = (s: string) => {
    for (const [from, to] of pairs) if (s.includes(from)) s = s.split(from).join(to);
    return s;
  };
  const out = { ...node } as T & { value?: unknown; children?: Nodes[] };
  if ("value" in node && typeof node.value === "string") out.value = text(node.value);
  if (node.type === "element") {
    const properties: Element["properties"] = {};
    for (const [k, v] of Object.entries(node.properties)) {
      properties[k] =
        typeof v === "string"
          ? text(v)
          : Array.isArray(v)
            ? v.map((s) => (typeof s === "string" ? text(s) : s))
            : v;
    }
    (out as unknown as Element).properties = properties;
  }
  if ("children" in node) out.children = node.children.map((c) => renamed(c, pairs));
  return out;
}

/**
 * The tree of one learner's instructions: `source` as the learner sees it, `names` the
 * values of the lab's `name` parameters drawn for them (learnerNames in lib/labs/server).
 */
export function instructionsTree(source: string, names: readonly string[]): Root {
  const pairs: [string, string][] = [];
  let shapeSource = source;
  // Longest first: a name inside another is replaced as part of the longer one.
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    const sentinel = sentinelFor(name, pairs.length);
    // A text that already holds the sentinel could not tell it from the name.
    if (!sentinel || source.includes(sentinel) || !shapeSource.includes(name)) continue;
    shapeSource = shapeSource.split(name).join(sentinel);
    pairs.push([sentinel, name]);
  }
  // A text without the learner's names (most tasks' texts) is kept as it is.
  let shape = shapes.get(shapeSource);
  if (!shape) {
    const tree = parseInstructions(shapeSource);
    const all = [...strings(tree)].join("\u0000");
    const reusable = pairs.every(([s]) => occurrences(all, s) === occurrences(shapeSource, s));
    shape = { tree, reusable };
    if (shapes.size >= SHAPE_LIMIT) shapes.delete(shapes.keys().next().value!);
    shapes.set(shapeSource, shape);
  }
  return shape.reusable ? renamed(shape.tree, pairs) : parseInstructions(source);
}
