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
// - Built-in kinds are Go structs: TypeMeta's kind, apiVersion first, then ObjectMeta, then
//   the type's own fields; ObjectMeta and ListMeta in their struct order, and map-typed fields
//   (labels, annotations) with sorted keys, as encoding/json writes every Go map.
// - Custom resources are unstructured maps: every key at every level sorted.
// The fields of each built-in type's spec and status keep the engine's order (mostly built in
// struct order already); the key order of maps inside them (ConfigMap data, matchLabels) is
// the user's, where the real server would sort it.

type Json = unknown;
type JsonObject = Record<string, Json>;

const TYPE_META = ["kind", "apiVersion"] as const;

const OBJECT_META = [
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "labels",
  "annotations",
  "ownerReferences",
  "finalizers",
  "managedFields",
] as const;

const LIST_META = ["selfLink", "resourceVersion", "continue", "remainingItemCount"] as const;

/** ObjectMeta's map fields: Go maps, written with sorted keys. */
const SORTED_MAPS = new Set<string>(["labels", "annotations"]);

function isObject(v: Json): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A copy of `obj` with `first` keys (those present) in that order, then the rest as they were. */
function ordered(
  obj: JsonObject,
  first: readonly string[],
  value: (key: string, v: Json) => Json = (_k, v) => v,
): JsonObject {
  const out: JsonObject = {};
  for (const key of first) if (key in obj) out[key] = value(key, obj[key]);
  for (const key of Object.keys(obj)) if (!(key in out)) out[key] = value(key, obj[key]);
  return out;
}

function sortedKeys(obj: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(obj).sort()) out[key] = obj[key];
  return out;
}

/** Every object's keys sorted, at every depth: how encoding/json writes an unstructured map. */
function deepSorted(v: Json): Json {
  if (Array.isArray(v)) return v.map(deepSorted);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const key of Object.keys(v).sort()) out[key] = deepSorted(v[key]);
  return out;
}

function objectMeta(meta: Json): Json {
  if (!isObject(meta)) return meta;
  return ordered(meta, OBJECT_META, (key, v) =>
    SORTED_MAPS.has(key) && isObject(v) ? sortedKeys(v) : v,
  );
}

/** One built-in object (or a list's item, which carries no TypeMeta) in its struct order. */
function typedObject(obj: JsonObject): JsonObject {
  return ordered(obj, [...TYPE_META, "metadata"], (key, v) =>
    key === "metadata" ? objectMeta(v) : v,
  );
}

function typedList(list: JsonObject): JsonObject {
  return ordered(list, [...TYPE_META, "metadata", "items"], (key, v) => {
    if (key === "metadata" && isObject(v)) return ordered(v, LIST_META);
    if (key === "items" && Array.isArray(v))
      return v.map((item: Json) => (isObject(item) ? typedObject(item) : item));
    return v;
  });
}

/**
 * `body` (an object, a list of objects, or anything else an API answer carries) with its keys
 * in the order kube-apiserver would write them. `custom`: the resource is a custom resource.
 * Returns copies; `body` itself (possibly the engine's shared, read-only decode) is not changed.
 */
export function inWireOrder(body: Json, custom: boolean): Json {
  if (!isObject(body)) return body;
  if (custom) return deepSorted(body);
  // Status, tables and discovery documents are built by the server in their order already.
  if (body.kind === "Status" || body.kind === "Table") return body;
  return Array.isArray(body.items) ? typedList(body) : typedObject(body);
}
