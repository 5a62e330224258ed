// Admission, in the order kube-apiserver runs it for a kubeadm cluster: defaults are applied
// while decoding; then the mutating plugins (NamespaceLifecycle, LimitRanger, ServiceAccount,
// DefaultTolerationSeconds, Priority); validation; then the validating ones (LimitRanger,
// ResourceQuota). Each function is pure: the handler passes the objects it needs.
export { applyDefaults, generateJobSelector } from "./defaults";
export { defaultPullPolicy, imageTag } from "./image";
export {
  admitNamespaceLifecycle,
  isTerminating,
  IMMORTAL_NAMESPACES,
  type Operation,
  type LifecycleRequest,
} from "./namespace-lifecycle";
export {
  admitServiceAccount,
  podServiceAccountName,
  DEFAULT_SERVICE_ACCOUNT,
  RANDOM_ALPHABET,
  TOKEN_MOUNT_PATH,
  type ServiceAccountInput,
} from "./service-account";
export { admitDefaultTolerationSeconds, DEFAULT_TOLERATION_SECONDS } from "./default-tolerations";
export { admitPriority } from "./priority";
export {
  admitLimitRangerDefaults,
  validateLimitRanges,
  effectiveContainerDefaults,
  LIMIT_RANGER_ANNOTATION,
} from "./limit-ranger";
export { admitResourceQuota, type QuotaRequest } from "./resource-quota";
export { usageOf, computeQuotaUsed, type ResourceList } from "./quota-usage";
export {
  runMutatingAdmission,
  runValidatingAdmission,
  type AdmissionAttributes,
  type AdmissionLookup,
} from "./chain";
export { quotaMatchesObject } from "./quota-scopes";
export { keepAllocatedServiceValues } from "./service-update";
export { admitDefaultStorageClass, IS_DEFAULT_CLASS_ANNOTATION } from "./default-storage-class";
export {
  admitStorageProtection,
  PVC_PROTECTION_FINALIZER,
  PV_PROTECTION_FINALIZER,
} from "./storage-protection";
export { admitNodeTaints, NOT_READY_TAINT } from "./taint-nodes";
