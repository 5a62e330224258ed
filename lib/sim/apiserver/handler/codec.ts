// Objects in the store: JSON without metadata.resourceVersion (the apiserver
// derives it from the row's mod revision on every read, as with real etcd).

import { type KeyValue, type KvRow, rowOf } from "../../store/types";
import type { KubeObject } from "../object";
import { cloneJson, copyForAdding } from "../../json-value";
import { storedJson } from "./managed-fields-json";

// A row never changes, so what its value decodes to is kept with the row itself: collected
// with the row (and its sandbox), never parsed twice while the row lives. Callers copy
// before changing. It is a property of the row object, not a WeakMap entry keyed by the row:
// a worker's cache holds some 10^5 decoded rows, and V8 marks a WeakMap's values as
// ephemerons - revisited until their keys are found marked, the rest of that work done in
// the full GC's final pause - which made that pause 0.25-0.46 s under the paced load
// (bench/load/stall-profile.ts, --trace-gc-nvp's mark.ephemeron.marking). Non-enumerable, so
// JSON, Object.keys and a spread copy of the row ({ ...row }: cache-size.ts sheds decodes
// that way) do not see it.
const DECODED: unique symbol = Symbol("kubelab.decoded");
type DecodedRow = KvRow & { [DECODED]?: KubeObject };

function decodedOf(row: KvRow): KubeObject | undefined {
  return (row as DecodedRow)[DECODED];
}

function keepDecoded(row: KvRow, obj: KubeObject | undefined): void {
  const r = row as DecodedRow;
  // Defined once per row (V8: one shared map transition), then only assigned.
  if (Object.prototype.hasOwnProperty.call(r, DECODED)) r[DECODED] = obj;
  else if (obj !== undefined)
    Object.defineProperty(r, DECODED, { value: obj, writable: true, enumerable: false });
}

// Values reached without their row (a caller building {value, modRevision} itself): a small
// bounded cache keyed by the value string, as before.
const byValue = new Map<string, { rev: number; obj: KubeObject }>();
const BY_VALUE_LIMIT = 2_000;

export function encodeObject(obj: KubeObject): string {
  // Objects on their way to storage usually carry no resourceVersion; one that does is written
  // without it, the other keys in their order (no copy of the metadata is made).
  return storedJson(obj, true);
}

/** obj with metadata.resourceVersion set, on copies (copyForAdding: the key is usually added). */
export function withRevision(obj: KubeObject, revision: number): KubeObject {
  const metadata = copyForAdding(obj.metadata);
  metadata.resourceVersion = String(revision);
  return { ...obj, metadata };
}

/** Decodes a stored row's value; the result is shared and must be treated as read-only. */
export function decodeRow(row: KvRow): KubeObject {
  const hit = decodedOf(row);
  if (hit) return hit;
  const obj = withRevision(JSON.parse(row.value) as KubeObject, row.revision);
  keepDecoded(row, obj);
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
 * Drops what `row` decodes to, kept by decodeRow or rememberDecoded: for a row a later write
 * superseded (lib/db/sandboxes/cache.ts), which is hardly read again but would otherwise hold
 * its object as long as the row stays in the history. Reading it again parses it anew.
 */
export function forgetDecoded(row: KvRow): void {
  keepDecoded(row, undefined);
}

/**
 * Records what a row just written decodes to (the object its value was encoded from), so the
 * components reading it back right after the write skip the JSON.parse. The object must not
 * change afterwards - as for every decoded object.
 */
export function rememberDecoded(row: KvRow, stored: KubeObject): KubeObject {
  const obj = withRevision(stored, row.revision);
  keepDecoded(row, obj);
  return obj;
}

/**
 * rememberDecoded for an object the caller hands over: nothing else references it or its
 * metadata (a create's own copy), so the row's resourceVersion is set on it in place rather
 * than on a copy. It is the shared, read-only decode from then on.
 */
export function adoptDecoded(row: KvRow, stored: KubeObject): KubeObject {
  // Added to a key-by-key copy of the (private) metadata: the metadata usually comes from a
  // spread copy, where adding a key is V8's slow path (json-value.ts copyForAdding).
  const metadata = copyForAdding(stored.metadata);
  metadata.resourceVersion = String(row.revision);
  stored.metadata = metadata;
  keepDecoded(row, stored);
  return stored;
}

/** A private deep copy the handler may change. */
export function cloneObject<T>(obj: T): T {
  return cloneJson(obj);
}
