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

// `{"key":` and `,"key":` per member name: the names of stored objects' top level, metadata and
// managed-fields entries are few, so each opening is made once instead of once per member
// written. Bounded, as a custom resource may bring names of its own.
const firstMembers = new Map<string, string>();
const nextMembers = new Map<string, string>();
const MEMBER_LIMIT = 512;

/** `{"key":` for the object's first member written, `,"key":` for the others. */
function memberOpening(first: boolean, key: string): string {
  const map = first ? firstMembers : nextMembers;
  let p = map.get(key);
  if (p === undefined) {
    if (map.size >= MEMBER_LIMIT) map.clear();
    p = (first ? "{" : ",") + JSON.stringify(key) + ":";
    map.set(key, p);
  }
  return p;
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
 * Event, a Lease) in one JSON.stringify with its metadata written into place (markedJson), which
 * is faster for them.
 * The pieces are joined once into one flat string: a row's value lives as long as the row, and
 * built with `+=` it was a tree of concatenation nodes and small strings (#4: 39 k nodes and 24 k
 * strings alive after a 100-replica settle, 1.25 MiB beyond the text, copied by its scavenges),
 * which persistence then flattened value by value; the join copies the pieces once.
 */
export function storedJson(obj: { metadata: object }, withoutResourceVersion: boolean): string {
  const o = obj as unknown as Record<string, unknown>;
  const meta = obj.metadata as Record<string, unknown>;
  if (typeof o.spec !== "object" || o.spec === null) {
    return markedJson(obj, meta, withoutResourceVersion);
  }
  const parts = scratch;
  parts.length = 0;
  pushMembers(parts, o, meta, withoutResourceVersion);
  return joined(parts);
}

/** The object `o` whose metadata is `meta`, key by key (a spec keeps its JSON: memberJson). */
function pushMembers(
  parts: string[],
  o: Record<string, unknown>,
  meta: Record<string, unknown>,
  withoutResourceVersion: boolean,
): void {
  let first = true;
  for (const key in o) {
    const v = o[key];
    const at = parts.length;
    parts.push(memberOpening(first, key));
    // JSON.stringify leaves out a key whose value it cannot write (undefined comes back).
    const written =
      key === "metadata" && v === meta && typeof v === "object" && v !== null && !Array.isArray(v)
        ? pushJson(parts, metadataJson(meta, withoutResourceVersion))
        : pushJson(parts, memberJson(key, v));
    if (written) first = false;
    else parts.length = at;
  }
  parts.push(first ? "{}" : "}");
}

// The pieces of the value being written: one array for every call (nothing in a call starts
// another), emptied after the join so it holds no piece longer than the call.
const scratch: string[] = [];

function joined(parts: string[]): string {
  const out = parts.join("");
  parts.length = 0;
  return out;
}

function pushJson(parts: string[], json: string | undefined): boolean {
  if (json === undefined) return false;
  parts.push(json);
  return true;
}

// Stands for the metadata in the object's JSON until the metadata's own JSON replaces it: a
// number, which JSON.stringify writes fastest (a marker string with escapes cost ~0.3 us more per
// Event). Another member written the same way (a nested "metadata":0, or 0.5) is found too: the
// marker then occurs twice and the object is written key by key instead.
const MARK = 0;
const MARK_JSON = '"metadata":0';
const MARK_AT = MARK_JSON.length - 1;

/**
 * JSON.stringify(obj) (without metadata.resourceVersion when `withoutResourceVersion`) for an
 * object without a spec (an Event, a Lease): everything but the metadata in one JSON.stringify
 * of a copy whose metadata is a marker, the metadata written member by member into its place
 * (metadataJson: the trees' kept JSON). One pass over the metadata: no copy of it without
 * resourceVersion, no second copy with a marker for managedFields, no stringify of the metadata
 * that is thrown away.
 */
function markedJson(
  obj: { metadata: object },
  meta: Record<string, unknown>,
  withoutResourceVersion: boolean,
): string {
  const entries = meta.managedFields;
  if (!Array.isArray(entries) || !entries.some((e) => isEncoded(e?.fieldsV1))) {
    if (!withoutResourceVersion || meta.resourceVersion === undefined) return JSON.stringify(obj);
    const { resourceVersion: _rv, ...rest } = meta;
    void _rv;
    return JSON.stringify({ ...obj, metadata: rest });
  }
  const marked = JSON.stringify({ ...obj, metadata: MARK });
  const found = marked.indexOf(MARK_JSON);
  const at = found + MARK_AT;
  const parts = scratch;
  parts.length = 0;
  if (found < 0 || marked.lastIndexOf(MARK_JSON) !== found) {
    pushMembers(parts, obj as unknown as Record<string, unknown>, meta, withoutResourceVersion);
    return joined(parts);
  }
  parts.push(marked.slice(0, at), metadataJson(meta, withoutResourceVersion));
  parts.push(marked.slice(at + 1));
  return joined(parts);
}

/**
 * JSON.stringify(meta) (without resourceVersion when `withoutResourceVersion`), the entries'
 * trees from their kept JSON. Built with `+=`: the few short-lived concatenation nodes are
 * flattened by the caller's join, and it is cheaper than pushing each piece for an Event's
 * ~20 pieces.
 */
function metadataJson(meta: Record<string, unknown>, withoutResourceVersion: boolean): string {
  let out = "";
  for (const key in meta) {
    if (withoutResourceVersion && key === "resourceVersion") continue;
    const v = meta[key];
    const json = key === "managedFields" ? entriesJson(v) : JSON.stringify(v);
    // JSON.stringify leaves out a key whose value it cannot write (undefined comes back).
    if (json !== undefined) out += memberOpening(out === "", key) + json;
  }
  return out === "" ? "{}" : out + "}";
}

/** The managedFields value as JSON.stringify writes it, the canonical trees from their JSON. */
function entriesJson(entries: unknown): string | undefined {
  if (!Array.isArray(entries)) return JSON.stringify(entries);
  let out = "[";
  for (let i = 0; i < entries.length; i++) {
    if (i > 0) out += ",";
    out += entryJson(entries[i]);
  }
  return out + "]";
}

/** One managedFields entry as JSON.stringify writes it (see pushEntry). */
function entryJson(entry: unknown): string {
  if (
    typeof entry !== "object" ||
    entry === null ||
    Array.isArray(entry) ||
    !isEncoded((entry as Record<string, unknown>).fieldsV1)
  ) {
    return JSON.stringify(entry) ?? "null";
  }
  const e = entry as Record<string, unknown>;
  let out = "";
  for (const key in e) {
    const v = e[key];
    if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
    out +=
      memberOpening(out === "", key) +
      (key === "fieldsV1" ? fieldsJson(v as object) : JSON.stringify(v));
  }
  return out === "" ? "{}" : out + "}";
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
