// Entry points the request handler calls: per-kind create/update validation dispatch.
// Inputs are the decoded (and defaulted) object plus the ResourceInfo it resolved to; the
// result is the field error list for newInvalid(), empty when the object is valid.
import type { KubeObject } from "../object";
import type { ResourceInfo } from "../resources/resource-info";
import type { FieldError } from "./field-error";
import { isDNS1123Subdomain } from "./names";
import { validateObjectMeta, validateObjectMetaUpdate } from "./object-meta";
import { findUnknownCustomFields, validateCustomObject } from "./custom-resource";
import {
  findUnknownFields as findBuiltinUnknownFields,
  findUnknownMetadataFields,
  pruneUnknownFields as pruneBuiltinUnknownFields,
} from "./decode";
import { validateCronJob, validateCronJobUpdate } from "./cron-job";
import { validatePod } from "./pod";
import { validatePodDisruptionBudget } from "./pod-disruption-budget";
import { validatePodUpdate } from "./pod-update";
import {
  validateAppsUpdate,
  validateDaemonSet,
  validateDeployment,
  validateJob,
  validateJobUpdate,
  validateReplicaSet,
  validateStatefulSet,
  validateStatefulSetUpdate,
} from "./workloads";
import { validateService, validateServiceUpdate } from "./service";
import { validateNode, validateNodeUpdate } from "./node";
import {
  validateConfigMap,
  validateConfigMapUpdate,
  validateSecret,
  validateSecretUpdate,
} from "./config";
import { validateRole, validateRoleBinding, validateRoleBindingUpdate } from "./rbac";
import {
  validateCustomResourceDefinition,
  validateEndpointSlice,
  validateIngress,
  validateNamespace,
  validateNetworkPolicy,
  validatePersistentVolume,
  validatePersistentVolumeClaim,
  validatePersistentVolumeClaimUpdate,
  validatePriorityClass,
  validatePriorityClassUpdate,
} from "./misc";

type Create = (o: KubeObject) => FieldError[];
type Update = (next: KubeObject, prev: KubeObject) => FieldError[];

const CREATE: Record<string, Create> = {
  "/Pod": validatePod,
  "/Service": validateService,
  "/ConfigMap": validateConfigMap,
  "/Secret": validateSecret,
  "/Namespace": validateNamespace,
  "/Node": validateNode,
  "/PersistentVolume": validatePersistentVolume,
  "/PersistentVolumeClaim": validatePersistentVolumeClaim,
  "apps/Deployment": validateDeployment,
  "apps/ReplicaSet": validateReplicaSet,
  "apps/DaemonSet": validateDaemonSet,
  "apps/StatefulSet": validateStatefulSet,
  "batch/Job": validateJob,
  "batch/CronJob": validateCronJob,
  "rbac.authorization.k8s.io/Role": (o) => validateRole(o, true),
  "rbac.authorization.k8s.io/ClusterRole": (o) => validateRole(o, false),
  "rbac.authorization.k8s.io/RoleBinding": (o) => validateRoleBinding(o, true),
  "rbac.authorization.k8s.io/ClusterRoleBinding": (o) => validateRoleBinding(o, false),
  "scheduling.k8s.io/PriorityClass": validatePriorityClass,
  "policy/PodDisruptionBudget": validatePodDisruptionBudget,
  "discovery.k8s.io/EndpointSlice": validateEndpointSlice,
  "networking.k8s.io/NetworkPolicy": validateNetworkPolicy,
  "networking.k8s.io/Ingress": validateIngress,
  "apiextensions.k8s.io/CustomResourceDefinition": validateCustomResourceDefinition,
};

const UPDATE: Record<string, Update> = {
  "/Pod": validatePodUpdate,
  "/Service": validateServiceUpdate,
  "/ConfigMap": validateConfigMapUpdate,
  "/Secret": validateSecretUpdate,
  "/PersistentVolumeClaim": validatePersistentVolumeClaimUpdate,
  "/Node": validateNodeUpdate,
  "apps/Deployment": validateAppsUpdate,
  "apps/ReplicaSet": validateAppsUpdate,
  "apps/DaemonSet": validateAppsUpdate,
  "apps/StatefulSet": (n, p) => [...validateAppsUpdate(n, p), ...validateStatefulSetUpdate(n, p)],
  "batch/Job": validateJobUpdate,
  "batch/CronJob": validateCronJobUpdate,
  "rbac.authorization.k8s.io/RoleBinding": validateRoleBindingUpdate,
  "rbac.authorization.k8s.io/ClusterRoleBinding": validateRoleBindingUpdate,
  "scheduling.k8s.io/PriorityClass": validatePriorityClassUpdate,
};

const key = (info: Pick<ResourceInfo, "group" | "kind">) => `${info.group}/${info.kind}`;

/** Validation of a new object (after mutating admission, before validating admission). */
export function validateCreate(obj: KubeObject, info: ResourceInfo): FieldError[] {
  if (info.custom) {
    return [
      ...validateObjectMeta(obj.metadata, info.namespaced, isDNS1123Subdomain),
      ...validateCustomObject(obj, info.schema),
    ];
  }
  const fn = CREATE[key(info)];
  return fn ? fn(obj) : validateObjectMeta(obj.metadata, info.namespaced, isDNS1123Subdomain);
}

// Kinds whose status subresource's updates kube-apiserver judges without the spec (their status
// strategies validate metadata and status; the simulator does not validate these statuses):
// neither the spec rules nor the update's immutability rules run. The status strategy puts the
// stored spec back (prepareForUpdate), so those rules would only judge again the spec the write
// before stored; the controllers' status writes are a good part of a write's settle.
const STATUS_UPDATE_SKIPS_SPEC = new Set([
  "apps/Deployment",
  "apps/ReplicaSet",
  "apps/DaemonSet",
  "apps/StatefulSet",
  "batch/Job",
  "batch/CronJob",
]);

/** Validation of an update: the object's own rules, metadata immutability, kind immutability. */
export function validateUpdate(
  next: KubeObject,
  prev: KubeObject,
  info: ResourceInfo,
  subresource = "",
): FieldError[] {
  const kind = key(info);
  if (
    subresource === "status" &&
    STATUS_UPDATE_SKIPS_SPEC.has(kind) &&
    next.spec !== undefined &&
    next.spec === prev.spec
  ) {
    return validateObjectMetaUpdate(next.metadata, prev.metadata);
  }
  // A pod keeping its stored spec (the status subresource puts it back) is judged as
  // ValidatePodStatusUpdate judges it: metadata and status, not the spec stored before.
  const keptPodSpec = kind === "/Pod" && next.spec !== undefined && next.spec === prev.spec;
  // A built-in kind without rules of its own (a Lease, an Event) is created under the metadata
  // rules alone, whose errors an update leaves to validateObjectMetaUpdate: nothing to run.
  const metadataOnly = !info.custom && CREATE[kind] === undefined;
  const create = (keptPodSpec || metadataOnly ? [] : validateCreate(next, info)).filter(
    // Name rules were checked at creation; an update is judged on what it changes.
    (e) => e.field !== "metadata.name" && e.field !== "metadata.generateName",
  );
  const update = UPDATE[kind];
  return [
    ...validateObjectMetaUpdate(next.metadata, prev.metadata),
    ...create.filter((e) => !e.field.startsWith("metadata.")),
    ...(update ? update(next, prev) : []),
  ];
}

export * from "./field-error";
export * from "./names";
export {
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateLabels,
  validateAnnotations,
} from "./object-meta";
export {
  strictDecodingMessage,
  nestingDepthError,
  findInvalidQuantity,
  cannotBeHandledMessage,
  MAX_NESTING_DEPTH,
} from "./decode";
export * from "./quantity";
export { findTypeError } from "./decode-types";

/** Strict field validation: built-in kinds by their field schema, custom kinds by their CRD's. */
export function findUnknownFields(obj: unknown, info: ResourceInfo): string[] {
  if (!info.custom) return findBuiltinUnknownFields(obj, info);
  return [...findUnknownMetadataFields(obj), ...findUnknownCustomFields(obj, info.schema)];
}

/** Drops the fields a built-in kind does not have (custom kinds are left to their CRD's rules). */
export function pruneUnknownFields<T>(obj: T, info: ResourceInfo): T {
  return info.custom ? obj : pruneBuiltinUnknownFields(obj, info);
}
