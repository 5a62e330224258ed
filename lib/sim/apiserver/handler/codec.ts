// Objects in the store: JSON without metadata.resourceVersion (the apiserver
// derives it from the row's mod revision on every read, as with real etcd).

import { type KeyValue, type KvRow, rowOf } from "../../store/types";
import type { KubeObject } from "../object";
import { cloneJson } from "../../json-value";

// A row never changes, so what its value decodes to is kept with the row itself: collected
// with the row (and its sandbox), never parsed twice while the row lives, and a lookup is a
// pointer hash rather than hashing a long value string. Callers copy before changing.
const byRow = new WeakMap<KvRow, KubeObject>();

// Values reached without their row (a caller building {value, modRevision} itself): a small
// bounded cache keyed by the value string, as before.
const byValue = new Map<string, { rev: number; obj: KubeObject }>();
const BY_VALUE_LIMIT = 2_000;

// The JSON of parts of stored objects, by identity. A stored object never changes, and its parts
// are shared with the versions that follow it (a status update keeps the spec object, a bind keeps
// the containers; created managedFields trees are shared between objects of one shape), so each
// part is stringified once and later writes concatenate the text they already have.
const partJson = new WeakMap<object, string>();
/** Levels walked member by member (object → metadata → managedFields → entry → fieldsV1). */
const WALKED_LEVELS = 4;
/** Parts shorter than this are stringified again rather than remembered. */
const REMEMBERED_MIN = 64;
const quotedKeys = new Map<string, string>();

function quoteKey(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, q);
  }
  return q;
}

/** JSON.stringify's text for `v` (undefined where it would leave the member out). */
function encodePart(v: unknown, level: number): string | undefined {
  if (typeof v !== "object" || v === null) return JSON.stringify(v);
  const hit = partJson.get(v);
  if (hit !== undefined) return hit;
  let text: string;
  if (level >= WALKED_LEVELS || typeof (v as { toJSON?: unknown }).toJSON === "function") {
    text = JSON.stringify(v);
  } else if (Array.isArray(v)) {
    text = "[";
    for (let i = 0; i < v.length; i++) {
      if (i > 0) text += ",";
      text += encodePart(v[i], level + 1) ?? "null";
    }
    text += "]";
  } else {
    text = encodeMembers(v as Record<string, unknown>, level, undefined);
  }
  if (text.length >= REMEMBERED_MIN) partJson.set(v, text);
  return text;
}

function encodeMembers(o: Record<string, unknown>, level: number, skip: string | undefined): string {
  let text = "{";
  for (const key in o) {
    if (key === skip) continue;
    const part = encodePart(o[key], level + 1);
    if (part === undefined) continue;
    if (text.length > 1) text += ",";
    text += quoteKey(key) + ":" + part;
  }
  return text + "}";
}

/**
 * The stored text of an object: JSON.stringify's, without metadata.resourceVersion (objects on
 * their way to storage usually carry none). Parts already encoded are reused (see partJson).
 */
export function encodeObject(obj: KubeObject): string {
  let text = "{";
  for (const key in obj) {
    const v = (obj as Record<string, unknown>)[key];
    const part =
      key === "metadata" && typeof v === "object" && v !== null && !Array.isArray(v)
        ? encodeMembers(v as Record<string, unknown>, 1, "resourceVersion")
        : encodePart(v, 1);
    if (part === undefined) continue;
    if (text.length > 1) text += ",";
    text += quoteKey(key) + ":" + part;
  }
  return text + "}";
}

function withRevision(obj: KubeObject, revision: number): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(revision) } };
}

/** Decodes a stored row's value; the result is shared and must be treated as read-only. */
export function decodeRow(row: KvRow): KubeObject {
  const hit = byRow.get(row);
  if (hit) return hit;
  const obj = withRevision(JSON.parse(row.value) as KubeObject, row.revision);
  byRow.set(row, obj);
  return obj;
}

/** Decodes a stored value; the result is shared and must be treated as read-only. */
export function decodeObject(kv: Pick<KeyValue, "value" | "modRevision">): KubeObject {
  const row = rowOf(kv as KeyValue);
  if (row && row.value === kv.value) {
    const obj = decodeRow(row);
    // A DELETE event's prevKv may carry the previous revision with the tombstone's row.
    return row.revision === kv.modRevision ? obj : withRevision(obj, kv.modRevision);
  }
  const hit = byValue.get(kv.value);
  if (hit && hit.rev === kv.modRevision) return hit.obj;
  const obj = withRevision(hit ? hit.obj : (JSON.parse(kv.value) as KubeObject), kv.modRevision);
  if (byValue.size >= BY_VALUE_LIMIT) byValue.clear();
  byValue.set(kv.value, { rev: kv.modRevision, obj });
  return obj;
}

/**
 * Records what a row just written decodes to (the object its value was encoded from), so the
 * components reading it back right after the write skip the JSON.parse. The object must not
 * change afterwards - as for every decoded object.
 */
export function rememberDecoded(row: KvRow, stored: KubeObject): KubeObject {
  const obj = withRevision(stored, row.revision);
  byRow.set(row, obj);
  return obj;
}

/** A private deep copy the handler may change. */
export function cloneObject<T>(obj: T): T {
  return cloneJson(obj);
}
