// framework.NodeInfo: a node with the pods assigned to it and running totals of what they
// request. Totals change incrementally as pods are added/removed, so a placement costs O(1).
import type { Node, Taint } from "../api-types";
import type { Labels } from "./label-matcher";
import type { HostPort, PodInfo } from "./pod-info";
import { nodeAllocatable, type Allocatable, type Resource } from "./resources";

/**
 * Indices into NodeInfo.vec: the numbers the hot filters and scores read, kept in one
 * Float64Array so every node has the same unboxed layout whatever the magnitudes.
 */
export const V_ALLOC_CPU = 0;
export const V_ALLOC_MEMORY = 1;
export const V_ALLOC_EPHEMERAL = 2;
export const V_ALLOWED_PODS = 3;
export const V_REQ_CPU = 4;
export const V_REQ_MEMORY = 5;
export const V_REQ_EPHEMERAL = 6;
export const V_NONZERO_CPU = 7;
export const V_NONZERO_MEMORY = 8;

export interface ImageState {
  size: number;
  /** On how many nodes of the cluster the image is present (ImageStateSummary.NumNodes). */
  numNodes: number;
}

export class NodeInfo {
  readonly name: string;
  readonly labels: Labels;
  readonly taints: readonly Taint[];
  readonly unschedulable: boolean;
  readonly allocatable: Allocatable;
  requested: Resource = { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalars: new Map() };
  /** Requested cpu/memory counting the scoring defaults (NonZeroRequested). */
  nonZeroMilliCPU = 0;
  nonZeroMemory = 0;
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  /** "protocol/port" → host IPs in use. */
  usedPorts = new Map<string, string[]>();
  /** Normalized image name → state, shared with the snapshot's cluster-wide counts. */
  imageStates: Map<string, ImageState> = new Map();
  /** Allocatable and requested totals for the hot path (see the V_* indices). */
  vec = new Float64Array(9);

  constructor(readonly node: Node) {
    this.name = node.metadata.name ?? "";
    this.labels = node.metadata.labels ?? {};
    this.taints = node.spec?.taints ?? [];
    this.unschedulable = node.spec?.unschedulable === true;
    this.allocatable = nodeAllocatable(node.status?.allocatable);
    this.vec[V_ALLOC_CPU] = this.allocatable.milliCPU;
    this.vec[V_ALLOC_MEMORY] = this.allocatable.memory;
    this.vec[V_ALLOC_EPHEMERAL] = this.allocatable.ephemeralStorage;
    this.vec[V_ALLOWED_PODS] = this.allocatable.allowedPodNumber;
  }

  addPod(pod: PodInfo): void {
    this.pods.push(pod);
    if (pod.hasAffinity) this.podsWithAffinity.push(pod);
    if (pod.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity.push(pod);
    this.updateTotals(pod, 1);
  }

  /** Returns false when the pod was not on this node. */
  removePod(pod: PodInfo): boolean {
    const index = this.pods.findIndex((p) => p.key === pod.key);
    if (index < 0) return false;
    const existing = this.pods[index]!;
    this.pods.splice(index, 1);
    this.podsWithAffinity = this.podsWithAffinity.filter((p) => p.key !== pod.key);
    this.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity.filter(
      (p) => p.key !== pod.key,
    );
    this.updateTotals(existing, -1);
    return true;
  }

  private updateTotals(pod: PodInfo, sign: 1 | -1): void {
    const r = this.requested;
    r.milliCPU += sign * pod.requests.milliCPU;
    r.memory += sign * pod.requests.memory;
    r.ephemeralStorage += sign * pod.requests.ephemeralStorage;
    for (const [name, value] of pod.requests.scalars) {
      r.scalars.set(name, (r.scalars.get(name) ?? 0) + sign * value);
    }
    this.nonZeroMilliCPU += sign * pod.nonZeroMilliCPU;
    this.nonZeroMemory += sign * pod.nonZeroMemory;
    const v = this.vec;
    v[V_REQ_CPU] = r.milliCPU;
    v[V_REQ_MEMORY] = r.memory;
    v[V_REQ_EPHEMERAL] = r.ephemeralStorage;
    v[V_NONZERO_CPU] = this.nonZeroMilliCPU;
    v[V_NONZERO_MEMORY] = this.nonZeroMemory;
    for (const port of pod.hostPorts) {
      const key = `${port.protocol}/${port.port}`;
      const ips = this.usedPorts.get(key) ?? [];
      if (sign > 0) ips.push(port.ip);
      else ips.splice(ips.indexOf(port.ip), 1);
      if (ips.length > 0) this.usedPorts.set(key, ips);
      else this.usedPorts.delete(key);
    }
  }

  /** HostPortInfo.CheckConflict: 0.0.0.0 conflicts with every IP on the same protocol/port. */
  portConflicts(port: HostPort): boolean {
    const ips = this.usedPorts.get(`${port.protocol}/${port.port}`);
    if (!ips) return false;
    if (port.ip === "0.0.0.0") return true;
    return ips.some((ip) => ip === "0.0.0.0" || ip === port.ip);
  }

  /** A copy whose pod lists and totals can change without touching this one (preemption dry runs). */
  clone(): NodeInfo {
    const copy = Object.create(NodeInfo.prototype) as NodeInfo;
    Object.assign(copy, this);
    copy.requested = { ...this.requested, scalars: new Map(this.requested.scalars) };
    copy.pods = [...this.pods];
    copy.podsWithAffinity = [...this.podsWithAffinity];
    copy.podsWithRequiredAntiAffinity = [...this.podsWithRequiredAntiAffinity];
    copy.vec = new Float64Array(this.vec);
    copy.usedPorts = new Map([...this.usedPorts].map(([k, v]) => [k, [...v]]));
    return copy;
  }
}
