// NodePorts: a pod asking for hostPorts fits only nodes where no pod holds the same
// protocol/port on an overlapping host IP.
import type { NodeInfo } from "../../framework/node-info";
import type { CycleContext, FilterPlugin, PreFilterPlugin } from "../../framework/plugin";
import type { PodInfo } from "../../framework/pod-info";
import { Code, constantStatus, SKIP, type MaybeStatus } from "../../framework/status";

export const NODE_PORTS = "NodePorts";
export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";
const REJECTED = constantStatus(Code.Unschedulable, ERR_REASON_NODE_PORTS);

export class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = NODE_PORTS;

  preFilter(_ctx: CycleContext, pod: PodInfo): MaybeStatus {
    return pod.hostPorts.length === 0 ? SKIP : null;
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
    for (const port of pod.hostPorts) {
      if (nodeInfo.portConflicts(port)) return REJECTED;
    }
    return null;
  }
}
