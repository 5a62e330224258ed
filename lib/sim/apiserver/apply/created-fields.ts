// The fields a create gives its manager, built straight as FieldsV1 JSON in one walk.
// Same result as managed-fields.ts' general path (compare the kind's zero value with the
// object, keep the added and modified paths, strip what nobody owns, encode), which
// builds three field sets and encodes them: most writes of a settle are creates (pods,
// Events), so this walk is what they pay.

import type { JsonObject, JsonValue } from "../object";
import { jsonEqual } from "../../json-value";
import { fieldElement, sortElements } from "./field-set";
import { shapeOf, type Shape } from "./typed-walk";
import { isAtomicObject } from "./list-types";

type Json = JsonValue;

/** A key the walk cannot mirror exactly (a keyed list with a repeated key): use the general path. */
class Repeated extends Error {}

/**
 * One level of FieldsV1 for `r` compared with the zero value's `l` at `path`: undefined when the
 * change touched nothing there. `member` says whether the path itself was added.
 */
function walk(
  path: string[],
  l: Json | undefined,
  r: Json | undefined,
): { member: boolean; node: JsonObject | undefined } | undefined {
  // A removed path (in the zero value, not in the object) is no one's field.
  if (r === undefined || l === r) return undefined;
  if (l === undefined) return path.length > 0 ? { member: true, node: added(path, r) } : undefined;
  let sl: Shape | undefined = l === undefined ? undefined : shapeOf(path, l);
  let sr: Shape = shapeOf(path, r);
  // The promotions of typed-walk's compare: an empty container or a present null on one
  // side walks as an empty container of the other side's kind.
  if (sl?.kind === "leaf" && sl.empty && sr.kind !== "leaf") sl = { kind: sr.kind, entries: [] };
  if (sr.kind === "leaf" && sr.empty && sl && sl.kind !== "leaf")
    sr = { kind: sl.kind, entries: [] };
  if (l === null && sr.kind !== "leaf") sl = { kind: sr.kind, entries: [] };
  if (r === null && sl && sl.kind !== "leaf") sr = { kind: sl.kind, entries: [] };
  const leaf = sl?.kind === "leaf" || sr.kind === "leaf" || (sl && sl.kind !== sr.kind);
  if (leaf) {
    if (path.length === 0) return undefined;
    if (l === undefined || !jsonEqual(l, r)) return { member: true, node: undefined };
    return undefined;
  }
  const left = sl && sl.kind !== "leaf" && sl.entries.length ? new Map(sl.entries) : undefined;
  const children = new Map<string, JsonObject>();
  const entries = sr.kind === "leaf" ? [] : sr.entries;
  for (const [el, rv] of entries) {
    if (children.has(el)) throw new Repeated();
    path.push(el);
    const child = walk(path, left?.get(el), rv);
    path.pop();
    if (!child) continue;
    if (child.member) children.set(el, child.node ? { ".": {}, ...child.node } : {});
    else if (child.node) children.set(el, child.node);
  }
  let node: JsonObject | undefined;
  if (children.size > 0) {
    node = {};
    for (const el of sortElements([...children.keys()])) node[el] = children.get(el)!;
  }
  const member = path.length > 0 && l === undefined;
  return member || node ? { member, node } : undefined;
}

/**
 * The fields below a value the zero value lacks: all of them are added, so no comparison is
 * needed (the common case: every field of a created object below metadata, spec and status).
 */
function added(path: string[], r: Json): JsonObject | undefined {
  if (r === null || typeof r !== "object") return undefined;
  const keys: string[] = [];
  const nodes: Record<string, JsonObject> = {};
  if (Array.isArray(r)) {
    const shape = shapeOf(path, r);
    if (shape.kind === "leaf") return undefined;
    for (const [el, item] of shape.entries) {
      if (el in nodes) throw new Repeated();
      keys.push(el);
      path.push(el);
      nodes[el] = withDot(added(path, item));
      path.pop();
    }
  } else {
    let any = false;
    for (const k in r) {
      if (r[k] !== undefined) {
        any = true;
        break;
      }
    }
    if (!any || (path.length > 0 && isAtomicObject(path))) return undefined;
    for (const k in r) {
      const v = r[k];
      if (v === undefined) continue;
      const el = fieldElement(k);
      keys.push(el);
      path.push(el);
      nodes[el] = withDot(added(path, v));
      path.pop();
    }
  }
  if (keys.length === 0) return undefined;
  if (keys.length > 1) sortElements(keys);
  const out: JsonObject = {};
  for (const el of keys) out[el] = nodes[el]!;
  return out;
}

const withDot = (node: JsonObject | undefined): JsonObject => (node ? { ".": {}, ...node } : {});

const STRIPPED_META = [
  "f:name",
  "f:namespace",
  "f:creationTimestamp",
  "f:selfLink",
  "f:uid",
  "f:clusterName",
  "f:generation",
  "f:managedFields",
  "f:resourceVersion",
];

/**
 * FieldsV1 of what creating `content` (the object without managedFields/resourceVersion)
 * gives its manager, compared with `zero`; undefined when the walk cannot mirror the
 * general path (the caller then takes it), {} when the manager owns nothing.
 */
export function createdFieldsV1(
  zero: Json,
  content: Json,
  resetStatus: boolean,
): JsonObject | undefined {
  let top: JsonObject | undefined;
  try {
    top = walk([], zero, content)?.node;
  } catch (err) {
    if (err instanceof Repeated) return undefined;
    throw err;
  }
  if (!top) return {};
  // managed-fields.ts' owned(): apiVersion, kind, the server's metadata (and status of a kind
  // with a status subresource) belong to nobody. The top level and metadata are never members.
  const out: JsonObject = {};
  for (const k in top) {
    if (k === "f:apiVersion" || k === "f:kind" || (resetStatus && k === "f:status")) continue;
    if (k !== "f:metadata") {
      out[k] = top[k]!;
      continue;
    }
    const meta = top[k] as JsonObject;
    const kept: JsonObject = {};
    let any = false;
    for (const m in meta) {
      if (m === "." || STRIPPED_META.includes(m)) continue;
      kept[m] = meta[m]!;
      any = true;
    }
    if (any) out[k] = kept;
  }
  return out;
}
