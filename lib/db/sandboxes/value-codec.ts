// Stored objects are small JSON documents that repeat the same field names, so
// raw deflate with a preset dictionary of common Kubernetes JSON shrinks them
// several-fold (a fresh sandbox must stay small). The dictionary is part of the
// format: change it only together with a data migration.

import { deflateRawSync, inflateRawSync } from "node:zlib";

const DICTIONARY = Buffer.from(
  [
    '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"annotations":{"rbac.authorization.kubernetes.io/autoupdate":"true"},"labels":{"kubernetes.io/bootstrapping":"rbac-defaults"},',
    '"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"system:',
    '"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"Group","name":"system:authenticated"}]}',
    '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"annotations":{"rbac.authorization.kubernetes.io/autoupdate":"true"},"labels":{"kubernetes.io/bootstrapping":"rbac-defaults"},"name":"system:',
    '"rules":[{"apiGroups":[""],"resources":["pods","services","endpoints","configmaps","secrets","persistentvolumeclaims","serviceaccounts"],"verbs":["get","list","watch","create","update","patch","delete","deletecollection"]}',
    '{"apiGroups":["apps"],"resources":["deployments","replicasets","statefulsets","daemonsets"],"verbs":["get","list","watch"]},',
    '{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default","namespace":"',
    '{"apiVersion":"v1","kind":"Namespace","metadata":{"labels":{"kubernetes.io/metadata.name":"',
    '"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}',
    '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"',
    '"spec":{"containers":[{"name":"","image":"","imagePullPolicy":"IfNotPresent","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],',
    '"dnsPolicy":"ClusterFirst","enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority","priority":0,"restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"serviceAccountName":"default","terminationGracePeriodSeconds":30,',
    '"tolerations":[{"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists","tolerationSeconds":300},{"effect":"NoExecute","key":"node.kubernetes.io/unreachable","operator":"Exists","tolerationSeconds":300}]',
    '"status":{"phase":"Pending","qosClass":"BestEffort"}}',
    '"verbs":["get","list","watch"]}',
    '"creationTimestamp":"20',
    '"namespace":"kube-system","uid":"',
    '"metadata":{"name":"',
  ].join(""),
);

export function encodeValue(json: string): Uint8Array {
  return deflateRawSync(Buffer.from(json, "utf8"), { dictionary: DICTIONARY, level: 6 });
}

export function decodeValue(bytes: Uint8Array): string {
  return inflateRawSync(bytes, { dictionary: DICTIONARY }).toString("utf8");
}
