// NodeName: a pod that names a node (spec.nodeName) fits only that node.
import type { NodeInfo } from "../../framework/node-info";
import type { CycleContext, FilterPlugin } from "../../framework/plugin";
import type { PodInfo } from "../../framework/pod-info";
import { Code, constantStatus, type MaybeStatus } from "../../framework/status";

export const NODE_NAME = "NodeName";
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";
const REJECTED = constantStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_NODE_NAME);

export class NodeName implements FilterPlugin {
  readonly name = NODE_NAME;

  passesAllNodes(pod: PodInfo): boolean {
    return pod.nodeName === "";
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

  filter(_ctx: CycleContext, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const wanted = pod.nodeName;
    if (wanted === "" || wanted === nodeInfo.name) return null;
    return REJECTED;
  }
}
