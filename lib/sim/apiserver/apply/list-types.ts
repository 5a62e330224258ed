// The merge semantics server-side apply reads from the OpenAPI schema: which
// lists are maps keyed by some fields (x-kubernetes-list-type: map, or a
// patchMergeKey), which are sets, which are atomic, and which structs/maps are
// atomic. The simulator has no full schema, so the built-in types' markers that
// matter for the supported kinds are listed here (from k8s.io/api 1.28 tags).

import type { JsonValue } from "../object";
import type { FieldPath } from "./field-set";

export type ListType =
  | { type: "map"; keys: readonly string[]; defaults?: Readonly<Record<string, JsonValue>> }
  | { type: "set" }
  | { type: "atomic" };

const TCP = { protocol: "TCP" } as const;

const MAP_LISTS: Record<string, ListType> = {
  containers: { type: "map", keys: ["name"] },
  initContainers: { type: "map", keys: ["name"] },
  ephemeralContainers: { type: "map", keys: ["name"] },
  env: { type: "map", keys: ["name"] },
  volumes: { type: "map", keys: ["name"] },
  volumeMounts: { type: "map", keys: ["mountPath"] },
  volumeDevices: { type: "map", keys: ["devicePath"] },
  imagePullSecrets: { type: "map", keys: ["name"] },
  hostAliases: { type: "map", keys: ["ip"] },
  conditions: { type: "map", keys: ["type"] },
  addresses: { type: "map", keys: ["type"] },
  ownerReferences: { type: "map", keys: ["uid"] },
  topologySpreadConstraints: { type: "map", keys: ["topologyKey", "whenUnsatisfiable"] },
  resourceClaims: { type: "map", keys: ["name"] },
};

const isObj = (v: unknown): v is Record<string, JsonValue> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** How the list at `path` (ending in its field element) merges. */
export function listTypeOf(path: FieldPath, items: readonly JsonValue[]): ListType {
  const field = path[path.length - 1]?.slice(2) ?? "";
  if (field === "finalizers" && path.length === 2 && path[0] === "f:metadata")
    return { type: "set" };
  if (field === "ports") {
    const first = items.find(isObj);
    // Container ports: listMapKey containerPort+protocol; Service ports: port+protocol.
    if (first && "containerPort" in first)
      return { type: "map", keys: ["containerPort", "protocol"], defaults: TCP };
    if (path.length === 2 && path[0] === "f:spec" && (!first || "port" in first))
      return { type: "map", keys: ["port", "protocol"], defaults: TCP };
    return { type: "atomic" };
  }
  // Every other list (args, command, tolerations, taints, rules, subjects...) is atomic.
  return MAP_LISTS[field] ?? { type: "atomic" };
}

/** Structs and maps marked +structType=atomic / +mapType=atomic (LabelSelector, selectors). */
export function isAtomicObject(path: FieldPath): boolean {
  const field = path[path.length - 1]?.slice(2) ?? "";
  return field === "selector" || field === "nodeSelector";
}

/** The key of one list item as its path element's fields, or undefined when it has none. */
export function itemKey(
  type: Extract<ListType, { type: "map" }>,
  item: JsonValue,
): Record<string, JsonValue> | undefined {
  if (!isObj(item)) return undefined;
  const key: Record<string, JsonValue> = {};
  for (const k of type.keys) {
    const v = item[k] ?? type.defaults?.[k];
    if (v !== undefined) key[k] = v;
  }
  return Object.keys(key).length > 0 ? key : undefined;
}
