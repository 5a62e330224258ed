// Objects in the store: JSON without metadata.resourceVersion (the apiserver
// derives it from the row's mod revision on every read, as with real etcd).

import type { KeyValue } from "../../store/types";
import type { KubeObject } from "../object";
import { cloneJson } from "../../json-value";

// Stored values are immutable strings, so their decoded objects can be shared
// (V8 caches a string's hash, making the lookup cheap); callers copy before changing.
const decoded = new Map<string, { rev: number; obj: KubeObject }>();
const DECODE_CACHE_LIMIT = 20_000;

export function encodeObject(obj: KubeObject): string {
  const { resourceVersion: _rv, ...metadata } = obj.metadata;
  void _rv;
  return JSON.stringify({ ...obj, metadata });
}

/** Decodes a stored value; the result is shared and must be treated as read-only. */
export function decodeObject(kv: Pick<KeyValue, "value" | "modRevision">): KubeObject {
  const hit = decoded.get(kv.value);
  if (hit && hit.rev === kv.modRevision) return hit.obj;
  const parsed = hit ? hit.obj : (JSON.parse(kv.value) as KubeObject);
  const obj = {
    ...parsed,
    metadata: { ...parsed.metadata, resourceVersion: String(kv.modRevision) },
  };
  if (decoded.size >= DECODE_CACHE_LIMIT) decoded.clear();
  decoded.set(kv.value, { rev: kv.modRevision, obj });
  return obj;
}

/**
 * Records what a value just written decodes to (the object it was encoded from), so the
 * components reading it back right after the write skip the JSON.parse. The object must not
 * change afterwards - as for every decoded object.
 */
export function rememberDecoded(value: string, revision: number, stored: KubeObject): KubeObject {
  if (decoded.size >= DECODE_CACHE_LIMIT) decoded.clear();
  const obj = { ...stored, metadata: { ...stored.metadata, resourceVersion: String(revision) } };
  decoded.set(value, { rev: revision, obj });
  return obj;
}

/** A private deep copy the handler may change. */
export function cloneObject<T>(obj: T): T {
  return cloneJson(obj);
}
