// Descriptions kubectl explain prints for the built-in kinds (from the Kubernetes
// 1.28 API reference) and their common top-level fields.

export const FIELD_DESCRIPTIONS: Record<string, string> = {
  apiVersion:
    "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
  kind: "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
  metadata:
    "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
  spec: "Specification of the desired behavior of the object. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
  status:
    "Most recently observed status of the object. This data may not be up to date. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
};

export const KIND_DESCRIPTIONS: Record<string, string> = {
  Pod: "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.",
  Deployment: "Deployment enables declarative updates for Pods and ReplicaSets.",
  ReplicaSet:
    "ReplicaSet ensures that a specified number of pod replicas are running at any given time.",
  DaemonSet: "DaemonSet represents the configuration of a daemon set.",
  StatefulSet:
    "StatefulSet represents a set of pods with consistent identities. Identities are defined as:\n  - Network: A single stable DNS and hostname.\n  - Storage: As many VolumeClaims as requested.\n\nThe StatefulSet guarantees that a given network identity will always map to the same storage identity.",
  Service:
    "Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.",
  Node: "Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).",
  Namespace: "Namespace provides a scope for Names. Use of multiple namespaces is optional.",
  ConfigMap: "ConfigMap holds configuration data for pods to consume.",
  Secret:
    "Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes.",
  ServiceAccount:
    "ServiceAccount binds together: * a name, understood by users, and perhaps by peripheral systems, for an identity * a principal that can be authenticated and authorized * a set of secrets",
  Job: "Job represents the configuration of a single job.",
  CronJob: "CronJob represents the configuration of a single cron job.",
  Lease: "Lease defines a lease concept.",
  Event:
    "Event is a report of an event somewhere in the cluster.  Events have a limited retention time and triggers and messages may evolve with time.  Event consumers should not rely on the timing of an event with a given Reason reflecting a consistent underlying trigger, or the continued existence of events with that Reason.  Events should be treated as informative, best-effort, supplemental data.",
};
