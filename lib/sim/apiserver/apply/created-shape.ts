// The fields a create gives its manager depend only on the object's shape: which fields are
// present, which values are null, containers or scalars, and the keys of keyed list items -
// never on a scalar's value (created-fields.ts compares the object with its kind's zero value,
// whose only leaves are nulls). The components create many objects of one shape (a
// ReplicaSet's pods, a kubelet's Events), so the FieldsV1 built for a shape is kept and shared
// by every object of that shape: like every stored FieldsV1 tree it is read-only.

import type { JsonObject, JsonValue } from "../object";
import { createdFieldsV1 } from "./created-fields";
import { fieldElement } from "./field-set";
import { shapeOf } from "./typed-walk";
import { type ShapeNode, shapeNode, shapeNodeOfContent } from "./shape-trie";

/**
 * A string equal for two values exactly when the create walk cannot tell them apart: field
 * names (length-prefixed, so any character may appear in them), null ("n"), other scalars
 * ("s"), atomic maps ("T"), and for lists the path elements the walk gives their items.
 */
export function shapeSignature(value: JsonValue): string {
  return sig([], value);
}

function sig(path: string[], v: JsonValue | undefined): string {
  if (v === null) return "n";
  if (typeof v !== "object") return "s";
  if (Array.isArray(v)) {
    const shape = shapeOf(path, v);
    if (shape.kind === "leaf") return shape.empty ? "E" : "A";
    let out = "[";
    for (const [el, item] of shape.entries) {
      path.push(el);
      out += `${el.length}:${el}${sig(path, item)},`;
      path.pop();
    }
    return out + "]";
  }
  // isAtomicObject(path) of list-types.ts, read off the last element (a field's "f:" name).
  const last = path.length > 0 ? path[path.length - 1] : undefined;
  let out = last === "f:selector" || last === "f:nodeSelector" ? "T{" : "{";
  for (const k in v) {
    const child = v[k];
    if (child === undefined) continue;
    // Scalars and nulls (most fields) need no path: written here without the recursive call.
    if (child === null) out += `${k.length}:${k}n;`;
    else if (typeof child !== "object") out += `${k.length}:${k}s;`;
    else {
      path.push(fieldElement(k));
      out += `${k.length}:${k}${sig(path, child)};`;
      path.pop();
    }
  }
  return out + "}";
}

const NONE = Symbol("walk cannot mirror");

/**
 * createdFieldsV1 for `content` with the zero value `zero` (which `zeroKey` names: the zero
 * value follows the kind and the shape), kept per shape. `zero` may be given as the function
 * making it, called only for a shape not seen yet.
 */
export function createdFieldsV1ByShape(
  zeroKey: string,
  zero: JsonValue | (() => JsonValue),
  content: JsonValue,
  resetStatus: boolean,
): JsonObject | undefined {
  return kept(shapeNode(rootOf(zeroKey, resetStatus), content), zero, () => content, resetStatus);
}

/**
 * createdFieldsV1ByShape for the content of a stored object - `obj` without
 * metadata.managedFields and metadata.resourceVersion, which `content` builds - whose shape
 * is read off `obj` itself: the content is built only for a shape not seen yet.
 */
export function createdFieldsV1OfObject(
  zeroKey: string,
  zero: JsonValue | (() => JsonValue),
  obj: { metadata: object },
  content: () => JsonValue,
  resetStatus: boolean,
): JsonObject | undefined {
  return kept(shapeNodeOfContent(rootOf(zeroKey, resetStatus), obj), zero, content, resetStatus);
}

/** The trie's root per zero value and status reset (the rest of the key is the shape). */
const rootOf = (zeroKey: string, resetStatus: boolean) => (resetStatus ? "r" : "k") + zeroKey;

function kept(
  node: ShapeNode,
  zero: JsonValue | (() => JsonValue),
  content: () => JsonValue,
  resetStatus: boolean,
): JsonObject | undefined {
  const hit = node.value as JsonObject | typeof NONE | undefined;
  if (hit !== undefined) return hit === NONE ? undefined : hit;
  const fields = createdFieldsV1(
    typeof zero === "function" ? zero() : zero,
    content(),
    resetStatus,
  );
  node.value = fields ?? NONE;
  return fields;
}

/** The metadata fields the field manager writes itself: not part of the content it compares. */
const BOOKKEEPING = new Set(["managedFields", "resourceVersion"]);

/**
 * shapeSignature of `obj` without metadata.managedFields and metadata.resourceVersion (the
 * content a create's fields come from), without building that copy: the same string. The
 * cache walks shape-trie.ts instead; this is the text the trie's tokens write.
 */
export function contentSignature(obj: { metadata: object }): string {
  const o = obj as unknown as Record<string, JsonValue | undefined>;
  let out = "{";
  for (const k in o) {
    const child = o[k];
    if (child === undefined) continue;
    if (k !== "metadata" || obj.metadata !== child) {
      out += `${k.length}:${k}${sig([fieldElement(k)], child)};`;
      continue;
    }
    const meta = child as Record<string, JsonValue | undefined>;
    let m = "{";
    const path = ["f:metadata"];
    for (const mk in meta) {
      const v = meta[mk];
      if (v === undefined || BOOKKEEPING.has(mk)) continue;
      path.push(fieldElement(mk));
      m += `${mk.length}:${mk}${sig(path, v)};`;
      path.pop();
    }
    out += `8:metadata${m}};`;
  }
  return out + "}";
}
