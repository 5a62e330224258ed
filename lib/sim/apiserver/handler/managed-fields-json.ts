// JSON of a stored object whose managedFields hold FieldsV1 trees the field manager built.
// Such a tree is canonical and read-only (apply/field-set.ts isEncoded) and shared: the pods of
// one ReplicaSet, a kubelet's Events and an unchanged manager's entry across updates hold the
// same tree. Its many small objects ({"f:name":{}}) are the slowest part of JSON.stringify
// (a third of an Event's encoding), so each tree's JSON is made once and spliced into the
// object's; the bytes are exactly JSON.stringify's.

import { isEncoded } from "../apply/field-set";

const treeJson = new WeakMap<object, string>();

function fieldsJson(tree: object): string {
  let s = treeJson.get(tree);
  if (s === undefined) {
    s = JSON.stringify(tree);
    treeJson.set(tree, s);
  }
  return s;
}

/** One managedFields entry as JSON.stringify writes it, reusing its canonical tree's JSON. */
function entryJson(entry: unknown): string {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    return JSON.stringify(entry) ?? "null";
  }
  const e = entry as Record<string, unknown>;
  if (!isEncoded(e.fieldsV1)) return JSON.stringify(e);
  let out = "{";
  for (const key in e) {
    const v = e[key];
    // JSON.stringify leaves out keys whose value it cannot write.
    if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
    if (out.length > 1) out += ",";
    out +=
      JSON.stringify(key) +
      ":" +
      (key === "fieldsV1" ? fieldsJson(v as object) : JSON.stringify(v));
  }
  return out + "}";
}

// Stands for the managedFields in the object's JSON until the entries' JSON replaces it. A value
// holding the same string would be written the same way: the marker is then found twice and the
// object is encoded plainly instead.
const MARK = "\u0000kubelab managed fields\u0000";
const MARK_JSON = JSON.stringify(MARK);

/**
 * JSON.stringify(obj) where obj.metadata is `metadata` (obj's own metadata, or a copy of it the
 * caller made without resourceVersion). Plain JSON.stringify when no entry holds a canonical tree.
 */
export function stringifyWithManagedFields(
  obj: { metadata: object },
  metadata: { managedFields?: unknown },
): string {
  const entries = metadata.managedFields;
  if (!Array.isArray(entries) || !entries.some((e) => isEncoded(e?.fieldsV1))) {
    return JSON.stringify(obj.metadata === metadata ? obj : { ...obj, metadata });
  }
  const marked = JSON.stringify({ ...obj, metadata: { ...metadata, managedFields: MARK } });
  const at = marked.indexOf(MARK_JSON);
  if (at < 0 || marked.lastIndexOf(MARK_JSON) !== at) {
    return JSON.stringify(obj.metadata === metadata ? obj : { ...obj, metadata });
  }
  let list = "[";
  for (let i = 0; i < entries.length; i++) list += (i > 0 ? "," : "") + entryJson(entries[i]);
  return marked.slice(0, at) + list + "]" + marked.slice(at + MARK_JSON.length);
}
