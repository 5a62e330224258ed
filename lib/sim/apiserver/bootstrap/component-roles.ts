// The RBAC policy kube-apiserver 1.28 bootstraps for the cluster's own components
// (plugin/pkg/auth/authorizer/rbac/bootstrappolicy: controller_policy.go, policy.go):
// a system:controller:<name> ClusterRole bound to the kube-system service account of every
// kube-controller-manager controller the simulator runs (it uses
// --use-service-account-credentials, as kubeadm sets it), and system:node, whose rules the
// Node authorizer applies to kubelets. Written only into sandboxes that have a cluster, so an
// API-only sandbox keeps its small budget; controllers the simulator does not run (cronjob,
// statefulset, HPA, PV binder...) have no role here.
import type { PolicyRule } from "../authz/types";
import type { KubeObject } from "../object";
import { clusterRole } from "./cluster-roles";

const RBAC = "rbac.authorization.k8s.io";

/** PolicyRuleBuilder.Rule(): every list sorted, as the API server stores them. */
function r(apiGroups: string[], resources: string[], verbs: string[]): PolicyRule {
  const sorted = (xs: string[]) => [...new Set(xs)].sort();
  return { verbs: sorted(verbs), apiGroups: sorted(apiGroups), resources: sorted(resources) };
}

const READ = ["get", "list", "watch"];
const EVENTS = r(["", "events.k8s.io"], ["events"], ["create", "update", "patch"]);

/** controller_policy.go, for the controllers in lib/sim/controllers. */
export const CONTROLLER_RULES: Readonly<Record<string, PolicyRule[]>> = {
  "daemon-set-controller": [
    r(["extensions", "apps"], ["daemonsets"], READ),
    r(["extensions", "apps"], ["daemonsets/status"], ["update"]),
    r(["extensions", "apps"], ["daemonsets/finalizers"], ["update"]),
    r([""], ["nodes"], ["list", "watch"]),
    r([""], ["pods"], ["list", "watch", "create", "delete", "patch"]),
    r([""], ["pods/binding"], ["create"]),
    r(["apps"], ["controllerrevisions"], [...READ, "create", "delete", "update", "patch"]),
    EVENTS,
  ],
  "deployment-controller": [
    r(["extensions", "apps"], ["deployments"], [...READ, "update"]),
    r(["extensions", "apps"], ["deployments/status"], ["update"]),
    r(["extensions", "apps"], ["deployments/finalizers"], ["update"]),
    r(["apps", "extensions"], ["replicasets"], [...READ, "create", "update", "patch", "delete"]),
    r([""], ["pods"], [...READ, "update"]),
    EVENTS,
  ],
  "disruption-controller": [
    r(["extensions", "apps"], ["deployments"], READ),
    r(["apps", "extensions"], ["replicasets"], READ),
    r([""], ["replicationcontrollers"], READ),
    r(["policy"], ["poddisruptionbudgets"], READ),
    r(["apps"], ["statefulsets"], READ),
    r(["policy"], ["poddisruptionbudgets/status"], ["update"]),
    r(["*"], ["*/scale"], ["get"]),
    // PodDisruptionConditions (beta, on in 1.28): stale DisruptionTarget conditions are cleared.
    r([""], ["pods/status"], ["patch"]),
    EVENTS,
  ],
  "endpoint-controller": [
    r([""], ["services", "pods"], READ),
    r([""], ["endpoints"], [...READ, "create", "update", "delete"]),
    r([""], ["endpoints/restricted"], ["create"]),
    EVENTS,
  ],
  "endpointslice-controller": [
    r([""], ["services", "pods", "nodes"], READ),
    r([""], ["services/finalizers"], ["update"]),
    r(["discovery.k8s.io"], ["endpointslices"], [...READ, "create", "update", "delete"]),
    EVENTS,
  ],
  "generic-garbage-collector": [r(["*"], ["*"], [...READ, "patch", "update", "delete"]), EVENTS],
  "job-controller": [
    r(["batch"], ["jobs"], [...READ, "update", "patch"]),
    r(["batch"], ["jobs/status"], ["update"]),
    r(["batch"], ["jobs/finalizers"], ["update"]),
    r([""], ["pods"], ["list", "watch", "create", "delete", "patch"]),
    EVENTS,
  ],
  "namespace-controller": [
    r([""], ["namespaces"], [...READ, "delete"]),
    r([""], ["namespaces/finalize", "namespaces/status"], ["update"]),
    r(["*"], ["*"], [...READ, "delete", "deletecollection"]),
  ],
  "node-controller": [
    r([""], ["nodes"], [...READ, "update", "delete", "patch"]),
    r([""], ["nodes/status"], ["patch", "update"]),
    r([""], ["pods/status"], ["patch", "update"]),
    r([""], ["pods"], ["list", "watch", "get", "delete"]),
    EVENTS,
  ],
  "replicaset-controller": [
    r(["apps", "extensions"], ["replicasets"], [...READ, "update"]),
    r(["apps", "extensions"], ["replicasets/status"], ["update"]),
    r(["apps", "extensions"], ["replicasets/finalizers"], ["update"]),
    r([""], ["pods"], ["list", "watch", "patch", "create", "delete"]),
    EVENTS,
  ],
  "resourcequota-controller": [
    // Quota counts anything, so it may list and watch everything.
    r(["*"], ["*"], ["list", "watch"]),
    r([""], ["resourcequotas/status"], ["update"]),
    EVENTS,
  ],
  "service-account-controller": [r([""], ["serviceaccounts"], ["create"]), EVENTS],
};

/** policy.go NodeRules(): what the Node authorizer lets a kubelet do (besides its graph checks). */
export const NODE_RULES: readonly PolicyRule[] = [
  r(["authentication.k8s.io"], ["tokenreviews"], ["create"]),
  r(["authorization.k8s.io"], ["subjectaccessreviews", "localsubjectaccessreviews"], ["create"]),
  r([""], ["services"], READ),
  r([""], ["nodes"], ["create", "get", "list", "watch"]),
  r([""], ["nodes/status"], ["update", "patch"]),
  r([""], ["nodes"], ["update", "patch"]),
  r([""], ["events"], ["create", "update", "patch"]),
  r([""], ["pods"], READ),
  r([""], ["pods"], ["create", "delete"]),
  r([""], ["pods/status"], ["update", "patch"]),
  r([""], ["pods/eviction"], ["create"]),
  r([""], ["secrets", "configmaps"], READ),
  r([""], ["persistentvolumeclaims", "persistentvolumes"], ["get"]),
  r([""], ["endpoints"], ["get"]),
  r(["certificates.k8s.io"], ["certificatesigningrequests"], ["create", "get", "list", "watch"]),
  r(["coordination.k8s.io"], ["leases"], ["get", "create", "update", "patch", "delete"]),
  r(["storage.k8s.io"], ["volumeattachments"], ["get"]),
  r([""], ["serviceaccounts/token"], ["create"]),
  r([""], ["persistentvolumeclaims/status"], ["get", "update", "patch"]),
  r(["storage.k8s.io"], ["csidrivers"], ["get", "watch", "list"]),
  r(["storage.k8s.io"], ["csinodes"], ["get", "create", "update", "patch", "delete"]),
  r(["node.k8s.io"], ["runtimeclasses"], READ),
];

function binding(name: string, subjects: KubeObject["subjects"]): KubeObject {
  return {
    apiVersion: `${RBAC}/v1`,
    kind: "ClusterRoleBinding",
    metadata: {
      name,
      labels: { "kubernetes.io/bootstrapping": "rbac-defaults" },
      annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" },
    },
    roleRef: { apiGroup: RBAC, kind: "ClusterRole", name },
    ...(subjects ? { subjects } : {}),
  };
}

/** The controllers' roles and bindings plus system:node (its binding has no subjects since 1.8). */
export function componentRbacObjects(): KubeObject[] {
  const names = Object.keys(CONTROLLER_RULES).sort();
  return [
    ...names.map((n) => clusterRole(`system:controller:${n}`, CONTROLLER_RULES[n]!)),
    clusterRole("system:node", [...NODE_RULES]),
    ...names.map((n) =>
      binding(`system:controller:${n}`, [
        { kind: "ServiceAccount", name: n, namespace: "kube-system" },
      ]),
    ),
    binding("system:node", undefined),
  ];
}
