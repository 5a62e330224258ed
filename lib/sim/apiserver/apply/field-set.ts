// A set of field paths, as structured-merge-diff's fieldpath.Set: a tree whose
// nodes are path elements ("f:name", "k:{...}", "v:value", "i:3") and whose
// members are the paths themselves. It encodes to the FieldsV1 JSON that
// managedFields carry (a member with children gets a "." entry).

import type { JsonObject, JsonValue } from "../object";

// The path elements themselves (f:, k:, v:, i:) and their printed form live in path-element.ts.
export { fieldElement, pathString, pe } from "./path-element";

export interface FieldSet {
  /** Path elements that are members of the set at this level. */
  members: Set<string>;
  /** Deeper levels, by path element. */
  children: Map<string, FieldSet>;
}

export type FieldPath = readonly string[];

export function emptySet(): FieldSet {
  return { members: new Set(), children: new Map() };
}

export function isEmpty(s: FieldSet): boolean {
  if (s.members.size > 0) return false;
  for (const child of s.children.values()) if (!isEmpty(child)) return false;
  return true;
}

export function insert(s: FieldSet, path: FieldPath): void {
  const last = path.length - 1;
  if (last < 0) return;
  let cur = s;
  // (no path.slice: compare inserts every changed path)
  for (let i = 0; i < last; i++) {
    const pe = path[i]!;
    let next = cur.children.get(pe);
    if (!next) {
      next = emptySet();
      cur.children.set(pe, next);
    }
    cur = next;
  }
  cur.members.add(path[last]!);
}

export function has(s: FieldSet, path: FieldPath): boolean {
  let cur: FieldSet | undefined = s;
  for (const pe of path.slice(0, -1)) {
    cur = cur.children.get(pe);
    if (!cur) return false;
  }
  return cur.members.has(path[path.length - 1]!);
}

/** True when some member lies strictly below `path`. */
export function hasBelow(s: FieldSet, path: FieldPath): boolean {
  let cur: FieldSet | undefined = s;
  for (const pe of path) {
    cur = cur.children.get(pe);
    if (!cur) return false;
  }
  return !isEmpty(cur);
}

export function paths(s: FieldSet): string[][] {
  const out: string[][] = [];
  const walk = (node: FieldSet, prefix: string[]) => {
    // fieldpath.Set.Iterate: this level's members first, then the children, each sorted.
    for (const pe of sortElements([...node.members])) out.push([...prefix, pe]);
    for (const pe of sortElements([...node.children.keys()]))
      walk(node.children.get(pe)!, [...prefix, pe]);
  };
  walk(s, []);
  return out;
}

export function fromPaths(list: readonly FieldPath[]): FieldSet {
  const s = emptySet();
  for (const p of list) insert(s, p);
  return s;
}

// Sets are never changed once built (insert only fills a set being made), so the operations
// share unchanged subtrees, and difference returns its input when it removes nothing: field
// managers a write did not touch keep their set, whose FieldsV1 is then encoded once.

export function union(a: FieldSet, b: FieldSet): FieldSet {
  if (isEmpty(b)) return a;
  if (isEmpty(a)) return b;
  // `a` itself when `b` adds nothing (a manager re-taking fields it owns), so its encoded
  // FieldsV1 is reused.
  let same = true;
  for (const m of b.members) if (!a.members.has(m)) same = false;
  const children = new Map<string, FieldSet>();
  for (const [k, x] of a.children) {
    const y = b.children.get(k);
    const child = y ? union(x, y) : x;
    if (child !== x) same = false;
    children.set(k, child);
  }
  for (const [k, y] of b.children) {
    if (a.children.has(k)) continue;
    if (!isEmpty(y)) same = false;
    children.set(k, y);
  }
  if (same) return a;
  const members = new Set(a.members);
  for (const m of b.members) members.add(m);
  return { members, children };
}

export function difference(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = { members: new Set(), children: new Map() };
  let same = true;
  for (const m of a.members) {
    if (!b.members.has(m)) out.members.add(m);
    else same = false;
  }
  for (const [k, v] of a.children) {
    const other = b.children.get(k);
    const child = other ? difference(v, other) : v;
    if (child !== v) same = false;
    if (!isEmpty(child)) out.children.set(k, child);
    else if (child === v) same = false;
  }
  return same ? a : out;
}

export function intersection(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = { members: new Set(), children: new Map() };
  for (const m of a.members) if (b.members.has(m)) out.members.add(m);
  for (const [k, v] of a.children) {
    const other = b.children.get(k);
    if (!other) continue;
    const child = intersection(v, other);
    if (!isEmpty(child)) out.children.set(k, child);
  }
  return out;
}

/**
 * Removes every path under (and including) one of `prefixes`' members. Only the levels on a
 * prefix's way are copied (the input is shared, never changed); the top level always is, so
 * the caller may drop members of it.
 */
export function withoutPrefixes(a: FieldSet, prefixes: readonly FieldPath[]): FieldSet {
  const out: FieldSet = { members: new Set(a.members), children: new Map(a.children) };
  const copied = new Set<FieldSet>([out]);
  for (const pre of prefixes) {
    let node: FieldSet = out;
    let missing = false;
    for (const pe of pre.slice(0, -1)) {
      const child = node.children.get(pe);
      if (!child) {
        missing = true;
        break;
      }
      let own = child;
      if (!copied.has(child)) {
        own = { members: new Set(child.members), children: new Map(child.children) };
        copied.add(own);
        node.children.set(pe, own);
      }
      node = own;
    }
    if (missing) continue;
    const last = pre[pre.length - 1]!;
    node.members.delete(last);
    node.children.delete(last);
  }
  return out;
}

const RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** PathElement.Less: field names, then keys, then values, then indexes. */
export function sortElements(list: string[]): string[] {
  // Field names only (most levels): the default sort's code-unit order is the same order.
  if (list.every((x) => x.charCodeAt(0) === 102 /* f */)) return list.sort();
  return list.sort((x, y) => {
    if (x[0] === "f" && y[0] === "f") return x < y ? -1 : x > y ? 1 : 0;
    const rx = RANK[x[0]!] ?? 9;
    const ry = RANK[y[0]!] ?? 9;
    if (rx !== ry) return rx - ry;
    if (x[0] === "i") return Number(x.slice(2)) - Number(y.slice(2));
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

const encoded = new WeakMap<FieldSet, JsonObject>();
const decoded = new WeakMap<object, FieldSet>();

/**
 * FieldsV1 JSON (what managedFields[].fieldsV1 holds); shared, treat as read-only. Only whole
 * sets are remembered (a manager's set is kept as is by writes that do not touch it): weak
 * entries for every subtree cost the garbage collector more than encoding them again.
 */
export function toFieldsV1(s: FieldSet): JsonObject {
  let out = encoded.get(s);
  if (!out) {
    out = encodeFieldsV1(s);
    encoded.set(s, out);
    decoded.set(out, s);
    canonical.add(out);
  }
  return out;
}

// Trees by their set's content in insertion order (see sharedFieldsV1), in a trie over the
// set's tokens: a member, a level opened under an element, a level closed. Reading a set
// down the trie hashes each element once and allocates nothing for a set seen before, where
// a key string of the whole set (each element length-prefixed, "{" before a level's element,
// "}" after the level) was built, joined and hashed per write. That string is a writing of
// the token stream that can be read back, so equal streams are exactly equal keys
// (field-set-shared.test.ts holds the two together). Bounded: past CONTENT_NODE_LIMIT nodes
// the trie starts afresh.
interface ContentNode {
  members: Map<string, ContentNode> | undefined;
  opens: Map<string, ContentNode> | undefined;
  close: ContentNode | undefined;
  tree: JsonObject | undefined;
}
const CONTENT_NODE_LIMIT = 5_000; // ~290 bytes a node (shape-trie.ts): under ~1.5 MiB
let contentNodes = 0;
const contentNode = (): ContentNode => {
  contentNodes++;
  return { members: undefined, opens: undefined, close: undefined, tree: undefined };
};
let contentRoot = contentNode();

function stepTo(map: Map<string, ContentNode>, element: string): ContentNode {
  let next = map.get(element);
  if (next === undefined) {
    next = contentNode();
    map.set(element, next);
  }
  return next;
}

/** The node the set's tokens lead to from `at`. */
function contentAt(s: FieldSet, at: ContentNode): ContentNode {
  for (const m of s.members) at = stepTo((at.members ??= new Map()), m);
  for (const [k, child] of s.children) {
    at = contentAt(child, stepTo((at.opens ??= new Map()), k));
    at = at.close ??= contentNode();
  }
  return at;
}

/**
 * toFieldsV1, sharing one tree among equal sets: the kubelet's status fields of the pods of
 * one template are the same set, built alike. A shared tree is encoded once and its JSON made
 * once (handler/managed-fields-json.ts) instead of once per object.
 */
export function sharedFieldsV1(s: FieldSet): JsonObject {
  const known = encoded.get(s);
  if (known) return known;
  if (contentNodes > CONTENT_NODE_LIMIT) {
    contentNodes = 0;
    contentRoot = contentNode();
  }
  const node = contentAt(s, contentRoot);
  let out = node.tree;
  if (!out) {
    out = toFieldsV1(s);
    node.tree = out;
    return out;
  }
  encoded.set(s, out);
  return out;
}

/** FieldsV1 trees this encoder wrote: decoding one and encoding it again gives the same tree. */
const canonical = new WeakSet<object>();

/** Marks a tree built as toFieldsV1 builds it (created-fields.ts), so that it is reused as is. */
export function markEncoded(json: JsonObject): JsonObject {
  canonical.add(json);
  return json;
}

/** Whether `json` came from this encoder (and so is well-formed FieldsV1). */
export function isEncoded(json: unknown): boolean {
  return typeof json === "object" && json !== null && canonical.has(json);
}

function encodeFieldsV1(s: FieldSet): JsonObject {
  const keys = [...s.members];
  for (const k of s.children.keys()) if (!s.members.has(k)) keys.push(k);
  if (keys.length > 1) sortElements(keys);
  const out: JsonObject = {};
  for (const pe of keys) {
    const child = s.children.get(pe);
    const childJson = child ? encodeFieldsV1(child) : undefined;
    const below = childJson !== undefined && hasKeys(childJson);
    if (s.members.has(pe)) out[pe] = below ? { ".": {}, ...childJson } : {};
    else if (below) out[pe] = childJson;
  }
  return out;
}

function hasKeys(o: JsonObject): boolean {
  for (const _ in o) return true;
  return false;
}

/** The set a FieldsV1 JSON holds; shared (stored objects are decoded once), never changed. */
export function fromFieldsV1(json: JsonValue | undefined): FieldSet {
  if (!json || typeof json !== "object") return emptySet();
  let s = decoded.get(json);
  if (!s) {
    s = decodeFieldsV1(json);
    decoded.set(json, s);
    // A set kept unchanged by a later write then encodes to this very tree.
    if (canonical.has(json)) encoded.set(s, json as JsonObject);
  }
  return s;
}

function decodeFieldsV1(json: JsonValue | undefined): FieldSet {
  const s = emptySet();
  const walk = (node: JsonValue | undefined, prefix: string[]) => {
    if (!node || typeof node !== "object" || Array.isArray(node)) return;
    for (const [pe, child] of Object.entries(node)) {
      if (pe === ".") {
        insert(s, prefix);
        continue;
      }
      const isLeaf =
        !child || typeof child !== "object" || Object.keys(child as object).length === 0;
      if (isLeaf) insert(s, [...prefix, pe]);
      else walk(child, [...prefix, pe]);
    }
  };
  walk(json, []);
  return s;
}
