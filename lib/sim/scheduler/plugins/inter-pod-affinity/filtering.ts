// InterPodAffinity's PreFilter/Filter: required pod affinity and anti-affinity of the incoming
// pod, and the required anti-affinity of pods already running ("symmetry").
import type { StateData } from "../../framework/cycle-state";
import type { NodeInfo } from "../../framework/node-info";
import type { CycleContext } from "../../framework/plugin";
import type { PodInfo } from "../../framework/pod-info";
import { Code, constantStatus, SKIP, type MaybeStatus } from "../../framework/status";
import { topologyValue } from "../../framework/topology-pairs";
import { podMatchesAllAffinityTerms, TopologyCounts } from "./topology-counts";

export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH =
  "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH =
  "node(s) didn't match pod anti-affinity rules";

export const PRE_FILTER_KEY = "PreFilterInterPodAffinity";
const AFFINITY_REJECTED = constantStatus(
  Code.UnschedulableAndUnresolvable,
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
);
const ANTI_AFFINITY_REJECTED = constantStatus(
  Code.Unschedulable,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
);
const EXISTING_ANTI_AFFINITY_REJECTED = constantStatus(
  Code.Unschedulable,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
);

export class PreFilterState implements StateData {
  constructor(
    readonly pod: PodInfo,
    /** Pairs where an existing pod's required anti-affinity matches the incoming pod. */
    readonly existingAntiAffinityCounts: TopologyCounts,
    /** Pairs holding pods that match all the incoming pod's required affinity terms. */
    readonly affinityCounts: TopologyCounts,
    /** Pairs holding pods that match one of the incoming pod's anti-affinity terms. */
    readonly antiAffinityCounts: TopologyCounts,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(
      this.pod,
      this.existingAntiAffinityCounts.clone(),
      this.affinityCounts.clone(),
      this.antiAffinityCounts.clone(),
    );
  }

  /** updateWithPod: keeps the counts right when preemption adds/removes `other` on `node`. */
  updateWithPod(ctx: CycleContext, other: PodInfo, node: NodeInfo, delta: number): void {
    const ns = ctx.snapshot.namespaceLabelsOf(this.pod.namespace);
    const otherNs = ctx.snapshot.namespaceLabelsOf(other.namespace);
    this.existingAntiAffinityCounts.updateWithAntiAffinityTerms(
      other.requiredAntiAffinityTerms,
      this.pod,
      ns,
      node.labels,
      delta,
    );
    this.affinityCounts.updateWithAffinityTerms(
      this.pod.requiredAffinityTerms,
      other,
      otherNs,
      node.labels,
      delta,
    );
    this.antiAffinityCounts.updateWithAntiAffinityTerms(
      this.pod.requiredAntiAffinityTerms,
      other,
      otherNs,
      node.labels,
      delta,
    );
  }
}

export function interPodAffinityPreFilter(ctx: CycleContext, pod: PodInfo): MaybeStatus {
  const hasRequiredTerms =
    pod.requiredAffinityTerms.length > 0 || pod.requiredAntiAffinityTerms.length > 0;
  // Nothing to check and nothing to allocate: the common case for plain workloads.
  if (!hasRequiredTerms && ctx.snapshot.podsWithRequiredAntiAffinityCount === 0) return SKIP;
  const snapshot = ctx.snapshot;
  const ns = snapshot.namespaceLabelsOf(pod.namespace);
  const existing = new TopologyCounts();
  for (const node of snapshot.havePodsWithRequiredAntiAffinityList()) {
    for (const other of node.podsWithRequiredAntiAffinity) {
      existing.updateWithAntiAffinityTerms(
        other.requiredAntiAffinityTerms,
        pod,
        ns,
        node.labels,
        1,
      );
    }
  }
  const affinity = new TopologyCounts();
  const anti = new TopologyCounts();
  const hasRequired =
    pod.requiredAffinityTerms.length > 0 || pod.requiredAntiAffinityTerms.length > 0;
  if (hasRequired) {
    for (const node of snapshot.nodeInfos) {
      for (const other of node.pods) {
        const otherNs = snapshot.namespaceLabelsOf(other.namespace);
        affinity.updateWithAffinityTerms(pod.requiredAffinityTerms, other, otherNs, node.labels, 1);
        anti.updateWithAntiAffinityTerms(
          pod.requiredAntiAffinityTerms,
          other,
          otherNs,
          node.labels,
          1,
        );
      }
    }
  }
  if (existing.size === 0 && !hasRequired) return SKIP;
  ctx.state.write(PRE_FILTER_KEY, new PreFilterState(pod, existing, affinity, anti));
  return null;
}

function satisfyPodAffinity(state: PreFilterState, ctx: CycleContext, node: NodeInfo): boolean {
  let podsExist = true;
  for (const term of state.pod.requiredAffinityTerms) {
    if (topologyValue(node.labels, term.topologyKey) === undefined) return false;
    if (state.affinityCounts.pairs.forNode(node.labels, term.topologyKey) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself: allowed when no pod matches at all and
  // the pod matches its own terms, so such groups can ever start.
  return (
    state.affinityCounts.size === 0 &&
    podMatchesAllAffinityTerms(
      state.pod.requiredAffinityTerms,
      state.pod,
      ctx.snapshot.namespaceLabelsOf(state.pod.namespace),
    )
  );
}

function satisfyPodAntiAffinity(state: PreFilterState, node: NodeInfo): boolean {
  if (state.antiAffinityCounts.size === 0) return true;
  for (const term of state.pod.requiredAntiAffinityTerms) {
    if (state.antiAffinityCounts.pairs.forNode(node.labels, term.topologyKey) > 0) return false;
  }
  return true;
}

function satisfyExistingPodsAntiAffinity(state: PreFilterState, node: NodeInfo): boolean {
  if (state.existingAntiAffinityCounts.size === 0) return true;
  return !state.existingAntiAffinityCounts.anyForNode(node.labels);
}

export function interPodAffinityFilter(ctx: CycleContext, node: NodeInfo): MaybeStatus {
  const state = ctx.state.read<PreFilterState>(PRE_FILTER_KEY);
  if (!state) return null;
  if (!satisfyPodAffinity(state, ctx, node)) return AFFINITY_REJECTED;
  if (!satisfyPodAntiAffinity(state, node)) return ANTI_AFFINITY_REJECTED;
  if (!satisfyExistingPodsAntiAffinity(state, node)) return EXISTING_ANTI_AFFINITY_REJECTED;
  return null;
}
