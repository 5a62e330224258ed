// DefaultPreemption (PostFilter): when no node fits, find nodes where evicting lower-priority
// pods would make room, pick the one that hurts least, and nominate it. The caller evicts the
// victims through the API (marking them with the DisruptionTarget condition) and requeues the pod.
// PodDisruptionBudgets and scheduler extenders are not modelled.
import type { Framework } from "../framework/framework";
import type { NodeInfo } from "../framework/node-info";
import type { CycleContext, PostFilterPlugin, PostFilterResult } from "../framework/plugin";
import type { PodInfo } from "../framework/pod-info";
import { Code, Status, unresolvable, type MaybeStatus } from "../framework/status";
import { fitErrorMessage, newDiagnosis } from "../fit-error";
import { pickOneNodeForPreemption, type Candidate } from "./pick-node";
import { selectVictimsOnNode } from "./select-victims";

export const DEFAULT_PREEMPTION = "DefaultPreemption";
export const ERR_PREEMPTION_NOT_HELPFUL = "Preemption is not helpful for scheduling";
export const ERR_PREEMPTION_POLICY_NEVER = "not eligible due to preemptionPolicy=Never.";
export const ERR_TERMINATING_ON_NOMINATED =
  "not eligible due to a terminating pod on the nominated node.";

/** The condition the scheduler puts on victims before deleting them (PodDisruptionConditions). */
export const PREEMPTION_CONDITION = {
  type: "DisruptionTarget",
  status: "True",
  reason: "PreemptionByScheduler",
} as const;

/** The event kube-scheduler 1.28 records on each victim (type Normal, action "Preempting"). */
export const PREEMPTED_EVENT_REASON = "Preempted";
export function preemptedEventMessage(nodeName: string): string {
  return `Preempted by a pod on node ${nodeName}`;
}

/** The DisruptionTarget condition message put on victims before they are deleted. */
export function preemptionConditionMessage(schedulerName: string): string {
  return `${schedulerName}: preempting to accommodate a higher priority pod`;
}

/** DefaultPreemptionArgs defaults. */
const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

function podTerminatingByPreemption(p: PodInfo): boolean {
  if (!p.terminating) return false;
  const conditions = (p.pod.status as { conditions?: Array<{ type?: string; reason?: string }> })
    ?.conditions;
  return (conditions ?? []).some(
    (c) => c.type === PREEMPTION_CONDITION.type && c.reason === PREEMPTION_CONDITION.reason,
  );
}

export class DefaultPreemption implements PostFilterPlugin {
  readonly name = DEFAULT_PREEMPTION;

  constructor(private readonly framework: () => Framework) {}

  postFilter(
    ctx: CycleContext,
    pod: PodInfo,
    statuses: ReadonlyMap<string, Status>,
  ): { result: PostFilterResult | null; status: MaybeStatus } {
    const out = this.preempt(ctx, pod, statuses);
    const message = out.status?.message() ?? "";
    if (out.status !== null && message.length > 0) {
      return {
        result: out.result,
        status: new Status(out.status.code, [`preemption: ${message}`]),
      };
    }
    return out;
  }

  private eligible(ctx: CycleContext, pod: PodInfo, statuses: ReadonlyMap<string, Status>): string {
    if (pod.pod.spec?.preemptionPolicy === "Never") return ERR_PREEMPTION_POLICY_NEVER;
    const nominated = pod.pod.status?.nominatedNodeName;
    if (nominated) {
      if (statuses.get(nominated)?.code === Code.UnschedulableAndUnresolvable) return "";
      const node = ctx.snapshot.get(nominated);
      if (node?.pods.some((p) => p.priority < pod.priority && podTerminatingByPreemption(p))) {
        return ERR_TERMINATING_ON_NOMINATED;
      }
    }
    return "";
  }

  private preempt(
    ctx: CycleContext,
    pod: PodInfo,
    statuses: ReadonlyMap<string, Status>,
  ): { result: PostFilterResult | null; status: MaybeStatus } {
    const notEligible = this.eligible(ctx, pod, statuses);
    if (notEligible) return { result: null, status: new Status(Code.Unschedulable, [notEligible]) };

    const all = ctx.snapshot.nodeInfos;
    const diagnosis = newDiagnosis();
    const potential: NodeInfo[] = [];
    for (const node of all) {
      if (statuses.get(node.name)?.code === Code.UnschedulableAndUnresolvable) {
        diagnosis.nodeToStatus.set(node.name, unresolvable(ERR_PREEMPTION_NOT_HELPFUL));
      } else {
        potential.push(node);
      }
    }
    const candidates: Candidate[] = [];
    if (potential.length > 0) {
      const numCandidates = Math.min(
        potential.length,
        Math.max(
          Math.trunc((potential.length * MIN_CANDIDATE_NODES_PERCENTAGE) / 100),
          MIN_CANDIDATE_NODES_ABSOLUTE,
        ),
      );
      const offset = ctx.rng ? ctx.rng.int(potential.length) : 0;
      const fw = this.framework();
      for (let i = 0; i < potential.length && candidates.length < numCandidates; i++) {
        const node = potential[(offset + i) % potential.length]!;
        const copy = node.clone();
        const state = ctx.state.clone();
        const selection = selectVictimsOnNode(fw, { ...ctx, state }, pod, copy);
        if (selection.status === null) {
          candidates.push({ nodeName: node.name, victims: selection.victims });
        } else {
          diagnosis.nodeToStatus.set(node.name, selection.status);
        }
      }
    }
    const best = pickOneNodeForPreemption(candidates);
    if (!best) {
      const message = fitErrorMessage(diagnosis.nodeToStatus.size, diagnosis);
      // nominatedNodeName "" clears a stale nomination, as NewPostFilterResultWithNominatedNode("").
      return {
        result: { nominatedNodeName: "", victims: [] },
        status: new Status(Code.Unschedulable, [message]),
      };
    }
    return { result: { nominatedNodeName: best.nodeName, victims: best.victims }, status: null };
  }
}
