// What the API server knows about one served resource: the discovery facts kubectl reads
// (group/version/kind, names, verbs, categories, subresources) and where it lives in etcd.

export interface SubresourceInfo {
  /** "status", "scale", "log", "binding", "eviction"... */
  name: string;
  /** Kind served by the subresource; its group/version when they differ from the parent. */
  kind: string;
  group?: string;
  version?: string;
  verbs: readonly string[];
}

export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  /** Plural, lower-case: the REST path segment. */
  resource: string;
  singular: string;
  shortNames: readonly string[];
  namespaced: boolean;
  verbs: readonly string[];
  categories: readonly string[];
  subresources: readonly SubresourceInfo[];
  /**
   * Key prefix in etcd, ending in "/", exactly as kube-apiserver stores it (nodes live under
   * /registry/minions/). `null` for virtual resources that are never stored (reviews, ComponentStatus).
   */
  etcdPrefix: string | null;
  /**
   * When two served resources share one storage (core v1 events and events.k8s.io/v1 events),
   * the group/version the stored objects are encoded in.
   */
  storageGroupVersion?: { group: string; version: string };
  /** True for resources derived from a CustomResourceDefinition. */
  custom?: boolean;
  /** For custom resources: the version's openAPIV3Schema, used for validation and pruning. */
  schema?: unknown;
}

export const STANDARD_VERBS = [
  "create",
  "delete",
  "deletecollection",
  "get",
  "list",
  "patch",
  "update",
  "watch",
] as const;

export const STATUS_VERBS = ["get", "patch", "update"] as const;

export function apiVersionOf(info: Pick<ResourceInfo, "group" | "version">): string {
  return info.group === "" ? info.version : `${info.group}/${info.version}`;
}

/** etcd key of one object: <prefix><namespace>/<name> or <prefix><name>. */
export function etcdKey(info: ResourceInfo, namespace: string | undefined, name: string): string {
  if (info.etcdPrefix === null) {
    throw new Error(`${info.resource} is not stored in etcd`);
  }
  return info.namespaced
    ? `${info.etcdPrefix}${namespace ?? ""}/${name}`
    : `${info.etcdPrefix}${name}`;
}

/** etcd range prefix for a list: all namespaces, or one namespace for namespaced kinds. */
export function etcdListPrefix(info: ResourceInfo, namespace?: string): string {
  if (info.etcdPrefix === null) {
    throw new Error(`${info.resource} is not stored in etcd`);
  }
  return info.namespaced && namespace ? `${info.etcdPrefix}${namespace}/` : info.etcdPrefix;
}

export function findSubresource(info: ResourceInfo, name: string): SubresourceInfo | undefined {
  return info.subresources.find((s) => s.name === name);
}
