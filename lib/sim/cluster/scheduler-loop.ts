// kube-scheduler as a control loop: pods without a node (and for this scheduler)
// in PrioritySort order, one framework cycle each over a snapshot of the cache,
// then bind through pods/binding - or, when nothing fits, the PodScheduled=False
// condition, the FailedScheduling event and preemption of lower-priority pods.
// A pod that failed is retried after the queue's longest back-off (10 s) of virtual
// time, so a settle with unschedulable pods ends, as with the real back-off.

import type { KubeObject } from "../apiserver/object";
import { formatTime, parseTime } from "../clock";
import { listObjects } from "../controllers/shared/cache";
import { Client } from "../controllers/shared/client";
import { recordEvent } from "../controllers/shared/events";
import { asArray, asNumber, asObj, asString } from "../controllers/shared/fields";
import type { ControlLoop, LoopApi } from "../engine";
import { Rng } from "../random";
import type { Node, Pod } from "../scheduler/api-types";
import { scheduledMessage } from "../scheduler/fit-error";
import { DEFAULT_SCHEDULER_NAME, newFramework } from "../scheduler/framework/registry";
import { Snapshot } from "../scheduler/framework/snapshot";
import {
  PREEMPTED_EVENT_REASON,
  PREEMPTION_CONDITION,
  preemptedEventMessage,
  preemptionConditionMessage,
} from "../scheduler/preemption/default-preemption";
import type { SchedulingRecord } from "../scheduler/record";
import { scheduleOne } from "../scheduler/schedule-one";
import type { ActiveCheck } from "../controllers/shared/controller";
import { pruneRecords, rememberAttempts, schedulerMemory } from "./scheduler-memory";

export const SCHEDULER_USER = {
  username: "system:kube-scheduler",
  groups: ["system:authenticated"],
};
const SOURCE = { component: DEFAULT_SCHEDULER_NAME };
/** podMaxBackoffDuration: an unschedulable pod is tried again after this much virtual time. */
export const RETRY_UNSCHEDULABLE_MS = 10_000;

/** Per-sandbox record of the newest attempt for each pod (the UI's "why here / why Pending"). */
export type RecordSink = (record: SchedulingRecord) => void;

function scheduledCondition(pod: KubeObject) {
  return asArray(asObj(pod.status).conditions).find((c) => c.type === "PodScheduled");
}

function wantsScheduling(pod: KubeObject, now: number): boolean {
  const spec = asObj(pod.spec);
  if (spec.nodeName || pod.metadata.deletionTimestamp) return false;
  if (asString(spec.schedulerName, DEFAULT_SCHEDULER_NAME) !== DEFAULT_SCHEDULER_NAME) return false;
  if (asArray(spec.schedulingGates).length > 0) return false;
  const phase = asString(asObj(pod.status).phase, "Pending");
  if (phase === "Succeeded" || phase === "Failed") return false;
  const cond = scheduledCondition(pod);
  if (cond?.status === "False" && cond.reason === "Unschedulable") {
    const last = parseTime(asString(cond.lastProbeTime ?? cond.lastTransitionTime));
    return !Number.isFinite(last) || now - last >= RETRY_UNSCHEDULABLE_MS;
  }
  return true;
}

function queueOrder(a: KubeObject, b: KubeObject): number {
  const pa = asNumber(asObj(a.spec).priority);
  const pb = asNumber(asObj(b.spec).priority);
  if (pa !== pb) return pb - pa;
  const ca = a.metadata.creationTimestamp ?? "";
  const cb = b.metadata.creationTimestamp ?? "";
  if (ca !== cb) return ca < cb ? -1 : 1;
  const ka = `${a.metadata.namespace}/${a.metadata.name}`;
  const kb = `${b.metadata.namespace}/${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function markUnschedulable(
  client: Client,
  pod: KubeObject,
  message: string,
  nominated?: string,
): void {
  const status = asObj(pod.status);
  const stamp = formatTime(client.now);
  const others = asArray(status.conditions).filter((c) => c.type !== "PodScheduled");
  const old = scheduledCondition(pod);
  const sameMessage = old?.status === "False" && old.message === message;
  const condition = {
    type: "PodScheduled",
    status: "False",
    // kube-scheduler leaves lastProbeTime null; the simulator keeps the attempt time there
    // because it has no in-memory queue between requests to remember it.
    lastProbeTime: stamp,
    lastTransitionTime: sameMessage ? old.lastTransitionTime : stamp,
    reason: "Unschedulable",
    message,
  };
  client.updateStatus("", "pods", {
    ...pod,
    status: {
      ...status,
      phase: "Pending",
      conditions: [...others, condition],
      ...(nominated ? { nominatedNodeName: nominated } : {}),
    },
  });
  recordEvent(client, SOURCE, {
    involved: pod,
    type: "Warning",
    reason: "FailedScheduling",
    message,
  });
}

function preempt(client: Client, victims: readonly { pod: Pod }[], nodeName: string): void {
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

export function runScheduler(api: LoopApi, sink?: RecordSink): void {
  const state = api.state();
  const now = api.now;
  const pods = listObjects(state, "", "pods");
  const pending = pods.filter((p) => wantsScheduling(p, now)).sort(queueOrder);
  if (pending.length === 0) {
    // Records of deleted pods go with them, as kube-scheduler forgets a deleted pod.
    if (state.scheduler) api.remember(pruneRecords);
    return;
  }
  const client = new Client(api, undefined, "scheduler");
  const namespaceLabels = new Map(
    listObjects(state, "", "namespaces").map((n) => [n.metadata.name ?? "", n.metadata.labels]),
  );
  const nodes = listObjects(state, "", "nodes") as unknown as Node[];
  const snapshot = new Snapshot({
    nodes,
    // Every pod: bound ones count on their node, nominated ones (preemption's reservations)
    // are honoured by later cycles; the snapshot skips finished pods itself.
    pods: pods as unknown as Pod[],
    namespaceLabels,
  });
  const framework = newFramework();
  // Seeded from the sandbox seed and time: repeatable, yet ties do not always break the same way.
  const rng = Rng.fromSeed(`${state.seed}/scheduler/${now}/${state.store.revision}`);
  const cursor = { nextStartNodeIndex: schedulerMemory(state).nextStartNodeIndex };
  const records: SchedulingRecord[] = [];
  for (const pod of pending) {
    const outcome = scheduleOne({
      pod: pod as unknown as Pod,
      framework,
      snapshot,
      rng,
      cursor,
      timeMs: now,
    });
    sink?.(outcome.record);
    records.push(outcome.record);
    if (outcome.kind === "Scheduled") {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      client.withTrace({
        before: [
          {
            from: "kube-apiserver",
            to: "scheduler",
            action: "watch-event",
            detail: `ADDED pods ${key}`,
          },
          {
            from: "scheduler",
            to: "scheduler",
            action: "schedule",
            detail: `${outcome.nodeName} (${outcome.record.feasibleNodes}/${outcome.record.numAllNodes} nodes feasible)`,
          },
        ],
      });
      const r = client.raw({
        method: "POST",
        path: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/binding`,
        body: {
          apiVersion: "v1",
          kind: "Binding",
          metadata: {
            name: pod.metadata.name,
            namespace: pod.metadata.namespace,
            uid: pod.metadata.uid,
          },
          target: { apiVersion: "v1", kind: "Node", name: outcome.nodeName },
        },
      });
      if (r.code < 400) {
        recordEvent(client, SOURCE, {
          involved: pod,
          type: "Normal",
          reason: "Scheduled",
          message: scheduledMessage(
            pod.metadata.namespace ?? "",
            pod.metadata.name ?? "",
            outcome.nodeName,
          ),
        });
      } else {
        snapshot.removePod(`${pod.metadata.namespace}/${pod.metadata.name}`);
      }
      continue;
    }
    if (outcome.victims.length > 0 && outcome.nominatedNodeName) {
      preempt(client, outcome.victims, outcome.nominatedNodeName);
    }
    markUnschedulable(client, pod, outcome.message, outcome.nominatedNodeName);
  }
  api.remember((s) => rememberAttempts(s, records, cursor.nextStartNodeIndex));
}

export function schedulerLoop(active?: ActiveCheck, sink?: RecordSink): ControlLoop {
  return {
    name: "kube-scheduler",
    user: SCHEDULER_USER,
    run(api) {
      if (active && !active(api.state(), api.now)) return;
      runScheduler(api, sink);
    },
  };
}
