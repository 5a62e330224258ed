// framework.PodInfo: everything the plugins read from a pod, computed once per pod object and
// cached by identity (objects from the store are never mutated), so a scheduling cycle over
// 1,000 nodes does no per-node parsing.
import type { Pod, PodAffinityTerm, Toleration, WeightedPodAffinityTerm } from "../api-types";
import { compileLabelSelector, type Labels, type LabelMatcher } from "./label-matcher";
import { computePodRequests, type Resource } from "./resources";

/** Indices into PodInfo.vec. */
export const P_CPU = 0;
export const P_MEMORY = 1;
export const P_EPHEMERAL = 2;
export const P_NONZERO_CPU = 3;
export const P_NONZERO_MEMORY = 4;

export interface AffinityTerm {
  /** Namespaces named by the term (or the pod's own when neither list nor selector is set). */
  namespaces: ReadonlySet<string>;
  namespaceSelector: LabelMatcher;
  selector: LabelMatcher;
  topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export interface PodInfo {
  readonly pod: Pod;
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  /** spec.nodeName ("" when unset): a pod that names its node. */
  readonly nodeName: string;
  readonly labels: Labels;
  readonly priority: number;
  readonly terminating: boolean;
  readonly creationMs: number;
  readonly startMs: number;
  readonly requests: Resource;
  readonly nonZeroMilliCPU: number;
  readonly nonZeroMemory: number;
  /** requests as [cpu, memory, ephemeral-storage, nonZero cpu, nonZero memory] for the hot path. */
  readonly vec: Float64Array;
  readonly hostPorts: readonly HostPort[];
  readonly tolerations: readonly Toleration[];
  /** Container and init container images, normalized as ImageLocality does ("nginx" → "nginx:latest"). */
  readonly images: readonly string[];
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  /** Any pod affinity or anti-affinity (NodeInfo.PodsWithAffinity). */
  readonly hasAffinity: boolean;
}

/** ImageLocality's normalizedImageName (1.28): a missing tag means ":latest". */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(":") <= name.lastIndexOf("/") ? `${name}:latest` : name;
}

function affinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  const namespaces =
    (term.namespaces ?? []).length === 0 && (term.namespaceSelector ?? null) === null
      ? new Set([pod.metadata.namespace ?? "default"])
      : new Set(term.namespaces ?? []);
  return {
    namespaces,
    namespaceSelector: compileLabelSelector(term.namespaceSelector),
    selector: compileLabelSelector(term.labelSelector),
    topologyKey: term.topologyKey,
  };
}

function weightedTerms(
  pod: Pod,
  terms: WeightedPodAffinityTerm[] | undefined,
): WeightedAffinityTerm[] {
  return (terms ?? []).map((t) => ({ ...affinityTerm(pod, t.podAffinityTerm), weight: t.weight }));
}

function timeMs(text: string | undefined): number {
  const ms = text ? Date.parse(text) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

function buildPodInfo(pod: Pod): PodInfo {
  const spec = pod.spec ?? {};
  const { requests, nonZeroMilliCPU, nonZeroMemory } = computePodRequests(pod);
  const hostPorts: HostPort[] = [];
  for (const container of spec.containers ?? []) {
    for (const port of container.ports ?? []) {
      if (!port.hostPort || port.hostPort <= 0) continue;
      hostPorts.push({
        ip: port.hostIP || "0.0.0.0",
        protocol: port.protocol || "TCP",
        port: port.hostPort,
      });
    }
  }
  const images: string[] = [];
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if (c.image) images.push(normalizedImageName(c.image));
  }
  const affinity = spec.affinity;
  const podAffinity = affinity?.podAffinity;
  const podAntiAffinity = affinity?.podAntiAffinity;
  const namespace = pod.metadata.namespace ?? "default";
  const name = pod.metadata.name ?? "";
  return {
    pod,
    key: `${namespace}/${name}`,
    namespace,
    name,
    uid: pod.metadata.uid ?? "",
    nodeName: spec.nodeName ?? "",
    labels: pod.metadata.labels,
    priority: spec.priority ?? 0,
    terminating: pod.metadata.deletionTimestamp !== undefined,
    creationMs: timeMs(pod.metadata.creationTimestamp),
    startMs: timeMs(pod.status?.startTime ?? pod.metadata.creationTimestamp),
    requests,
    nonZeroMilliCPU,
    nonZeroMemory,
    vec: Float64Array.of(
      requests.milliCPU,
      requests.memory,
      requests.ephemeralStorage,
      nonZeroMilliCPU,
      nonZeroMemory,
    ),
    hostPorts,
    tolerations: spec.tolerations ?? [],
    images,
    requiredAffinityTerms: (podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (t) => affinityTerm(pod, t),
    ),
    requiredAntiAffinityTerms: (
      podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []
    ).map((t) => affinityTerm(pod, t)),
    preferredAffinityTerms: weightedTerms(
      pod,
      podAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
    ),
    preferredAntiAffinityTerms: weightedTerms(
      pod,
      podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
    ),
    hasAffinity: podAffinity !== undefined || podAntiAffinity !== undefined,
  };
}

const cache = new WeakMap<Pod, PodInfo>();

export function podInfoOf(pod: Pod): PodInfo {
  let info = cache.get(pod);
  if (!info) {
    info = buildPodInfo(pod);
    cache.set(pod, info);
  }
  return info;
}

/** AffinityTerm.Matches: the pod is in one of the term's namespaces and matches its selector. */
export function termMatches(term: AffinityTerm, pod: PodInfo, namespaceLabels: Labels): boolean {
  if (term.namespaces.has(pod.namespace) || term.namespaceSelector.matches(namespaceLabels)) {
    return term.selector.matches(pod.labels);
  }
  return false;
}
