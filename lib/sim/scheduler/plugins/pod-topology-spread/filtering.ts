// PodTopologySpread's PreFilter/Filter for DoNotSchedule constraints: placing the pod must not
// make (matching pods in the node's domain + 1) − (global minimum over domains) exceed maxSkew.
import type { StateData } from "../../framework/cycle-state";
import type { NodeInfo } from "../../framework/node-info";
import type { CycleContext } from "../../framework/plugin";
import type { PodInfo } from "../../framework/pod-info";
import { Code, constantStatus, SKIP, type MaybeStatus } from "../../framework/status";
import {
  requiredNodeAffinity,
  type RequiredNodeAffinity,
} from "../node-affinity/required-node-affinity";
import {
  compileConstraints,
  countMatchingPods,
  nodeHasAllTopologyKeys,
  nodeIncluded,
  type Constraint,
} from "./constraints";
import { TopologyPairCounts, topologyValue } from "../../framework/topology-pairs";

export const ERR_REASON_CONSTRAINTS_NOT_MATCH =
  "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;
export const PRE_FILTER_KEY = "PreFilterPodTopologySpread";
const LABEL_REJECTED = constantStatus(
  Code.UnschedulableAndUnresolvable,
  ERR_REASON_NODE_LABEL_NOT_MATCH,
);
const SKEW_REJECTED = constantStatus(Code.Unschedulable, ERR_REASON_CONSTRAINTS_NOT_MATCH);

export class PreFilterState implements StateData {
  constructor(
    readonly constraints: readonly Constraint[],
    readonly required: RequiredNodeAffinity,
    /** TpPairToMatchNum: matching pods per domain (domains with 0 included). */
    readonly tpPairToMatchNum: TopologyPairCounts,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.constraints, this.required, this.tpPairToMatchNum.clone());
  }

  /** The global minimum for a key; 0 when fewer than minDomains domains exist. */
  minMatchNum(c: Constraint): number {
    const [min, domains] = this.tpPairToMatchNum.minOver(c.topologyKey);
    return domains < c.minDomains ? 0 : min;
  }

  updateWithPod(pod: PodInfo, other: PodInfo, node: NodeInfo, delta: number): void {
    if (other.namespace !== pod.namespace) return;
    if (!nodeHasAllTopologyKeys(node, this.constraints)) return;
    for (const c of this.constraints) {
      if (!c.selector.matches(other.labels)) continue;
      if (!nodeIncluded(c, pod, node, this.required)) continue;
      this.tpPairToMatchNum.addForNode(node.labels, c.topologyKey, delta);
    }
  }
}

export function topologySpreadPreFilter(ctx: CycleContext, pod: PodInfo): MaybeStatus {
  const constraints = compileConstraints(pod.pod, "DoNotSchedule");
  if (constraints.length === 0) return SKIP;
  const required = requiredNodeAffinity(pod.pod);
  const counts = new TopologyPairCounts(false);
  for (const node of ctx.snapshot.nodeInfos) {
    if (!nodeHasAllTopologyKeys(node, constraints)) continue;
    for (const c of constraints) {
      if (!nodeIncluded(c, pod, node, required)) continue;
      counts.addForNode(
        node.labels,
        c.topologyKey,
        countMatchingPods(node.pods, c.selector, pod.namespace),
      );
    }
  }
  ctx.state.write(PRE_FILTER_KEY, new PreFilterState(constraints, required, counts));
  return null;
}

export function topologySpreadFilter(ctx: CycleContext, pod: PodInfo, node: NodeInfo): MaybeStatus {
  const state = ctx.state.read<PreFilterState>(PRE_FILTER_KEY);
  if (!state) return null;
  for (const c of state.constraints) {
    const value = topologyValue(node.labels, c.topologyKey);
    if (value === undefined) return LABEL_REJECTED;
    const minMatch = state.minMatchNum(c);
    const selfMatch = c.selector.matches(pod.labels) ? 1 : 0;
    const matchNum = state.tpPairToMatchNum.get(c.topologyKey, value);
    if (matchNum + selfMatch - minMatch > c.maxSkew) {
      return SKEW_REJECTED;
    }
  }
  return null;
}
