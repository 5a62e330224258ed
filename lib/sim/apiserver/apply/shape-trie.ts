// Where created-shape.ts keeps each shape's FieldsV1: a trie over the tokens of the shape
// signature (created-shape.ts shapeSignature) instead of a map keyed by the signature string.
// Building that string for a pod (~900 characters of short concatenations) and hashing it for
// the lookup was most of a create's managed-fields cost; walking the object down a trie reads
// each field name as a map key (object keys are internalized strings with their hash kept) and
// allocates nothing once the shape is known.
//
// The token stream is the signature's: a field name stands for `${name.length}:${name}`, a
// keyed list item's path element for `${el.length}:${el}`, and each mark for its fixed text
// ("{", "T{", "}", ";", "[", "]", ",", "n", "s", "A", "E"). The string is a length-prefixed,
// hence unambiguous, writing of the stream, so two objects reach the same node exactly when
// their signatures are equal (shape-trie.test.ts holds the two to each other).

import type { JsonValue } from "../object";
import { fieldElement } from "./field-set";
import { shapeOf } from "./typed-walk";

const OPEN = 0; // "{"
const OPEN_ATOMIC = 1; // "T{": a map the walk treats as one value (selector, nodeSelector)
const CLOSE = 2; // "}"
const FIELD_END = 3; // ";"
const LIST_OPEN = 4; // "["
const LIST_CLOSE = 5; // "]"
const ITEM_END = 6; // ","
const NULL = 7; // "n"
const SCALAR = 8; // "s"
const ATOMIC_LIST = 9; // "A"
const EMPTY_LIST = 10; // "E"

export interface ShapeNode {
  /** Field names and list path elements, each followed by its value's tokens. */
  names: Map<string, ShapeNode> | undefined;
  /** The marks, by their code above. */
  marks: (ShapeNode | undefined)[] | undefined;
  /** What the caller keeps for the shape that ends here (undefined: nothing yet). */
  value: unknown;
}

const newNode = (): ShapeNode => ({ names: undefined, marks: undefined, value: undefined });

// Shapes come from what learners create, so the trie is bounded: past NODE_LIMIT nodes it is
// started afresh (as the string-keyed map it replaces was cleared at its limit). A node costs
// ~290 bytes (measured: ~20 KiB per pod shape that differs from every other from its
// metadata on), so the trie stays under ~1.5 MiB.
const NODE_LIMIT = 5_000;
let roots = new Map<string, ShapeNode>();
let nodes = 0;

let at: ShapeNode = newNode();

function mark(code: number): void {
  const marks = (at.marks ??= []);
  let next = marks[code];
  if (next === undefined) {
    next = newNode();
    nodes++;
    marks[code] = next;
  }
  at = next;
}

function name(text: string): void {
  const names = (at.names ??= new Map());
  let next = names.get(text);
  if (next === undefined) {
    next = newNode();
    nodes++;
    names.set(text, next);
  }
  at = next;
}

/** The metadata fields left out of a stored object's content (see shapeNodeOfContent). */
const BOOKKEEPING = new Set(["managedFields", "resourceVersion"]);

function walk(path: string[], v: JsonValue, skipIn: object | undefined): void {
  if (v === null) return mark(NULL);
  if (typeof v !== "object") return mark(SCALAR);
  if (Array.isArray(v)) {
    const shape = shapeOf(path, v);
    if (shape.kind === "leaf") return mark(shape.empty ? EMPTY_LIST : ATOMIC_LIST);
    mark(LIST_OPEN);
    for (const [el, item] of shape.entries) {
      name(el);
      path.push(el);
      walk(path, item, undefined);
      path.pop();
      mark(ITEM_END);
    }
    return mark(LIST_CLOSE);
  }
  // isAtomicObject(path) of list-types.ts, read off the last element (a field's "f:" name).
  const last = path.length > 0 ? path[path.length - 1] : undefined;
  mark(last === "f:selector" || last === "f:nodeSelector" ? OPEN_ATOMIC : OPEN);
  // The root's own metadata (content's bookkeeping keys), not an equal object met elsewhere.
  const skip = v === skipIn && path.length === 1 && path[0] === "f:metadata";
  for (const k in v) {
    const child = v[k];
    if (child === undefined || (skip && BOOKKEEPING.has(k))) continue;
    name(k);
    // Scalars and nulls (most fields) need no path.
    if (child === null) mark(NULL);
    else if (typeof child !== "object") mark(SCALAR);
    else {
      path.push(fieldElement(k));
      walk(path, child, path.length === 1 ? skipIn : undefined);
      path.pop();
    }
    mark(FIELD_END);
  }
  mark(CLOSE);
}

function reach(root: string, value: JsonValue, skipIn: object | undefined): ShapeNode {
  if (nodes > NODE_LIMIT) {
    roots = new Map();
    nodes = 0;
  }
  let start = roots.get(root);
  if (start === undefined) {
    start = newNode();
    nodes++;
    roots.set(root, start);
  }
  at = start;
  walk([], value, skipIn);
  const end = at;
  at = start;
  return end;
}

/** The node of `value`'s shape signature under `root` (a separate trie per root text). */
export function shapeNode(root: string, value: JsonValue): ShapeNode {
  return reach(root, value, undefined);
}

/**
 * shapeNode of a stored object's content - the object without metadata.managedFields and
 * metadata.resourceVersion - read off the object itself, without building that copy.
 */
export function shapeNodeOfContent(root: string, obj: { metadata: object }): ShapeNode {
  return reach(root, obj as unknown as JsonValue, obj.metadata);
}
