// The ClusterRoleBindings the 1.28 API server creates for the roles kept in cluster-roles.ts.
import type { KubeObject } from "../object";
import type { Subject } from "../authz/types";

const RBAC = "rbac.authorization.k8s.io";
const group = (name: string): Subject => ({ kind: "Group", apiGroup: RBAC, name });
const user = (name: string): Subject => ({ kind: "User", apiGroup: RBAC, name });

function binding(name: string, subjects: Subject[], roleName = name): KubeObject {
  return {
    apiVersion: `${RBAC}/v1`,
    kind: "ClusterRoleBinding",
    metadata: {
      name,
      labels: { "kubernetes.io/bootstrapping": "rbac-defaults" },
      annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" },
    },
    roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: roleName },
    subjects,
  };
}

export function bootstrapClusterRoleBindings(): KubeObject[] {
  return [
    binding("cluster-admin", [group("system:masters")]),
    binding("system:basic-user", [group("system:authenticated")]),
    binding("system:discovery", [group("system:authenticated")]),
    binding("system:kube-controller-manager", [user("system:kube-controller-manager")]),
    binding("system:kube-scheduler", [user("system:kube-scheduler")]),
    binding("system:public-info-viewer", [
      group("system:authenticated"),
      group("system:unauthenticated"),
    ]),
  ];
}
