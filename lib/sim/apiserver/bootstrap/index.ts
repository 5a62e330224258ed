// Everything a fresh sandbox holds before kubeadm and the controllers add their objects: the
// four namespaces, their default service accounts, the bootstrap RBAC policy (aggregated, as
// the aggregation controller leaves it) and the system PriorityClasses. The store assigns
// uid, resourceVersion and creationTimestamp when these are written.
import type { KubeObject } from "../object";
import { aggregateClusterRoles } from "./aggregation";
import { bootstrapClusterRoleBindings } from "./cluster-role-bindings";
import { bootstrapClusterRoles } from "./cluster-roles";
import {
  defaultServiceAccount,
  namespaceObject,
  SYSTEM_NAMESPACES,
  systemPriorityClasses,
} from "./namespaces";

export function bootstrapObjects(): KubeObject[] {
  return [
    ...SYSTEM_NAMESPACES.map(namespaceObject),
    ...SYSTEM_NAMESPACES.map(defaultServiceAccount),
    ...aggregateClusterRoles(bootstrapClusterRoles()),
    ...bootstrapClusterRoleBindings(),
    ...systemPriorityClasses(),
  ];
}

export { aggregateClusterRoles } from "./aggregation";
export {
  bootstrapClusterRoles,
  clusterRole,
  AGGREGATE_TO_ADMIN,
  AGGREGATE_TO_EDIT,
  AGGREGATE_TO_VIEW,
} from "./cluster-roles";
export { bootstrapClusterRoleBindings } from "./cluster-role-bindings";
export {
  namespaceObject,
  defaultServiceAccount,
  systemPriorityClasses,
  SYSTEM_NAMESPACES,
} from "./namespaces";
export { kubernetesServiceObjects, type KubernetesServiceInput } from "./kubernetes-service";
