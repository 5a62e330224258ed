// patchMergeKey per Go type, from the struct tags of k8s.io/api (1.28): a strategic merge
// patch merges a list by its key only where the field declares patchStrategy "merge";
// every other list (tolerations, taints, Endpoints subsets, rules...) is replaced whole.
// The same field name can differ by type: Container.ports merge by containerPort,
// ServiceSpec.ports by port, EndpointSubset.ports and NetworkPolicy ports not at all.

const CONTAINER_LISTS = new Set(["containers", "initContainers", "ephemeralContainers"]);

/** Lists of a Container (parent: one item of a containers list). */
const CONTAINER_FIELDS: Record<string, string> = {
  ports: "containerPort",
  env: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
};

/** Lists of a PodSpec (parent: "spec" of a Pod or of a template). */
const POD_SPEC_FIELDS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  volumes: "name",
  imagePullSecrets: "name",
  hostAliases: "ip",
  topologySpreadConstraints: "topologyKey",
  schedulingGates: "name",
  resourceClaims: "name",
};

/** Lists of status structs (PodStatus, NodeStatus, the workloads' status...). */
const STATUS_FIELDS: Record<string, string> = {
  conditions: "type",
  podIPs: "ip",
  hostIPs: "ip",
  addresses: "type",
};

/** Kinds whose spec is a PodSpec, or holds one at spec.template.spec (jobTemplate too). */
function isPodSpecPath(parents: readonly string[], rootKind: string): boolean {
  const p = parents.join(".");
  if (p === "spec") return rootKind === "Pod";
  return (
    p === "spec.template.spec" ||
    p === "spec.jobTemplate.spec.template.spec" ||
    p === "template.spec"
  );
}

/**
 * The merge key of the list at `path` (object keys from the root, list indices left out),
 * or undefined when the list is atomic.
 */
export function mergeKeyFor(path: readonly string[], rootKind: string): string | undefined {
  const field = path[path.length - 1];
  if (field === undefined) return undefined;
  const parents = path.slice(0, -1);
  const parent = parents[parents.length - 1];
  if (parent !== undefined && CONTAINER_LISTS.has(parent)) return CONTAINER_FIELDS[field];
  if (isPodSpecPath(parents, rootKind) && POD_SPEC_FIELDS[field]) return POD_SPEC_FIELDS[field];
  if (parents.length === 1 && parent === "status" && STATUS_FIELDS[field])
    return STATUS_FIELDS[field];
  if (parents.length === 1 && parent === "spec" && field === "ports" && rootKind === "Service")
    return "port";
  if (parents.length === 1 && parent === "metadata" && field === "ownerReferences") return "uid";
  if (parents.length === 0 && field === "secrets" && rootKind === "ServiceAccount") return "name";
  return undefined;
}

/** Lists of scalars with patchStrategy=merge: a patch adds to them instead of replacing. */
export function isPrimitiveMergeList(path: readonly string[]): boolean {
  return path.length === 2 && path[0] === "metadata" && path[1] === "finalizers";
}
