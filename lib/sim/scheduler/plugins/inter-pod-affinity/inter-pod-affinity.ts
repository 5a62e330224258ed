// InterPodAffinity (weight 2): places pods near (affinity) or away from (anti-affinity) pods
// matching a label selector within a topology domain (node, zone, ...).
import type { NodeInfo } from "../../framework/node-info";
import type {
  CycleContext,
  FilterPlugin,
  PreFilterPlugin,
  PreScorePlugin,
  ScorePlugin,
} from "../../framework/plugin";
import type { PodInfo } from "../../framework/pod-info";
import type { MaybeStatus } from "../../framework/status";
import {
  interPodAffinityFilter,
  interPodAffinityPreFilter,
  PRE_FILTER_KEY,
  type PreFilterState,
} from "./filtering";
import {
  interPodAffinityNormalize,
  interPodAffinityPreScore,
  interPodAffinityScore,
} from "./scoring";

export const INTER_POD_AFFINITY = "InterPodAffinity";

export class InterPodAffinity
  implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin
{
  readonly name = INTER_POD_AFFINITY;

  preFilter(ctx: CycleContext, pod: PodInfo): MaybeStatus {
    return interPodAffinityPreFilter(ctx, pod);
  }

  addPod(ctx: CycleContext, _pod: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): void {
    ctx.state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(ctx, podToAdd, nodeInfo, 1);
  }

  removePod(ctx: CycleContext, _pod: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): void {
    ctx.state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(ctx, podToRemove, nodeInfo, -1);
  }

  filterNodes(
    ctx: CycleContext,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    out: MaybeStatus[],
  ): void {
    for (let i = 0; i < nodes.length; i++)
      if (out[i] === null) out[i] = this.filter(ctx, pod, nodes[i]!);
  }

  filter(ctx: CycleContext, _pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    return interPodAffinityFilter(ctx, nodeInfo);
  }

  preScore(ctx: CycleContext, pod: PodInfo): MaybeStatus {
    return interPodAffinityPreScore(ctx, pod);
  }

  score(ctx: CycleContext, _pod: PodInfo, nodeInfo: NodeInfo): number {
    return interPodAffinityScore(ctx, nodeInfo);
  }

  normalizeScore(ctx: CycleContext, _pod: PodInfo, scores: number[]): void {
    interPodAffinityNormalize(ctx, scores);
  }
}
