// Field schemas of the built-in kinds, as far as strict decoding needs them: which keys exist
// at each level. "*" marks an open sub-tree (known to exist, not descended into) so that no
// valid 1.28 manifest is ever rejected; "" marks a scalar.
export type FieldSchema =
  "" | "*" | { o: Record<string, FieldSchema> } | { a: FieldSchema } | { m: FieldSchema };

const o = (fields: Record<string, FieldSchema>): FieldSchema => ({ o: fields });
const a = (item: FieldSchema): FieldSchema => ({ a: item });
const m = (value: FieldSchema): FieldSchema => ({ m: value });
const keys = (...names: string[]): Record<string, FieldSchema> =>
  Object.fromEntries(names.map((n) => [n, ""]));
const open = (...names: string[]): Record<string, FieldSchema> =>
  Object.fromEntries(names.map((n) => [n, "*"]));

const ownerReference = o(
  keys("apiVersion", "kind", "name", "uid", "controller", "blockOwnerDeletion"),
);
export const OBJECT_META = o({
  ...keys(
    "name",
    "generateName",
    "namespace",
    "selfLink",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
  ),
  labels: m(""),
  annotations: m(""),
  ownerReferences: a(ownerReference),
  finalizers: a(""),
  managedFields: "*",
});

const labelSelector = o({
  matchLabels: m(""),
  matchExpressions: a(o({ key: "", operator: "", values: a("") })),
});

const container = o({
  ...keys(
    "name",
    "image",
    "workingDir",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "imagePullPolicy",
    "stdin",
    "stdinOnce",
    "tty",
    "restartPolicy",
  ),
  command: a(""),
  args: a(""),
  ports: a(o(keys("name", "hostPort", "containerPort", "protocol", "hostIP"))),
  env: a(o({ name: "", value: "", valueFrom: "*" })),
  resources: o({ limits: m(""), requests: m(""), claims: "*" }),
  volumeMounts: a(
    o(keys("name", "readOnly", "mountPath", "subPath", "mountPropagation", "subPathExpr")),
  ),
  ...open(
    "envFrom",
    "resizePolicy",
    "volumeDevices",
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "lifecycle",
    "securityContext",
  ),
});

const VOLUME_SOURCES = [
  "hostPath",
  "emptyDir",
  "gcePersistentDisk",
  "awsElasticBlockStore",
  "gitRepo",
  "secret",
  "nfs",
  "iscsi",
  "glusterfs",
  "persistentVolumeClaim",
  "rbd",
  "flexVolume",
  "cinder",
  "cephfs",
  "flocker",
  "downwardAPI",
  "fc",
  "azureFile",
  "configMap",
  "vsphereVolume",
  "quobyte",
  "azureDisk",
  "photonPersistentDisk",
  "projected",
  "portworxVolume",
  "scaleIO",
  "storageos",
  "csi",
  "ephemeral",
];

const podSpec = o({
  volumes: a(o({ name: "", ...open(...VOLUME_SOURCES) })),
  initContainers: a(container),
  containers: a(container),
  ...keys(
    "restartPolicy",
    "terminationGracePeriodSeconds",
    "activeDeadlineSeconds",
    "dnsPolicy",
    "serviceAccountName",
    "serviceAccount",
    "automountServiceAccountToken",
    "nodeName",
    "hostNetwork",
    "hostPID",
    "hostIPC",
    "shareProcessNamespace",
    "hostname",
    "subdomain",
    "schedulerName",
    "priorityClassName",
    "priority",
    "runtimeClassName",
    "enableServiceLinks",
    "preemptionPolicy",
    "setHostnameAsFQDN",
    "hostUsers",
  ),
  nodeSelector: m(""),
  tolerations: a(o(keys("key", "operator", "value", "effect", "tolerationSeconds"))),
  ...open(
    "ephemeralContainers",
    "securityContext",
    "imagePullSecrets",
    "affinity",
    "hostAliases",
    "dnsConfig",
    "readinessGates",
    "overhead",
    "topologySpreadConstraints",
    "os",
    "schedulingGates",
    "resourceClaims",
  ),
});

const templateMeta = OBJECT_META;
const podTemplate = o({ metadata: templateMeta, spec: podSpec });

const top = (fields: Record<string, FieldSchema>): FieldSchema =>
  o({ apiVersion: "", kind: "", metadata: OBJECT_META, ...fields });

const rule = o({
  verbs: a(""),
  apiGroups: a(""),
  resources: a(""),
  resourceNames: a(""),
  nonResourceURLs: a(""),
});
const subjects = a(o(keys("kind", "apiGroup", "name", "namespace")));
const roleRef = o(keys("apiGroup", "kind", "name"));

const jobSpec = o({
  ...keys(
    "parallelism",
    "completions",
    "activeDeadlineSeconds",
    "backoffLimit",
    "backoffLimitPerIndex",
    "maxFailedIndexes",
    "manualSelector",
    "ttlSecondsAfterFinished",
    "completionMode",
    "suspend",
    "podReplacementPolicy",
  ),
  selector: labelSelector,
  template: podTemplate,
  podFailurePolicy: "*",
});

/** Keyed by "<group>/<Kind>" (core group is ""). Kinds absent here are not strictly checked. */
export const SCHEMAS: Record<string, FieldSchema> = {
  "/Pod": top({ spec: podSpec, status: "*" }),
  "/ConfigMap": top({ data: m(""), binaryData: m(""), immutable: "" }),
  "/Secret": top({ data: m(""), stringData: m(""), type: "", immutable: "" }),
  "/Namespace": top({ spec: o({ finalizers: a("") }), status: "*" }),
  "/ServiceAccount": top({ secrets: "*", imagePullSecrets: "*", automountServiceAccountToken: "" }),
  "/Service": top({
    spec: o({
      ports: a(o(keys("name", "protocol", "appProtocol", "port", "targetPort", "nodePort"))),
      selector: m(""),
      ...keys(
        "clusterIP",
        "type",
        "sessionAffinity",
        "loadBalancerIP",
        "externalName",
        "externalTrafficPolicy",
        "healthCheckNodePort",
        "publishNotReadyAddresses",
        "ipFamilyPolicy",
        "allocateLoadBalancerNodePorts",
        "loadBalancerClass",
        "internalTrafficPolicy",
      ),
      clusterIPs: a(""),
      externalIPs: a(""),
      loadBalancerSourceRanges: a(""),
      ipFamilies: a(""),
      sessionAffinityConfig: "*",
    }),
    status: "*",
  }),
  "/Endpoints": top({ subsets: "*" }),
  "/Event": top({
    ...keys(
      "reason",
      "message",
      "firstTimestamp",
      "lastTimestamp",
      "count",
      "type",
      "eventTime",
      "action",
      "reportingComponent",
      "reportingInstance",
    ),
    ...open("involvedObject", "source", "series", "related"),
  }),
  "events.k8s.io/Event": top({
    ...keys(
      "eventTime",
      "reportingController",
      "reportingInstance",
      "action",
      "reason",
      "note",
      "type",
      "deprecatedFirstTimestamp",
      "deprecatedLastTimestamp",
      "deprecatedCount",
    ),
    ...open("series", "regarding", "related", "deprecatedSource"),
  }),
  "apps/Deployment": top({
    spec: o({
      ...keys(
        "replicas",
        "minReadySeconds",
        "revisionHistoryLimit",
        "paused",
        "progressDeadlineSeconds",
      ),
      selector: labelSelector,
      template: podTemplate,
      strategy: o({ type: "", rollingUpdate: o(keys("maxUnavailable", "maxSurge")) }),
    }),
    status: "*",
  }),
  "apps/ReplicaSet": top({
    spec: o({
      ...keys("replicas", "minReadySeconds"),
      selector: labelSelector,
      template: podTemplate,
    }),
    status: "*",
  }),
  "apps/DaemonSet": top({
    spec: o({
      ...keys("minReadySeconds", "revisionHistoryLimit"),
      selector: labelSelector,
      template: podTemplate,
      updateStrategy: "*",
    }),
    status: "*",
  }),
  "apps/StatefulSet": top({
    spec: o({
      ...keys(
        "replicas",
        "serviceName",
        "podManagementPolicy",
        "revisionHistoryLimit",
        "minReadySeconds",
      ),
      selector: labelSelector,
      template: podTemplate,
      ...open(
        "volumeClaimTemplates",
        "updateStrategy",
        "persistentVolumeClaimRetentionPolicy",
        "ordinals",
      ),
    }),
    status: "*",
  }),
  "batch/Job": top({ spec: jobSpec, status: "*" }),
  "batch/CronJob": top({
    spec: o({
      ...keys(
        "schedule",
        "timeZone",
        "startingDeadlineSeconds",
        "concurrencyPolicy",
        "suspend",
        "successfulJobsHistoryLimit",
        "failedJobsHistoryLimit",
      ),
      jobTemplate: o({ metadata: OBJECT_META, spec: jobSpec }),
    }),
    status: "*",
  }),
  "rbac.authorization.k8s.io/Role": top({ rules: a(rule) }),
  "rbac.authorization.k8s.io/ClusterRole": top({ rules: a(rule), aggregationRule: "*" }),
  "rbac.authorization.k8s.io/RoleBinding": top({ subjects, roleRef }),
  "rbac.authorization.k8s.io/ClusterRoleBinding": top({ subjects, roleRef }),
  "scheduling.k8s.io/PriorityClass": top(
    keys("value", "globalDefault", "description", "preemptionPolicy"),
  ),
  "storage.k8s.io/StorageClass": top({
    ...keys("provisioner", "reclaimPolicy", "allowVolumeExpansion", "volumeBindingMode"),
    parameters: m(""),
    mountOptions: a(""),
    allowedTopologies: "*",
  }),
  "discovery.k8s.io/EndpointSlice": top({ addressType: "", ...open("endpoints", "ports") }),
  "policy/PodDisruptionBudget": top({
    spec: o({
      ...keys("minAvailable", "maxUnavailable", "unhealthyPodEvictionPolicy"),
      selector: labelSelector,
    }),
    status: "*",
  }),
  "/ResourceQuota": top({
    spec: o({ hard: m(""), ...open("scopes", "scopeSelector") }),
    status: "*",
  }),
  "/LimitRange": top({
    spec: o({
      limits: a(
        o({
          type: "",
          ...Object.fromEntries(
            ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"].map((k) => [
              k,
              m(""),
            ]),
          ),
        }),
      ),
    }),
  }),
  "coordination.k8s.io/Lease": top({
    spec: o(
      keys(
        "holderIdentity",
        "leaseDurationSeconds",
        "acquireTime",
        "renewTime",
        "leaseTransitions",
      ),
    ),
  }),
};

// Kinds whose top level is only spec/status (contents open).
for (const k of [
  "/Node",
  "/PersistentVolume",
  "/PersistentVolumeClaim",
  "networking.k8s.io/NetworkPolicy",
  "networking.k8s.io/Ingress",
  "networking.k8s.io/IngressClass",
  "apiextensions.k8s.io/CustomResourceDefinition",
]) {
  SCHEMAS[k] = top({ spec: "*", status: "*" });
}
