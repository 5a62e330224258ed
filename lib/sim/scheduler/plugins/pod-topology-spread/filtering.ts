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
  pairKey,
  type Constraint,
} from "./constraints";

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
  /** topologyKey → [global minimum, number of domains]; cleared when counts change. */
  private minCache = new Map<string, readonly [number, number]>();

  constructor(
    readonly constraints: readonly Constraint[],
    readonly required: RequiredNodeAffinity,
    /** "key\0value" → matching pods in that domain (domains with 0 included). */
    readonly tpPairToMatchNum: Map<string, number>,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.constraints, this.required, new Map(this.tpPairToMatchNum));
  }

  /** The global minimum for a key; 0 when fewer than minDomains domains exist. */
  minMatchNum(c: Constraint): number {
    let cached = this.minCache.get(c.topologyKey);
    if (cached === undefined) {
      // math.MaxInt32 when no domain exists, so every node passes the skew check.
      let min = 2147483647;
      let domains = 0;
      const prefix = `${c.topologyKey}\u0000`;
      for (const [pair, num] of this.tpPairToMatchNum) {
        if (!pair.startsWith(prefix)) continue;
        domains++;
        if (num < min) min = num;
      }
      cached = [min, domains] as const;
      this.minCache.set(c.topologyKey, cached);
    }
    return cached[1] < c.minDomains ? 0 : cached[0];
  }

  updateWithPod(pod: PodInfo, other: PodInfo, node: NodeInfo, delta: number): void {
    if (other.namespace !== pod.namespace) return;
    if (!nodeHasAllTopologyKeys(node, this.constraints)) return;
    for (const c of this.constraints) {
      if (!c.selector.matches(other.labels)) continue;
      if (!nodeIncluded(c, pod, node, this.required)) continue;
      const pair = pairKey(c.topologyKey, node.labels![c.topologyKey]!);
      this.tpPairToMatchNum.set(pair, (this.tpPairToMatchNum.get(pair) ?? 0) + delta);
    }
    this.minCache.clear();
  }
}

export function topologySpreadPreFilter(ctx: CycleContext, pod: PodInfo): MaybeStatus {
  const constraints = compileConstraints(pod.pod, "DoNotSchedule");
  if (constraints.length === 0) return SKIP;
  const required = requiredNodeAffinity(pod.pod);
  const counts = new Map<string, number>();
  for (const node of ctx.snapshot.nodeInfos) {
    if (!nodeHasAllTopologyKeys(node, constraints)) continue;
    for (const c of constraints) {
      if (!nodeIncluded(c, pod, node, required)) continue;
      const pair = pairKey(c.topologyKey, node.labels![c.topologyKey]!);
      counts.set(
        pair,
        (counts.get(pair) ?? 0) + countMatchingPods(node.pods, c.selector, pod.namespace),
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
    const labels = node.labels;
    if (!labels || !Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) {
      return LABEL_REJECTED;
    }
    const minMatch = state.minMatchNum(c);
    const selfMatch = c.selector.matches(pod.labels) ? 1 : 0;
    const matchNum =
      state.tpPairToMatchNum.get(pairKey(c.topologyKey, labels[c.topologyKey]!)) ?? 0;
    if (matchNum + selfMatch - minMatch > c.maxSkew) {
      return SKEW_REJECTED;
    }
  }
  return null;
}
