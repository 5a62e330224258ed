// The three walks server-side apply makes over objects (structured-merge-diff's
// typed package): the field set an applied configuration names, the comparison
// of two versions of an object (added / modified / removed paths), and the merge
// of an applied configuration into the live object, plus removing a set's items.

import type { JsonValue } from "../object";
import { jsonEqual } from "../../json-value";
import { emptySet, type FieldPath, type FieldSet, fieldElement, insert, pe } from "./field-set";
import { isAtomicObject, itemKey, listTypeOf } from "./list-types";

type Json = JsonValue;
export type Shape =
  | { kind: "leaf"; empty?: "map" | "list" }
  | { kind: "map"; entries: [string, Json][] }
  | { kind: "list"; entries: [string, Json][] };

const isObj = (v: unknown): v is { [k: string]: Json } =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** How the value at `path` is walked: a leaf, a map of fields, or a list of keyed items. */
export function shapeOf(path: FieldPath, value: Json): Shape {
  if (Array.isArray(value)) {
    const type = listTypeOf(path, value);
    if (type.type === "atomic") return { kind: "leaf" };
    if (value.length === 0) return { kind: "leaf", empty: "list" };
    if (type.type === "set") return { kind: "list", entries: value.map((v) => [pe.value(v), v]) };
    const entries: [string, Json][] = [];
    for (const item of value) {
      const key = itemKey(type, item);
      // An item without its key cannot be addressed: the list is then handled whole.
      if (!key) return { kind: "leaf" };
      entries.push([pe.key(key), item]);
    }
    return { kind: "list", entries };
  }
  if (isObj(value)) {
    // Null and empty maps are leaves, so that `{}` can be owned.
    if (Object.keys(value).length === 0) return { kind: "leaf", empty: "map" };
    if (path.length > 0 && isAtomicObject(path)) return { kind: "leaf" };
    return {
      kind: "map",
      entries: Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [pe.field(k), v]),
    };
  }
  return { kind: "leaf" };
}

/** TypedValue.ToFieldSet: leaves and list items of an applied configuration. */
export function toFieldSet(value: Json): FieldSet {
  const out = emptySet();
  const walk = (path: string[], v: Json) => {
    const shape = shapeOf(path, v);
    if (shape.kind === "leaf") {
      if (path.length > 0) insert(out, path);
      return;
    }
    for (const [el, child] of shape.entries) {
      const childPath = [...path, el];
      if (shape.kind === "list") insert(out, childPath);
      walk(childPath, child);
    }
  };
  walk([], value);
  return out;
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  // value.Equals: semantic, so two maps with their keys in another order are equal.
  return jsonEqual(a, b);
}

/** TypedValue.Compare: which paths the change from `lhs` to `rhs` added, modified, removed. */
export function compare(lhs: Json | undefined, rhs: Json | undefined): Comparison {
  const c: Comparison = { added: emptySet(), modified: emptySet(), removed: emptySet() };
  const path: string[] = [];
  const walk = (l: Json | undefined, r: Json | undefined) => {
    // Unchanged subtrees are often shared between the two versions.
    if (l === r) return;
    // Two scalars, nulls or a missing value (most leaves): no shapes to build. Both present,
    // they differ (equal scalars returned above).
    if ((typeof l !== "object" || l === null) && (typeof r !== "object" || r === null)) {
      if (path.length === 0) return;
      if (l === undefined) insert(c.added, path);
      else if (r === undefined) insert(c.removed, path);
      else insert(c.modified, path);
      return;
    }
    // A non-empty map against a map, or against nothing (a status field a write adds or
    // drops): its fields walked in place, without building shapes.
    if (!(path.length > 0 && isAtomicObject(path))) {
      if (isObj(r)) {
        if (isObj(l) ? walkMaps(l, r) : l === undefined && walkOneSide(r, true)) return;
      } else if (r === undefined && isObj(l) && walkOneSide(l, false)) return;
    }
    let sl = l === undefined ? undefined : shapeOf(path, l);
    let sr = r === undefined ? undefined : shapeOf(path, r);
    // An empty container is a leaf only when the other side is empty too (emptyPromoteToLeaf).
    if (sl?.kind === "leaf" && sl.empty && sr && sr.kind !== "leaf")
      sl = { kind: sr.kind, entries: [] };
    if (sr?.kind === "leaf" && sr.empty && sl && sl.kind !== "leaf")
      sr = { kind: sl.kind, entries: [] };
    // A present null (a Go zero value: nil slice or map) walks as an empty container, and
    // being present, its path is not "added" (compareWalker only adds absent values).
    if (l === null && sr && sr.kind !== "leaf") sl = { kind: sr.kind, entries: [] };
    if (r === null && sl && sl.kind !== "leaf") sr = { kind: sl.kind, entries: [] };
    const leaf = sl?.kind === "leaf" || sr?.kind === "leaf" || (sl && sr && sl.kind !== sr.kind);
    if (leaf && path.length > 0) {
      if (l === undefined) insert(c.added, path);
      else if (r === undefined) insert(c.removed, path);
      else if (!deepEqual(l, r)) insert(c.modified, path);
      return;
    }
    const left = new Map(sl && sl.kind !== "leaf" ? sl.entries : []);
    const right = sr && sr.kind !== "leaf" ? sr.entries : [];
    for (const [el, rv] of right) {
      path.push(el);
      walk(left.get(el), rv);
      path.pop();
      left.delete(el);
    }
    for (const [el, lv] of left) {
      path.push(el);
      walk(lv, undefined);
      path.pop();
    }
    // The merge walker's post-item hook: a new or vanished container is itself a path.
    if (path.length > 0) {
      if (l === undefined) insert(c.added, path);
      else if (r === undefined) insert(c.removed, path);
    }
  };
  /** compare's map/map case: false (nothing walked) when either map is empty. */
  const walkMaps = (l: { [k: string]: Json }, r: { [k: string]: Json }): boolean => {
    if (!hasField(l) || !hasField(r)) return false;
    for (const k in r) {
      const rv = r[k];
      if (rv === undefined) continue;
      path.push(fieldElement(k));
      walk(hasOwn(l, k) ? l[k] : undefined, rv);
      path.pop();
    }
    for (const k in l) {
      const lv = l[k];
      if (lv === undefined || (hasOwn(r, k) && r[k] !== undefined)) continue;
      path.push(fieldElement(k));
      walk(lv, undefined);
      path.pop();
    }
    return true;
  };
  /**
   * compare's map/absent case (the map added when `added`, else removed): every field walked
   * against nothing, then the map itself a path; false (nothing walked) when the map is empty.
   */
  const walkOneSide = (m: { [k: string]: Json }, added: boolean): boolean => {
    if (!hasField(m)) return false;
    for (const k in m) {
      const v = m[k];
      if (v === undefined) continue;
      path.push(fieldElement(k));
      if (added) walk(undefined, v);
      else walk(v, undefined);
      path.pop();
    }
    if (path.length > 0) insert(added ? c.added : c.removed, path);
    return true;
  };
  walk(lhs, rhs);
  return c;
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function hasField(o: { [k: string]: Json }): boolean {
  for (const k in o) if (o[k] !== undefined) return true;
  return false;
}

/** TypedValue.Merge: the configuration's leaves win, maps and keyed lists merge. */
export function merge(live: Json | undefined, config: Json | undefined, path: string[] = []): Json {
  if (config === undefined) return structuredClone(live ?? null);
  if (live === undefined) return structuredClone(config);
  const sl = shapeOf(path, live);
  const sr = shapeOf(path, config);
  if (sl.kind === "leaf" || sr.kind === "leaf" || sl.kind !== sr.kind) {
    // Empty containers on the config side still merge into a non-empty live one.
    if (sr.kind === "leaf" && sl.kind !== "leaf" && isEmptyContainer(config)) {
      if (Array.isArray(config) === Array.isArray(live)) return structuredClone(live);
    }
    return structuredClone(config);
  }
  if (sl.kind === "map") {
    const out: { [k: string]: Json } = {};
    const right = new Map(sr.entries);
    for (const [el, v] of sl.entries) out[el.slice(2)] = merge(v, right.get(el), [...path, el]);
    for (const [el, v] of sr.entries)
      if (!(el.slice(2) in out)) out[el.slice(2)] = merge(undefined, v, [...path, el]);
    return out;
  }
  return mergeList(sl.entries, sr.entries, path);
}

function isEmptyContainer(v: Json): boolean {
  return (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);
}

/**
 * Keyed list merge in structured-merge-diff's order: live items keep their
 * places, items shared with the config follow the config's order among
 * themselves, and new config items come where the config puts them.
 */
function mergeList(lhs: [string, Json][], rhs: [string, Json][], path: string[]): Json[] {
  const left = new Map(lhs);
  const right = new Map(rhs);
  const shared = rhs.map(([el]) => el).filter((el) => left.has(el));
  let next = 0;
  const done = new Set<string>();
  const out: Json[] = [];
  let li = 0;
  let ri = 0;
  while (li < lhs.length || ri < rhs.length) {
    if (li < lhs.length && ri < rhs.length) {
      const el = lhs[li]![0];
      if (el === rhs[ri]![0]) {
        out.push(merge(left.get(el), right.get(el), [...path, el]));
        done.add(el);
        li++;
        ri++;
        if (shared[next] === el) next++;
        continue;
      }
      if (right.has(el) && next < shared.length && shared[next] !== el) {
        li++;
        continue;
      }
    }
    if (li < lhs.length) {
      const el = lhs[li]![0];
      if (!right.has(el)) {
        out.push(structuredClone(left.get(el)!));
        li++;
        continue;
      }
      if (done.has(el)) {
        li++;
        continue;
      }
    }
    if (ri < rhs.length) {
      const el = rhs[ri]![0];
      done.add(el);
      out.push(merge(left.get(el), right.get(el), [...path, el]));
      ri++;
      if (shared[next] === el) next++;
    }
  }
  return out;
}

/** TypedValue.RemoveItems: drops every member of `set` (with what lies below it). */
export function removeItems(value: Json, set: FieldSet, path: string[] = []): Json {
  const shape = shapeOf(path, value);
  if (shape.kind === "leaf") return value;
  const kept: [string, Json][] = [];
  for (const [el, child] of shape.entries) {
    if (set.members.has(el)) continue;
    const below = set.children.get(el);
    kept.push([el, below ? removeItems(child, below, [...path, el]) : child]);
  }
  if (shape.kind === "map") return Object.fromEntries(kept.map(([el, v]) => [el.slice(2), v]));
  return kept.map(([, v]) => v);
}
