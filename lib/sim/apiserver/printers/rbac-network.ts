// RoleBindings, ClusterRoleBindings and NetworkPolicies as kube-apiserver 1.28 prints
// them (printers.go printRoleBinding, printClusterRoleBinding, printNetworkPolicy).
// Roles and ClusterRoles keep the generic NAME/CREATED AT table: so does the real one.

import type { KubeObject } from "../object";
import {
  AGE_COLUMN,
  NAME_COLUMN,
  col,
  formatLabelSelector,
  since,
  type LabelSelector,
} from "./format";
import type { KindPrinter } from "./types";

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

interface Binding {
  metadata: KubeObject["metadata"];
  roleRef?: { kind?: string; name?: string };
  subjects?: Subject[] | null;
}

/** rbac.SubjectsStrings: users, groups and service accounts (namespace/name), each joined. */
function subjectCells(subjects: readonly Subject[]): string[] {
  const of = (kind: string) => subjects.filter((s) => s.kind === kind);
  return [
    of("User")
      .map((s) => s.name)
      .join(", "),
    of("Group")
      .map((s) => s.name)
      .join(", "),
    of("ServiceAccount")
      .map((s) => `${s.namespace ?? ""}/${s.name}`)
      .join(", "),
  ];
}

export const roleBindingPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col("Role", "Role of the binding."),
    AGE_COLUMN,
    col("Users", "Users in the binding.", 1),
    col("Groups", "Groups in the binding.", 1),
    col("ServiceAccounts", "ServiceAccounts in the binding.", 1),
  ],
  row(obj, now) {
    const b = obj as Binding;
    return {
      cells: [
        b.metadata.name,
        `${b.roleRef?.kind ?? ""}/${b.roleRef?.name ?? ""}`,
        since(b.metadata.creationTimestamp, now),
        ...subjectCells(b.subjects ?? []),
      ],
    };
  },
};

export const networkPolicyPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col(
      "Pod-Selector",
      "Selects the pods to which this NetworkPolicy object applies. The array of ingress rules is applied to any pods selected by this field. Multiple network policies can select the same set of pods. In this case, the ingress rules for each are combined additively. This field is NOT optional and follows standard label selector semantics. An empty podSelector matches all pods in this namespace.",
    ),
    AGE_COLUMN,
  ],
  row(obj, now) {
    const spec = (obj as { spec?: { podSelector?: LabelSelector } }).spec;
    return {
      cells: [
        obj.metadata.name,
        formatLabelSelector(spec?.podSelector),
        since(obj.metadata.creationTimestamp, now),
      ],
    };
  },
};
