// NodeUnschedulable: cordoned nodes (spec.unschedulable, `kubectl cordon`) take no new pods
// unless the pod tolerates the node.kubernetes.io/unschedulable:NoSchedule taint.
import { TAINT_NODE_UNSCHEDULABLE } from "../../api-types";
import type { NodeInfo } from "../../framework/node-info";
import type { CycleContext, FilterPlugin } from "../../framework/plugin";
import type { PodInfo } from "../../framework/pod-info";
import { Code, constantStatus, type MaybeStatus } from "../../framework/status";
import { tolerationsTolerateTaint } from "../taint-toleration/tolerations";

export const NODE_UNSCHEDULABLE = "NodeUnschedulable";
export const ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";
const REJECTED = constantStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_UNSCHEDULABLE);

export class NodeUnschedulable implements FilterPlugin {
  readonly name = NODE_UNSCHEDULABLE;

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
    if (!nodeInfo.unschedulable) return null;
    const tolerates = tolerationsTolerateTaint(pod.tolerations, {
      key: TAINT_NODE_UNSCHEDULABLE,
      effect: "NoSchedule",
    });
    return tolerates ? null : REJECTED;
  }
}
