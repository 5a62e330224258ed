// The ClusterRoles a 1.28 kube-apiserver creates at start-up (plugin/pkg/auth/authorizer/rbac/
// bootstrappolicy), reduced to the ones a learner meets. Included: cluster-admin, admin, edit,
// view (+ the system:aggregate-to-* roles they aggregate), system:basic-user, system:discovery,
// system:public-info-viewer, system:kube-scheduler, system:kube-controller-manager.
// Sandboxes with a cluster also get system:node and the system:controller:* roles of the
// controllers they run (component-roles.ts). Left out so a fresh sandbox stays under its
// 32 KiB budget: system:node-proxier, system:monitoring,
// system:volume-scheduler, system:auth-delegator, system:heapster, system:kube-aggregator,
// system:kube-dns, system:kubelet-api-admin, system:node-bootstrapper,
// system:node-problem-detector, system:persistent-volume-provisioner,
// system:service-account-issuer-discovery, the system:certificates.k8s.io:* roles and the
// roles of controllers the simulator does not run.
import type { KubeObject } from "../object";
import type { PolicyRule } from "../authz/types";
import { ALL_VERBS, READ, rule, urls, WRITE } from "./rule";

const AUTOUPDATE = { "rbac.authorization.kubernetes.io/autoupdate": "true" };
const BOOTSTRAPPING = { "kubernetes.io/bootstrapping": "rbac-defaults" };

export function clusterRole(
  name: string,
  rules: PolicyRule[],
  extra: { labels?: Record<string, string>; aggregateFrom?: string } = {},
): KubeObject {
  const role: KubeObject = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: {
      name,
      labels: { ...BOOTSTRAPPING, ...(extra.labels ?? {}) },
      annotations: { ...AUTOUPDATE },
    },
    rules,
  };
  if (extra.aggregateFrom) {
    return {
      aggregationRule: {
        clusterRoleSelectors: [{ matchLabels: { [extra.aggregateFrom]: "true" } }],
      },
      ...role,
    };
  }
  return role;
}

export const AGGREGATE_TO_ADMIN = "rbac.authorization.k8s.io/aggregate-to-admin";
export const AGGREGATE_TO_EDIT = "rbac.authorization.k8s.io/aggregate-to-edit";
export const AGGREGATE_TO_VIEW = "rbac.authorization.k8s.io/aggregate-to-view";

const aggregateToAdmin = [
  rule(["authorization.k8s.io"], ["localsubjectaccessreviews"], ["create"]),
  rule(["rbac.authorization.k8s.io"], ["rolebindings", "roles"], ALL_VERBS),
];

const aggregateToEdit = [
  rule(
    [""],
    ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"],
    READ,
  ),
  rule([""], ["serviceaccounts"], ["impersonate"]),
  rule([""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"], WRITE),
  rule([""], ["pods/eviction"], ["create"]),
  rule(
    [""],
    [
      "configmaps",
      "events",
      "persistentvolumeclaims",
      "replicationcontrollers",
      "replicationcontrollers/scale",
      "secrets",
      "serviceaccounts",
      "services",
      "services/proxy",
    ],
    WRITE,
  ),
  rule([""], ["serviceaccounts/token"], ["create"]),
  rule(
    ["apps"],
    [
      "daemonsets",
      "deployments",
      "deployments/rollback",
      "deployments/scale",
      "replicasets",
      "replicasets/scale",
      "statefulsets",
      "statefulsets/scale",
    ],
    WRITE,
  ),
  rule(["autoscaling"], ["horizontalpodautoscalers"], WRITE),
  rule(["batch"], ["cronjobs", "jobs"], WRITE),
  rule(
    ["extensions"],
    [
      "daemonsets",
      "deployments",
      "deployments/rollback",
      "deployments/scale",
      "ingresses",
      "networkpolicies",
      "replicasets",
      "replicasets/scale",
      "replicationcontrollers/scale",
    ],
    WRITE,
  ),
  rule(["policy"], ["poddisruptionbudgets"], WRITE),
  rule(["networking.k8s.io"], ["ingresses", "networkpolicies"], WRITE),
  rule(["coordination.k8s.io"], ["leases"], ALL_VERBS),
];

const aggregateToView = [
  rule(
    [""],
    [
      "configmaps",
      "endpoints",
      "persistentvolumeclaims",
      "persistentvolumeclaims/status",
      "pods",
      "replicationcontrollers",
      "replicationcontrollers/scale",
      "serviceaccounts",
      "services",
      "services/status",
    ],
    READ,
  ),
  rule(
    [""],
    [
      "bindings",
      "events",
      "limitranges",
      "namespaces/status",
      "pods/log",
      "pods/status",
      "replicationcontrollers/status",
      "resourcequotas",
      "resourcequotas/status",
    ],
    READ,
  ),
  rule([""], ["namespaces"], READ),
  rule(["discovery.k8s.io"], ["endpointslices"], READ),
  rule(
    ["apps"],
    [
      "controllerrevisions",
      "daemonsets",
      "daemonsets/status",
      "deployments",
      "deployments/scale",
      "deployments/status",
      "replicasets",
      "replicasets/scale",
      "replicasets/status",
      "statefulsets",
      "statefulsets/scale",
      "statefulsets/status",
    ],
    READ,
  ),
  rule(["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"], READ),
  rule(["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"], READ),
  rule(
    ["extensions"],
    [
      "daemonsets",
      "daemonsets/status",
      "deployments",
      "deployments/scale",
      "deployments/status",
      "ingresses",
      "ingresses/status",
      "networkpolicies",
      "replicasets",
      "replicasets/scale",
      "replicasets/status",
      "replicationcontrollers/scale",
    ],
    READ,
  ),
  rule(["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"], READ),
  rule(["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"], READ),
];

const EVENTS_WRITE = rule(["", "events.k8s.io"], ["events"], ["create", "patch", "update"]);

const kubeScheduler = [
  EVENTS_WRITE,
  rule(["coordination.k8s.io"], ["leases"], ["create"]),
  rule(["coordination.k8s.io"], ["leases"], ["get", "update"], ["kube-scheduler"]),
  rule([""], ["nodes"], READ),
  rule([""], ["pods"], ["delete", "get", "list", "watch"]),
  rule([""], ["bindings", "pods/binding"], ["create"]),
  rule([""], ["pods/status"], ["patch", "update"]),
  rule([""], ["replicationcontrollers", "services"], READ),
  rule(["apps", "extensions"], ["replicasets"], READ),
  rule(["apps"], ["statefulsets"], READ),
  rule(["policy"], ["poddisruptionbudgets"], READ),
  rule([""], ["persistentvolumeclaims", "persistentvolumes"], READ),
  rule(["authentication.k8s.io"], ["tokenreviews"], ["create"]),
  rule(["authorization.k8s.io"], ["subjectaccessreviews"], ["create"]),
  rule(["storage.k8s.io"], ["csinodes"], READ),
  rule([""], ["namespaces"], READ),
  rule(["storage.k8s.io"], ["csidrivers"], READ),
  rule(["storage.k8s.io"], ["csistoragecapacities"], READ),
];

const kubeControllerManager = [
  EVENTS_WRITE,
  rule(["coordination.k8s.io"], ["leases"], ["create"]),
  rule(["coordination.k8s.io"], ["leases"], ["get", "update"], ["kube-controller-manager"]),
  rule([""], ["secrets", "serviceaccounts"], ["create"]),
  rule([""], ["secrets"], ["delete"]),
  rule([""], ["configmaps", "namespaces", "secrets", "serviceaccounts"], ["get"]),
  rule([""], ["secrets", "serviceaccounts"], ["update"]),
  rule(["authentication.k8s.io"], ["tokenreviews"], ["create"]),
  rule(["authorization.k8s.io"], ["subjectaccessreviews"], ["create"]),
  rule(["*"], ["*"], ["list", "watch"]),
  rule([""], ["serviceaccounts/token"], ["create"]),
];

/** The stored source roles; admin/edit/view get their rules from aggregateClusterRoles(). */
export function bootstrapClusterRoles(): KubeObject[] {
  return [
    clusterRole("admin", [], { aggregateFrom: AGGREGATE_TO_ADMIN }),
    clusterRole("cluster-admin", [rule(["*"], ["*"], ["*"]), urls(["*"], ["*"])]),
    clusterRole("edit", [], {
      aggregateFrom: AGGREGATE_TO_EDIT,
      labels: { [AGGREGATE_TO_ADMIN]: "true" },
    }),
    clusterRole("system:aggregate-to-admin", aggregateToAdmin, {
      labels: { [AGGREGATE_TO_ADMIN]: "true" },
    }),
    clusterRole("system:aggregate-to-edit", aggregateToEdit, {
      labels: { [AGGREGATE_TO_EDIT]: "true" },
    }),
    clusterRole("system:aggregate-to-view", aggregateToView, {
      labels: { [AGGREGATE_TO_VIEW]: "true" },
    }),
    clusterRole("system:basic-user", [
      rule(
        ["authorization.k8s.io"],
        ["selfsubjectaccessreviews", "selfsubjectrulesreviews"],
        ["create"],
      ),
      rule(["authentication.k8s.io"], ["selfsubjectreviews"], ["create"]),
    ]),
    clusterRole("system:discovery", [
      urls(
        [
          "/api",
          "/api/*",
          "/apis",
          "/apis/*",
          "/healthz",
          "/livez",
          "/openapi",
          "/openapi/*",
          "/readyz",
          "/version",
          "/version/",
        ],
        ["get"],
      ),
    ]),
    clusterRole("system:kube-controller-manager", kubeControllerManager),
    clusterRole("system:kube-scheduler", kubeScheduler),
    clusterRole("system:public-info-viewer", [
      urls(["/healthz", "/livez", "/readyz", "/version", "/version/"], ["get"]),
    ]),
    clusterRole("view", [], {
      aggregateFrom: AGGREGATE_TO_VIEW,
      labels: { [AGGREGATE_TO_EDIT]: "true" },
    }),
  ];
}
