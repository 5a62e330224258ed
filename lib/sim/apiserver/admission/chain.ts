// The admission chain as kube-apiserver 1.28 runs it for a kubeadm cluster, packaged for the
// request handler: decode-time defaults, then the mutating plugins (NamespaceLifecycle,
// LimitRanger, ServiceAccount, TaintNodesByCondition, Priority, DefaultTolerationSeconds,
// DefaultStorageClass, StorageObjectInUseProtection), and later, after
// validation, the validating ones (LimitRanger, ResourceQuota). Objects are read through the
// handler's lookup; nothing here touches the store.
import type { KubeObject } from "../object";
import type { ResourceInfo } from "../resources/resource-info";
import { applyDefaults, generateJobSelector, hasNoDefaults } from "./defaults";
import { admitDefaultStorageClass } from "./default-storage-class";
import { admitDefaultTolerationSeconds } from "./default-tolerations";
import { admitLimitRangerDefaults, validateLimitRanges } from "./limit-ranger";
import { admitNamespaceLifecycle } from "./namespace-lifecycle";
import { admitPriority } from "./priority";
import { admitResourceQuota } from "./resource-quota";
import { admitServiceAccount, podServiceAccountName } from "./service-account";
import { keepAllocatedServiceValues } from "./service-update";
import { admitStorageProtection } from "./storage-protection";
import { admitNodeTaints } from "./taint-nodes";

export interface AdmissionLookup {
  get(group: string, resource: string, namespace: string, name: string): KubeObject | undefined;
  list(group: string, resource: string, namespace?: string): readonly KubeObject[];
}

export interface AdmissionAttributes {
  operation: "CREATE" | "UPDATE" | "DELETE";
  info: ResourceInfo;
  subresource: string;
  namespace: string;
  name: string;
  object: KubeObject;
  oldObject?: KubeObject;
  lookup: AdmissionLookup;
  randomSuffix: (length: number) => string;
}

const isPod = (info: ResourceInfo) => info.group === "" && info.resource === "pods";
// Subresources carry other kinds (Binding, Eviction, Scale); only the main object and its
// status are defaulted and admitted as that kind.
const mainObject = (req: AdmissionAttributes) =>
  req.subresource === "" && req.object.kind === req.info.kind;

// The resources whose CREATE a mutating plugin below changes (besides the kinds' defaults).
const CHANGED_ON_CREATE = new Set([
  "/pods",
  "/persistentvolumeclaims",
  "/persistentvolumes",
  "/nodes",
  "batch/jobs",
]);

/**
 * Whether decoding and mutating admission leave a created object of this resource as it came
 * (no defaults, no plugin changes it): the handler then need not copy the body it was handed,
 * every step being read-only on it. Kept next to the chain it describes.
 */
export function createLeavesContent(info: ResourceInfo): boolean {
  // Kept per registry entry (asked on every create): no key built and hashed each time.
  let known = leavesContent.get(info);
  if (known === undefined) {
    known = !CHANGED_ON_CREATE.has(`${info.group}/${info.resource}`) && hasNoDefaults(info);
    leavesContent.set(info, known);
  }
  return known;
}
const leavesContent = new WeakMap<ResourceInfo, boolean>();

export function runMutatingAdmission(req: AdmissionAttributes): KubeObject {
  admitNamespaceLifecycle(
    { operation: req.operation, info: req.info, namespace: req.namespace, name: req.name },
    req.namespace === "" ? undefined : req.lookup.get("", "namespaces", "", req.namespace),
  );
  if (req.operation === "DELETE" || !mainObject(req)) return req.object;
  let obj = req.object;
  if (
    req.operation === "UPDATE" &&
    req.oldObject &&
    req.info.group === "" &&
    req.info.resource === "services"
  ) {
    obj = keepAllocatedServiceValues(obj, req.oldObject);
  }
  // An update of a kind without defaults is returned as it came, not copied: nothing below
  // changes an update (the handler copies what it changes itself).
  if (req.operation !== "CREATE" && hasNoDefaults(req.info)) return obj;
  obj = applyDefaults(obj, req.info);
  if (req.operation !== "CREATE") return obj;
  if (req.info.group === "batch" && req.info.resource === "jobs" && obj.metadata.uid) {
    obj = generateJobSelector(obj, obj.metadata.uid);
  }
  const key = `${req.info.group}/${req.info.resource}`;
  if (key === "/persistentvolumeclaims") {
    obj = admitDefaultStorageClass(obj, req.lookup.list("storage.k8s.io", "storageclasses"));
    obj = admitStorageProtection(obj, "persistentvolumeclaims");
  } else if (key === "/persistentvolumes") {
    obj = admitStorageProtection(obj, "persistentvolumes");
  } else if (key === "/nodes") {
    obj = admitNodeTaints(obj);
  }
  if (isPod(req.info)) {
    obj = admitLimitRangerDefaults(obj, req.lookup.list("", "limitranges", req.namespace));
    obj = admitServiceAccount(obj, {
      serviceAccount: req.lookup.get(
        "",
        "serviceaccounts",
        req.namespace,
        podServiceAccountName(obj),
      ),
      randomSuffix: req.randomSuffix,
    });
    obj = admitPriority(obj, req.lookup.list("scheduling.k8s.io", "priorityclasses"));
    obj = admitDefaultTolerationSeconds(obj);
  }
  return obj;
}

export function runValidatingAdmission(req: AdmissionAttributes): { sideWrites: KubeObject[] } {
  // The request handler admits deletes only here; NamespaceLifecycle must still refuse to
  // delete the system namespaces (idempotent if the mutating chain already ran it).
  if (req.operation === "DELETE") {
    admitNamespaceLifecycle(
      { operation: "DELETE", info: req.info, namespace: req.namespace, name: req.name },
      undefined,
    );
    return { sideWrites: [] };
  }
  if (!mainObject(req) || req.namespace === "") return { sideWrites: [] };
  const key = `${req.info.group}/${req.info.resource}`;
  if (req.operation === "CREATE" && (key === "/pods" || key === "/persistentvolumeclaims")) {
    const ranges = req.lookup.list("", "limitranges", req.namespace);
    if (ranges.length > 0)
      validateLimitRanges(req.object, key === "/pods" ? "Pod" : "PersistentVolumeClaim", ranges);
  }
  const quotas = req.lookup.list("", "resourcequotas", req.namespace);
  if (quotas.length === 0) return { sideWrites: [] };
  const sideWrites = admitResourceQuota({
    operation: req.operation,
    object: req.object,
    ...(req.oldObject ? { oldObject: req.oldObject } : {}),
    info: req.info,
    quotas,
    namespaceObjects: quotaInputs(req),
  });
  return { sideWrites };
}

// Only read when a quota has no status.used yet: the namespace's objects of the kinds it counts.
function quotaInputs(req: AdmissionAttributes) {
  return req.lookup
    .list(req.info.group, req.info.resource, req.namespace)
    .map((object) => ({ object, info: req.info }));
}
