// JSON of a stored object whose managedFields hold FieldsV1 trees the field manager built.
// Such a tree is canonical and read-only (apply/field-set.ts isEncoded) and shared: the pods of
// one ReplicaSet, a kubelet's Events and an unchanged manager's entry across updates hold the
// same tree. Its many small objects ({"f:name":{}}) are the slowest part of JSON.stringify
// (a third of an Event's encoding), so each tree's JSON is made once and spliced into the
// object's; the bytes are exactly JSON.stringify's. A spec already written keeps its JSON too
// (specJson below).

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

/** The managedFields array as JSON.stringify writes it, splicing the trees' JSON in. */
function entriesJson(entries: unknown): string | undefined {
  if (!Array.isArray(entries) || !entries.some((e) => isEncoded(e?.fieldsV1))) {
    return JSON.stringify(entries);
  }
  return listJson(entries);
}

function listJson(entries: unknown[]): string {
  let list = "[";
  for (let i = 0; i < entries.length; i++) list += (i > 0 ? "," : "") + entryJson(entries[i]);
  return list + "]";
}

// A spec's JSON, kept with the spec object: an update through the status subresource (a pod's
// kubelet, the controllers' status writes) stores the spec it read, the very object whose JSON
// the previous write made. Stored objects are read-only from their encoding on (every decode is
// shared), so the JSON stays the spec's.
const specJson = new WeakMap<object, string>();

function memberJson(key: string, v: unknown): string | undefined {
  if (key !== "spec" || typeof v !== "object" || v === null) return JSON.stringify(v);
  let s = specJson.get(v);
  if (s === undefined) {
    s = JSON.stringify(v);
    specJson.set(v, s);
  }
  return s;
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Keeps the JSON of `extended`, a copy of `spec` with `key` added (Object.assign({}, spec,
 * {key: value})), when the JSON of `spec` is kept: the new key comes last, so the copy's JSON
 * is the spec's with one member appended. A pod's binding adds spec.nodeName this way: the
 * spec's JSON made when the pod was created (the only other write of that spec) is then used
 * once more instead of the whole spec being stringified again. Nothing is kept when the key
 * is already the spec's (it keeps its place) or an array index (those are enumerated first).
 */
export function keepSpecJsonWithKey(spec: object, extended: object, key: string): void {
  const base = specJson.get(spec);
  if (base === undefined || hasOwn(spec, key) || /^(0|[1-9][0-9]*)$/.test(key)) return;
  const value = JSON.stringify((extended as Record<string, unknown>)[key]);
  let json = base;
  if (value !== undefined) {
    const member = JSON.stringify(key) + ":" + value;
    json = base === "{}" ? `{${member}}` : `${base.slice(0, -1)},${member}}`;
  }
  specJson.set(extended, json);
}

/**
 * The JSON of a stored object: exactly JSON.stringify(obj), leaving out metadata.resourceVersion
 * when `withoutResourceVersion` (the store derives it from the row), the managed fields' trees
 * written from their kept JSON. An object with a spec is written key by key so that a spec
 * written before keeps its JSON (a status write's spec: half a pod's encoding); one without (an
 * Event, a Lease) in one JSON.stringify with the entries spliced in, which is faster for them.
 */
export function storedJson(obj: { metadata: object }, withoutResourceVersion: boolean): string {
  const o = obj as unknown as Record<string, unknown>;
  const meta = obj.metadata as Record<string, unknown>;
  if (typeof o.spec !== "object" || o.spec === null) {
    if (!withoutResourceVersion || meta.resourceVersion === undefined) return markedJson(obj, meta);
    const { resourceVersion: _rv, ...rest } = meta;
    void _rv;
    return markedJson(obj, rest);
  }
  let out = "{";
  for (const key in o) {
    const v = o[key];
    // JSON.stringify leaves out a key whose value it cannot write (undefined comes back).
    const json =
      key === "metadata" && v === meta && typeof v === "object" && v !== null && !Array.isArray(v)
        ? metadataJson(meta, withoutResourceVersion)
        : memberJson(key, v);
    if (json === undefined) continue;
    if (out.length > 1) out += ",";
    out += JSON.stringify(key) + ":" + json;
  }
  return out + "}";
}

// Stands for the managedFields in the object's JSON until the entries' JSON replaces it. A value
// holding the same string would be written the same way: the marker is then found twice and the
// object is encoded plainly instead.
const MARK = "\u0000kubelab managed fields\u0000";
const MARK_JSON = JSON.stringify(MARK);

/** JSON.stringify(obj) with obj.metadata replaced by `metadata`, the trees' JSON spliced in. */
function markedJson(obj: { metadata: object }, metadata: Record<string, unknown>): string {
  const entries = metadata.managedFields;
  if (!Array.isArray(entries) || !entries.some((e) => isEncoded(e?.fieldsV1))) {
    return JSON.stringify(obj.metadata === metadata ? obj : { ...obj, metadata });
  }
  const marked = JSON.stringify({ ...obj, metadata: { ...metadata, managedFields: MARK } });
  const at = marked.indexOf(MARK_JSON);
  if (at < 0 || marked.lastIndexOf(MARK_JSON) !== at) {
    return JSON.stringify(obj.metadata === metadata ? obj : { ...obj, metadata });
  }
  return marked.slice(0, at) + listJson(entries) + marked.slice(at + MARK_JSON.length);
}

function metadataJson(meta: Record<string, unknown>, withoutResourceVersion: boolean): string {
  let out = "{";
  for (const key in meta) {
    if (withoutResourceVersion && key === "resourceVersion") continue;
    const v = meta[key];
    const json = key === "managedFields" ? entriesJson(v) : JSON.stringify(v);
    if (json === undefined) continue;
    if (out.length > 1) out += ",";
    out += JSON.stringify(key) + ":" + json;
  }
  return out + "}";
}

/**
 * JSON.stringify(obj) where obj.metadata is `metadata` (obj's own metadata, or a copy of it the
 * caller made without resourceVersion).
 */
export function stringifyWithManagedFields(
  obj: { metadata: object },
  metadata: { managedFields?: unknown },
): string {
  if (obj.metadata === metadata) return storedJson(obj, false);
  return storedJson({ ...obj, metadata }, false);
}
