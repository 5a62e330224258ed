// PodTopologySpread (weight 2): spreads matching pods evenly over topology domains (zones,
// nodes...). DoNotSchedule constraints filter; ScheduleAnyway constraints score.
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
  PRE_FILTER_KEY,
  topologySpreadFilter,
  topologySpreadPreFilter,
  type PreFilterState,
} from "./filtering";
import { topologySpreadNormalize, topologySpreadPreScore, topologySpreadScore } from "./scoring";

export const POD_TOPOLOGY_SPREAD = "PodTopologySpread";

export class PodTopologySpread
  implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin
{
  readonly name = POD_TOPOLOGY_SPREAD;

  preFilter(ctx: CycleContext, pod: PodInfo): MaybeStatus {
    return topologySpreadPreFilter(ctx, pod);
  }

  addPod(ctx: CycleContext, pod: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): void {
    ctx.state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(pod, podToAdd, nodeInfo, 1);
  }

  removePod(ctx: CycleContext, pod: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): void {
    ctx.state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(pod, podToRemove, nodeInfo, -1);
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

  filter(ctx: CycleContext, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    return topologySpreadFilter(ctx, pod, nodeInfo);
  }

  preScore(ctx: CycleContext, pod: PodInfo, nodes: readonly NodeInfo[]): MaybeStatus {
    return topologySpreadPreScore(ctx, pod, nodes);
  }

  score(ctx: CycleContext, pod: PodInfo, nodeInfo: NodeInfo): number {
    return topologySpreadScore(ctx, pod, nodeInfo);
  }

  normalizeScore(
    ctx: CycleContext,
    _pod: PodInfo,
    scores: number[],
    nodes: readonly NodeInfo[],
  ): void {
    topologySpreadNormalize(ctx, scores, nodes);
  }
}
