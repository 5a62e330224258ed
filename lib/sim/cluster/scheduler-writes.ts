// kube-scheduler's writes after a cycle, through the API as the real one makes them: the
// binding (pods/binding) with its Scheduled event, the victims' DisruptionTarget condition,
// Preempted event and deletion, and for a pod that does not fit the PodScheduled=False
// condition (written only when it changed, as updatePod does) and the FailedScheduling event.

import type { KubeObject } from "../apiserver/object";
import { formatTime } from "../clock";
import { Client } from "../controllers/shared/client";
import { recordEvent } from "../controllers/shared/events";
import { asArray, asObj } from "../controllers/shared/fields";
import type { Pod } from "../scheduler/api-types";
import { scheduledMessage } from "../scheduler/fit-error";
import { DEFAULT_SCHEDULER_NAME } from "../scheduler/framework/registry";
import {
  PREEMPTED_EVENT_REASON,
  PREEMPTION_CONDITION,
  preemptedEventMessage,
  preemptionConditionMessage,
} from "../scheduler/preemption/default-preemption";
import type { SchedulingRecord } from "../scheduler/record";

const SOURCE = { component: DEFAULT_SCHEDULER_NAME };

function scheduledCondition(pod: KubeObject) {
  return asArray(asObj(pod.status).conditions).find((c) => c.type === "PodScheduled");
}

/** POST pods/binding and the Scheduled event; true when the API server accepted the binding. */
export function bindPod(
  client: Client,
  pod: KubeObject,
  nodeName: string,
  record: SchedulingRecord,
): boolean {
  const namespace = pod.metadata.namespace ?? "";
  const name = pod.metadata.name ?? "";
  client.withTrace({
    before: [
      {
        from: "kube-apiserver",
        to: "scheduler",
        action: "watch-event",
        detail: `ADDED pods ${namespace}/${name}`,
      },
      {
        from: "scheduler",
        to: "scheduler",
        action: "schedule",
        detail: `${nodeName} (${record.feasibleNodes}/${record.numAllNodes} nodes feasible)`,
      },
    ],
  });
  const r = client.raw({
    method: "POST",
    path: `/api/v1/namespaces/${namespace}/pods/${name}/binding`,
    body: {
      apiVersion: "v1",
      kind: "Binding",
      metadata: { name, namespace, uid: pod.metadata.uid },
      target: { apiVersion: "v1", kind: "Node", name: nodeName },
    },
  });
  if (r.code >= 400) return false;
  recordEvent(client, SOURCE, {
    involved: pod,
    type: "Normal",
    reason: "Scheduled",
    message: scheduledMessage(namespace, name, nodeName),
  });
  return true;
}

/**
 * The PodScheduled=False condition and the FailedScheduling event. The condition is written only
 * when it or the nomination changes (lastProbeTime stays null, as kube-scheduler leaves it);
 * nominated "" clears a stale nomination.
 */
export function markUnschedulable(
  client: Client,
  pod: KubeObject,
  message: string,
  nominated?: string,
): void {
  const status = asObj(pod.status);
  const stamp = formatTime(client.now);
  const others = asArray(status.conditions).filter((c) => c.type !== "PodScheduled");
  const old = scheduledCondition(pod);
  const sameCondition =
    old?.status === "False" && old.reason === "Unschedulable" && old.message === message;
  const oldNominated = (status.nominatedNodeName as string | undefined) ?? "";
  const nominationChanged = nominated !== undefined && nominated !== oldNominated;
  if (!sameCondition || nominationChanged) {
    const condition = {
      type: "PodScheduled",
      status: "False",
      lastProbeTime: null,
      lastTransitionTime: sameCondition ? old.lastTransitionTime : stamp,
      reason: "Unschedulable",
      message,
    };
    const next: Record<string, unknown> = {
      ...status,
      phase: "Pending",
      conditions: [...others, condition],
    };
    if (nominated) next.nominatedNodeName = nominated;
    else if (nominated === "") delete next.nominatedNodeName;
    client.updateStatus("", "pods", { ...pod, status: next });
  }
  recordEvent(client, SOURCE, {
    involved: pod,
    type: "Warning",
    reason: "FailedScheduling",
    message,
  });
}

export function preempt(client: Client, victims: readonly { pod: Pod }[], nodeName: string): void {
  for (const v of victims) {
    const victim = v.pod as unknown as KubeObject;
    const status = asObj(victim.status);
    client.updateStatus("", "pods", {
      ...victim,
      status: {
        ...status,
        conditions: [
          ...asArray(status.conditions).filter((c) => c.type !== PREEMPTION_CONDITION.type),
          {
            ...PREEMPTION_CONDITION,
            message: preemptionConditionMessage(DEFAULT_SCHEDULER_NAME),
            lastProbeTime: null,
            lastTransitionTime: formatTime(client.now),
          },
        ],
      },
    });
    recordEvent(client, SOURCE, {
      involved: victim,
      type: "Normal",
      reason: PREEMPTED_EVENT_REASON,
      message: preemptedEventMessage(nodeName),
    });
    client.delete("", "pods", victim.metadata.namespace, victim.metadata.name ?? "");
  }
}
