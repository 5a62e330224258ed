// The key order kube-apiserver's JSON serializer gives an object, applied where our answers
// leave for a client that sees raw JSON (the REST API, its watch events, `kubectl get --raw`).
//
// Why at the edge: the engine keeps each object's keys in the order it was built or decoded
// in, and that order is part of the stored bytes, the audit log and the traces (the engine's
// digest). It also depends on how the copy was reached: an object decoded on write keeps
// metadata.resourceVersion where the client's object had it, one parsed from a stored row
// (which has no resourceVersion) gets it last - so a raw GET answered from a warm cache and
// one answered after a reload differed. kubectl's printers sort keys themselves (-o json /
// yaml print an unstructured map), so only raw JSON showed it.
//
// What real 1.28 does, and what we follow:
// - Built-in kinds are Go structs: TypeMeta's kind, apiVersion first, every struct's fields
//   in declaration order, every Go map (labels, data, selectors) sorted. For the kinds in
//   go-field-order.ts's table that is what typed-order.ts writes (keys of structs the table
//   lacks come sorted there), with `creationTimestamp: null` in nested templates' metadata
//   (template-timestamps.ts). For the other kinds: TypeMeta, then ObjectMeta / ListMeta in
//   struct order with labels and annotations sorted, then the type's fields in the engine's
//   order (mostly built in struct order already).
// - Custom resources are unstructured maps: every key at every level sorted.

import { goFieldOrder } from "./go-field-order";
import { listWithTemplateTimestamps } from "./template-timestamps";
import { inGoOrder, typedObject } from "./typed-order";

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Every object's keys sorted, at every depth: how encoding/json writes an unstructured map. */
function deepSorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepSorted);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const key of Object.keys(v).sort()) out[key] = deepSorted(v[key]);
  return out;
}

/** A copy of `obj` with `first` keys (those present) in that order, then the rest as they were. */
function ordered(
  obj: JsonObject,
  first: readonly string[],
  value: (key: string, v: unknown) => unknown,
): JsonObject {
  const out: JsonObject = {};
  for (const key of first) if (key in obj) out[key] = value(key, obj[key]);
  for (const key of Object.keys(obj)) if (!(key in out)) out[key] = value(key, obj[key]);
  return out;
}

const LEAD = ["kind", "apiVersion", "metadata"];

/** A kind the table lacks: TypeMeta and ObjectMeta in order, its own fields as they are. */
function lightlyTyped(obj: JsonObject): JsonObject {
  return ordered(obj, LEAD, (key, v) =>
    key === "metadata" ? inGoOrder(v, "ObjectMeta", false) : v,
  );
}

function lightlyTypedList(list: JsonObject): JsonObject {
  return ordered(list, [...LEAD, "items"], (key, v) => {
    if (key === "metadata") return inGoOrder(v, "ListMeta", false);
    if (key === "items" && Array.isArray(v))
      return v.map((item: unknown) => (isObject(item) ? lightlyTyped(item) : item));
    return v;
  });
}

/**
 * `body` (an object, a list of objects, or anything else an API answer carries) with its keys
 * in the order kube-apiserver would write them. `custom`: the resource is a custom resource.
 * Returns copies; `body` itself (possibly the engine's shared, read-only decode) is not changed.
 */
export function inWireOrder(body: unknown, custom: boolean): unknown {
  if (!isObject(body)) return body;
  if (custom) return deepSorted(body);
  const kind = typeof body.kind === "string" ? body.kind : "";
  // Status, tables and discovery documents are built by the server in their order already.
  if (kind === "Status" || kind === "Table" || !isObject(body.metadata)) return body;
  const isList = Array.isArray(body.items);
  const itemKind = isList && kind.endsWith("List") ? kind.slice(0, -4) : kind;
  // Nested templates' null creationTimestamp, as the terminal's kubectl prints them too
  // (template-timestamps.ts; the two faces must print alike: tests/conformance/golden.test.ts).
  const sent = listWithTemplateTimestamps(body);
  if (goFieldOrder(itemKind)) return typedObject(sent, undefined, false);
  return isList ? lightlyTypedList(sent) : lightlyTyped(sent);
}
