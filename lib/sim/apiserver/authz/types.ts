// RBAC inputs and outputs. Attributes mirror k8s.io/apiserver authorizer.Attributes; the snapshot
// is the four RBAC kinds as stored (plain objects), so the handler can pass what it read.
import type { KubeObject } from "../object";

export interface UserInfo {
  name: string;
  groups: readonly string[];
  uid?: string;
}

export interface Attributes {
  user: UserInfo;
  verb: string;
  /** Resource requests */
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Non-resource requests (e.g. "/healthz", "/version"); set instead of resource. */
  path?: string;
}

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup?: string;
  kind: string;
  name: string;
}

export interface RbacSnapshot {
  roles: readonly KubeObject[];
  clusterRoles: readonly KubeObject[];
  roleBindings: readonly KubeObject[];
  clusterRoleBindings: readonly KubeObject[];
}

export interface Decision {
  allowed: boolean;
  /** "RBAC: allowed by ..." when allowed; errors met while evaluating when not. */
  reason: string;
}

export const SYSTEM_MASTERS = "system:masters";
export const SYSTEM_AUTHENTICATED = "system:authenticated";
export const SYSTEM_SERVICEACCOUNTS = "system:serviceaccounts";

export function isResourceRequest(a: Attributes): boolean {
  return a.path === undefined;
}
