// The informer cache of the simulated components: every object of a resource as
// the store holds it now. Real controllers read from a watch-fed cache rather than
// the API; here the cache is the store itself, decoded once per store version.
// Objects are shared and read-only: code that wants to change one copies it.
//
// A list is also kept per revision log (as loop-quiet.ts keeps its notes): the states of one
// lineage share the log's row array, so a later state whose rows since the list was taken touch
// no key under its prefix has the very same list - what an informer's store holds between
// events - and gets it without ranging the index again (every write makes a new store).

import { decodeObject, decodeRow } from "../../apiserver/handler/codec";
import type { KubeObject } from "../../apiserver/object";
import { builtinRegistry } from "../../apiserver/resources/registry";
import type { ResourceInfo } from "../../apiserver/resources/resource-info";
import type { SandboxState } from "../../state";
import { prefixEnd, range } from "../../store/store";
import type { KvRow, StoreState } from "../../store/types";

const byStore = new WeakMap<StoreState, Map<string, readonly KubeObject[]>>();

/** A prefix's list as of the first `length` rows of a log's row array. */
interface LineageList {
  length: number;
  readonly items: readonly KubeObject[];
}
const byLog = new WeakMap<readonly KvRow[], Map<string, LineageList>>();

/**
 * Per row array: the index of the newest row under each key prefix that ends at a "/" (every
 * list prefix does: "/registry/pods/", "/registry/pods/default/"), for rows [0, scanned).
 * Each row is looked at once per lineage, however many prefixes are listed.
 */
interface PrefixWrites {
  scanned: number;
  readonly last: Map<string, number>;
}
const writesByLog = new WeakMap<readonly KvRow[], PrefixWrites>();

function lastWriteUnder(rows: readonly KvRow[], length: number, prefix: string): number {
  let writes = writesByLog.get(rows);
  if (!writes) {
    writes = { scanned: 0, last: new Map() };
    writesByLog.set(rows, writes);
  }
  for (; writes.scanned < length; writes.scanned++) {
    const key = rows[writes.scanned]!.key;
    for (let i = key.indexOf("/", 1); i >= 0; i = key.indexOf("/", i + 1)) {
      writes.last.set(key.slice(0, i + 1), writes.scanned);
    }
  }
  return writes.last.get(prefix) ?? -1;
}

/** The list taken on an earlier state of this lineage, when no row since is under `prefix`. */
function lineageList(store: StoreState, prefix: string): readonly KubeObject[] | undefined {
  const { rows, length } = store.log;
  const note = byLog.get(rows)?.get(prefix);
  if (!note || note.length > length) return undefined;
  if (!prefix.endsWith("/")) {
    for (let i = note.length; i < length; i++) {
      if (rows[i]!.key.startsWith(prefix)) return undefined;
    }
  } else if (lastWriteUnder(rows, length, prefix) >= note.length) {
    // (rows past `length` belong to a later state of the lineage: a write at or after the
    // note counts as news, which at worst ranges again)
    return undefined;
  }
  // Seen: the next check starts after these rows.
  note.length = length;
  return note.items;
}

function noteLineageList(store: StoreState, prefix: string, items: readonly KubeObject[]): void {
  const { rows, length } = store.log;
  let perPrefix = byLog.get(rows);
  if (!perPrefix) {
    perPrefix = new Map();
    byLog.set(rows, perPrefix);
  }
  const note = perPrefix.get(prefix);
  // An older state of the lineage (a test replaying from it) keeps the newer list.
  if (!note || note.length <= length) perPrefix.set(prefix, { length, items });
}

// Per group and resource: the built-in registry never changes, and its lookup filters and sorts
// every entry - the components ask on every get and list (~1 ms per small write's settle).
const infos = new Map<string, Map<string, ResourceInfo>>();

export function resourceInfo(group: string, resource: string): ResourceInfo {
  let perGroup = infos.get(group);
  if (!perGroup) {
    perGroup = new Map();
    infos.set(group, perGroup);
  }
  let info = perGroup.get(resource);
  if (!info) {
    const found = builtinRegistry.preferred(group, resource);
    if (!found?.etcdPrefix) throw new Error(`no stored resource ${resource}.${group}`);
    info = found;
    perGroup.set(resource, info);
  }
  return info;
}

/** Every object of a resource (all namespaces or one), sorted by key as etcd returns them. */
export function listObjects(
  state: SandboxState,
  group: string,
  resource: string,
  namespace?: string,
): readonly KubeObject[] {
  const info = resourceInfo(group, resource);
  const prefix =
    info.namespaced && namespace ? `${info.etcdPrefix}${namespace}/` : info.etcdPrefix!;
  let memo = byStore.get(state.store);
  if (!memo) {
    memo = new Map();
    byStore.set(state.store, memo);
  }
  const hit = memo.get(prefix);
  if (hit) return hit;
  let items = lineageList(state.store, prefix);
  if (!items) {
    items = range(state.store, { key: prefix, rangeEnd: prefixEnd(prefix) }).kvs.map(decodeObject);
    noteLineageList(state.store, prefix, items);
  }
  memo.set(prefix, items);
  return items;
}

export function getObject(
  state: SandboxState,
  group: string,
  resource: string,
  namespace: string | undefined,
  name: string,
): KubeObject | undefined {
  const info = resourceInfo(group, resource);
  const key = info.namespaced
    ? `${info.etcdPrefix}${namespace ?? ""}/${name}`
    : `${info.etcdPrefix}${name}`;
  const row = state.store.live.get(key);
  // A live row's decode (its modRevision is the row's revision): no KeyValue view in between.
  return row ? decodeRow(row) : undefined;
}

/** The etcd key prefix of a resource (one namespace's when given): what a loop watches. */
export function watchPrefix(group: string, resource: string, namespace?: string): string {
  const info = resourceInfo(group, resource);
  return info.namespaced && namespace ? `${info.etcdPrefix}${namespace}/` : info.etcdPrefix!;
}

/** Every key: loops whose decisions read resources of any kind (garbage collector...). */
export const WATCH_EVERYTHING: readonly string[] = ["/registry/"];

/** Indexes a list by "namespace/name". */
export function keyOf(obj: KubeObject): string {
  return obj.metadata.namespace
    ? `${obj.metadata.namespace}/${obj.metadata.name ?? ""}`
    : (obj.metadata.name ?? "");
}
