// The namespaces and default service accounts of a fresh kubeadm cluster, and the two
// system PriorityClasses the API server creates at start-up.
import type { KubeObject } from "../object";

export const SYSTEM_NAMESPACES = ["default", "kube-node-lease", "kube-public", "kube-system"];

export function namespaceObject(name: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels: { "kubernetes.io/metadata.name": name } },
    spec: { finalizers: ["kubernetes"] },
    status: { phase: "Active" },
  };
}

export function defaultServiceAccount(namespace: string): KubeObject {
  return { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace } };
}

function priorityClass(name: string, value: number, description: string): KubeObject {
  return {
    apiVersion: "scheduling.k8s.io/v1",
    kind: "PriorityClass",
    metadata: { name },
    value,
    globalDefault: false,
    description,
    preemptionPolicy: "PreemptLowerPriority",
  };
}

export function systemPriorityClasses(): KubeObject[] {
  return [
    priorityClass(
      "system-cluster-critical",
      2000000000,
      "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
    ),
    priorityClass(
      "system-node-critical",
      2000001000,
      "Used for system critical pods that must not be moved from their current node.",
    ),
  ];
}
