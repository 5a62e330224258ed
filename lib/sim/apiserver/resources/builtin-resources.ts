// The built-in resources this simulator serves, as a Kubernetes 1.28 kube-apiserver lists them
// in discovery, with their etcd prefixes as pkg/registry stores them (the same table the
// upstream etcd storage-path integration test pins). Order matters: it is discovery order, and
// name lookups prefer the first match (core "events" before events.k8s.io "events").
import { CORE_RESOURCES } from "./builtin-core";
import { GROUP_RESOURCES } from "./builtin-groups";
import type { ResourceInfo } from "./resource-info";

export const BUILTIN_RESOURCES: readonly ResourceInfo[] = [...CORE_RESOURCES, ...GROUP_RESOURCES];
