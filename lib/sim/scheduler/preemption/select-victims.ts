// SelectVictimsOnNode (DefaultPreemption, 1.28): remove every lower-priority pod from a copy
// of the node; if the pod then fits, add them back most-important first and keep as victims
// only those whose return would make the pod not fit — the minimal set by importance.
import type { CycleContext } from "../framework/plugin";
import type { Framework } from "../framework/framework";
import type { NodeInfo } from "../framework/node-info";
import type { PodInfo } from "../framework/pod-info";
import { Code, Status, unresolvable, type MaybeStatus } from "../framework/status";

export const ERR_NO_VICTIMS = "No preemption victims found for incoming pod";

/** util.MoreImportantPod: higher priority first, then the one that started earlier. */
export function moreImportantPod(a: PodInfo, b: PodInfo): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.startMs < b.startMs;
}

export function importanceOrder(a: PodInfo, b: PodInfo): number {
  if (moreImportantPod(a, b)) return -1;
  if (moreImportantPod(b, a)) return 1;
  return 0;
}

export interface VictimSelection {
  victims: PodInfo[];
  status: MaybeStatus;
}

export function selectVictimsOnNode(
  fw: Framework,
  ctx: CycleContext,
  pod: PodInfo,
  nodeInfo: NodeInfo,
): VictimSelection {
  const potential: PodInfo[] = [];
  for (const p of [...nodeInfo.pods]) {
    if (p.priority < pod.priority) {
      potential.push(p);
      nodeInfo.removePod(p);
      fw.runPreFilterExtensionRemovePod(ctx, pod, p, nodeInfo);
    }
  }
  if (potential.length === 0) return { victims: [], status: unresolvable(ERR_NO_VICTIMS) };
  const fits = fw.runFilterPluginsWithNominatedPods(ctx, pod, nodeInfo);
  if (fits !== null) return { victims: [], status: fits };

  potential.sort(importanceOrder);
  const victims: PodInfo[] = [];
  // PodDisruptionBudgets are not modelled, so every victim is "non-violating".
  for (const p of potential) {
    nodeInfo.addPod(p);
    fw.runPreFilterExtensionAddPod(ctx, pod, p, nodeInfo);
    if (fw.runFilterPluginsWithNominatedPods(ctx, pod, nodeInfo) !== null) {
      nodeInfo.removePod(p);
      fw.runPreFilterExtensionRemovePod(ctx, pod, p, nodeInfo);
      victims.push(p);
    }
  }
  if (victims.length === 0) {
    return {
      victims,
      status: new Status(Code.Error, [
        `expected at least one victim pod on node "${nodeInfo.name}"`,
      ]),
    };
  }
  return { victims, status: null };
}
