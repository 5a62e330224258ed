// TaintToleration (weight 3): Filter keeps pods off nodes with NoSchedule/NoExecute taints they
// do not tolerate; Score prefers nodes with fewer untolerated PreferNoSchedule taints.
import { defaultNormalizeScore } from "../../framework/default-normalize";
import type { NodeInfo } from "../../framework/node-info";
import {
  MAX_NODE_SCORE,
  type CycleContext,
  type FilterPlugin,
  type ScorePlugin,
} from "../../framework/plugin";
import type { PodInfo } from "../../framework/pod-info";
import type { Taint } from "../../api-types";
import { Code, constantStatus, type MaybeStatus, type Status } from "../../framework/status";
import {
  findUntoleratedTaint,
  isDoNotScheduleTaint,
  tolerationsTolerateTaint,
} from "./tolerations";

export const TAINT_TOLERATION = "TaintToleration";

export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ""}}`;
}

// Taint objects come from stored (never mutated) nodes, so each keeps one shared status.
const statusByTaint = new WeakMap<Taint, Status>();

function untoleratedStatus(taint: Taint): Status {
  let status = statusByTaint.get(taint);
  if (!status) {
    const reason = untoleratedTaintReason(taint.key, taint.value);
    status = constantStatus(Code.UnschedulableAndUnresolvable, reason);
    statusByTaint.set(taint, status);
  }
  return status;
}

export class TaintToleration implements FilterPlugin, ScorePlugin {
  readonly name = TAINT_TOLERATION;

  filterNodes(
    ctx: CycleContext,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    out: MaybeStatus[],
  ): void {
    for (let i = 0; i < nodes.length; i++)
      if (out[i] === null) out[i] = this.filter(ctx, pod, nodes[i]!);
  }

  filter(_ctx: CycleContext, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    if (nodeInfo.taints.length === 0) return null;
    const taint = findUntoleratedTaint(nodeInfo.taints, pod.tolerations, isDoNotScheduleTaint);
    if (!taint) return null;
    return untoleratedStatus(taint);
  }

  /** The number of PreferNoSchedule taints the pod does not tolerate (lower is better). */
  score(_ctx: CycleContext, pod: PodInfo, nodeInfo: NodeInfo): number {
    if (nodeInfo.taints.length === 0) return 0;
    const tolerations = pod.tolerations.filter((t) => !t.effect || t.effect === "PreferNoSchedule");
    let count = 0;
    for (const taint of nodeInfo.taints) {
      if (taint.effect !== "PreferNoSchedule") continue;
      if (!tolerationsTolerateTaint(tolerations, taint)) count++;
    }
    return count;
  }

  scoreNodes(ctx: CycleContext, pod: PodInfo, nodes: readonly NodeInfo[], out: number[]): void {
    for (let i = 0; i < nodes.length; i++) out[i] = this.score(ctx, pod, nodes[i]!);
  }

  normalizeScore(_ctx: CycleContext, _pod: PodInfo, scores: number[]): void {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  }
}
