// Compact builders for the bootstrap RBAC data. Field order matches how the API server
// serializes a PolicyRule (verbs, apiGroups, resources, resourceNames, nonResourceURLs).
import type { PolicyRule } from "../authz/types";

export const READ = ["get", "list", "watch"];
export const WRITE = ["create", "delete", "deletecollection", "patch", "update"];
export const ALL_VERBS = [
  "create",
  "delete",
  "deletecollection",
  "get",
  "list",
  "patch",
  "update",
  "watch",
];

export function rule(
  apiGroups: string[],
  resources: string[],
  verbs: string[],
  resourceNames?: string[],
): PolicyRule {
  const r: PolicyRule = { verbs, apiGroups, resources };
  if (resourceNames) r.resourceNames = resourceNames;
  return r;
}

export function urls(nonResourceURLs: string[], verbs: string[]): PolicyRule {
  return { verbs, nonResourceURLs };
}
