// The informer cache of the simulated components: every object of a resource as
// the store holds it now. Real controllers read from a watch-fed cache rather than
// the API; here the cache is the store itself, decoded once per store version.
// Objects are shared and read-only: code that wants to change one copies it.

import { decodeObject } from "../../apiserver/handler/codec";
import type { KubeObject } from "../../apiserver/object";
import { builtinRegistry } from "../../apiserver/resources/registry";
import type { ResourceInfo } from "../../apiserver/resources/resource-info";
import type { SandboxState } from "../../state";
import { prefixEnd, range } from "../../store/store";
import { toKeyValue, type StoreState } from "../../store/types";

const byStore = new WeakMap<StoreState, Map<string, KubeObject[]>>();

export function resourceInfo(group: string, resource: string): ResourceInfo {
  const info = builtinRegistry.preferred(group, resource);
  if (!info?.etcdPrefix) throw new Error(`no stored resource ${resource}.${group}`);
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
  const items = range(state.store, { key: prefix, rangeEnd: prefixEnd(prefix) }).kvs.map(
    decodeObject,
  );
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
  return row ? decodeObject(toKeyValue(row)) : undefined;
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
