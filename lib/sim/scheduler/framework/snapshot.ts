// The scheduler's view of the cluster for one or many cycles (internal/cache.Snapshot): every
// node's NodeInfo in a stable order, plus cluster-wide image counts. It is updated in place when
// a pod is assumed onto a node, so scheduling N pods never rebuilds or clones it.
import type { Node, Pod } from "../api-types";
import type { Labels } from "./label-matcher";
import { NodeInfo, type ImageState } from "./node-info";
import { podInfoOf, type PodInfo } from "./pod-info";
import { SchedulerError } from "./scheduler-error";

export interface SnapshotInput {
  nodes: readonly Node[];
  /** All pods; those with spec.nodeName on a known node count against it. */
  pods?: readonly Pod[];
  /** Namespace name → labels, for affinity terms with a namespaceSelector. */
  namespaceLabels?: ReadonlyMap<string, Labels>;
}

/** status.phase Succeeded or Failed (the informer's field selector excludes these). */
export function isTerminalPod(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

export class Snapshot {
  readonly nodeInfos: NodeInfo[];
  private readonly byName = new Map<string, NodeInfo>();
  private readonly podNode = new Map<string, NodeInfo>();
  private readonly imageStates = new Map<string, ImageState>();
  readonly namespaceLabels: ReadonlyMap<string, Labels>;
  /**
   * The nominator: pods that preemption nominated to a node (status.nominatedNodeName) and that
   * are not bound yet. Filters count those of equal or higher priority as already there.
   */
  private readonly nominated = new Map<string, PodInfo[]>();
  private readonly nominatedNodeOf = new Map<string, string>();
  /** How many assigned pods have pod (anti-)affinity; lets plugins skip whole passes. */
  podsWithAffinityCount = 0;
  podsWithRequiredAntiAffinityCount = 0;

  constructor(input: SnapshotInput) {
    this.namespaceLabels = input.namespaceLabels ?? new Map();
    this.nodeInfos = input.nodes.map((node) => new NodeInfo(node));
    for (const info of this.nodeInfos) this.byName.set(info.name, info);
    this.buildImageStates();
    for (const pod of input.pods ?? []) {
      // kube-scheduler's pod informer skips finished pods: they hold no resources.
      if (isTerminalPod(pod)) continue;
      const nodeName = pod.spec?.nodeName;
      if (nodeName && this.byName.has(nodeName)) this.addPod(pod, nodeName);
      else if (!nodeName && pod.status?.nominatedNodeName) {
        this.addNominatedPod(pod, pod.status.nominatedNodeName);
      }
    }
  }

  private buildImageStates(): void {
    const sizes = new Map<string, number>();
    const counts = new Map<string, number>();
    const perNode = this.nodeInfos.map((info) => {
      const names = new Set<string>();
      for (const image of info.node.status?.images ?? []) {
        for (const name of image.names ?? []) {
          names.add(name);
          sizes.set(name, image.sizeBytes ?? 0);
        }
      }
      for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
      return names;
    });
    const states = this.imageStates;
    for (const [name, numNodes] of counts)
      states.set(name, { size: sizes.get(name) ?? 0, numNodes });
    this.nodeInfos.forEach((info, i) => {
      for (const name of perNode[i]!) info.imageStates.set(name, states.get(name)!);
    });
  }

  /** The cluster-wide state of an image (by normalized name), if any node holds it. */
  imageState(name: string): ImageState | undefined {
    return this.imageStates.get(name);
  }

  get(name: string): NodeInfo | undefined {
    return this.byName.get(name);
  }

  nodeOf(podKey: string): NodeInfo | undefined {
    return this.podNode.get(podKey);
  }

  /** Assigns (or assumes) a pod onto a node: the incremental update after each placement. */
  addPod(pod: Pod | PodInfo, nodeName: string): PodInfo {
    const info = "pod" in pod && "key" in pod ? (pod as PodInfo) : podInfoOf(pod as Pod);
    const node = this.byName.get(nodeName);
    if (!node) throw new SchedulerError("UnknownNode", `node "${nodeName}" not found`);
    if (this.podNode.has(info.key)) this.removePod(info.key);
    this.deleteNominatedPod(info.key);
    node.addPod(info);
    this.podNode.set(info.key, node);
    if (info.hasAffinity) this.podsWithAffinityCount++;
    if (info.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinityCount++;
    return info;
  }

  /** Records that preemption nominated `pod` to `nodeName` (replacing an earlier nomination). */
  addNominatedPod(pod: Pod | PodInfo, nodeName: string): void {
    const info = "pod" in pod && "key" in pod ? (pod as PodInfo) : podInfoOf(pod as Pod);
    this.deleteNominatedPod(info.key);
    const list = this.nominated.get(nodeName) ?? [];
    list.push(info);
    this.nominated.set(nodeName, list);
    this.nominatedNodeOf.set(info.key, nodeName);
  }

  deleteNominatedPod(podKey: string): void {
    const nodeName = this.nominatedNodeOf.get(podKey);
    if (nodeName === undefined) return;
    this.nominatedNodeOf.delete(podKey);
    const rest = (this.nominated.get(nodeName) ?? []).filter((p) => p.key !== podKey);
    if (rest.length > 0) this.nominated.set(nodeName, rest);
    else this.nominated.delete(nodeName);
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.nominated.get(nodeName) ?? [];
  }

  get hasNominatedPods(): boolean {
    return this.nominated.size > 0;
  }

  /** Removes a pod by "namespace/name" (deleted or evicted); false when it was not assigned. */
  removePod(podKey: string): boolean {
    const node = this.podNode.get(podKey);
    if (!node) return false;
    const info = node.pods.find((p) => p.key === podKey)!;
    node.removePod(info);
    this.podNode.delete(podKey);
    if (info.hasAffinity) this.podsWithAffinityCount--;
    if (info.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinityCount--;
    return true;
  }

  havePodsWithAffinityList(): NodeInfo[] {
    if (this.podsWithAffinityCount === 0) return [];
    return this.nodeInfos.filter((n) => n.podsWithAffinity.length > 0);
  }

  havePodsWithRequiredAntiAffinityList(): NodeInfo[] {
    if (this.podsWithRequiredAntiAffinityCount === 0) return [];
    return this.nodeInfos.filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
  }

  namespaceLabelsOf(namespace: string): Labels {
    return this.namespaceLabels.get(namespace);
  }
}
