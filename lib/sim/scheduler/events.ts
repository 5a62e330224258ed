// What the scheduler writes back besides the binding: Event reasons/types and the PodScheduled
// condition, as kube-scheduler 1.28 sets them (schedule_one.go handleSchedulingFailure /
// finishBinding). The engine's control loop turns these into API writes.
import { scheduledMessage } from "./fit-error";

export const EVENT_REASON_SCHEDULED = "Scheduled";
export const EVENT_REASON_FAILED_SCHEDULING = "FailedScheduling";
/** The reporting component ("From" in kubectl describe): the profile's scheduler name. */
export const DEFAULT_SCHEDULER_SOURCE = "default-scheduler";

export interface SchedulerEvent {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
}

export function scheduledEvent(namespace: string, name: string, nodeName: string): SchedulerEvent {
  return {
    type: "Normal",
    reason: EVENT_REASON_SCHEDULED,
    message: scheduledMessage(namespace, name, nodeName),
  };
}

export function failedSchedulingEvent(message: string): SchedulerEvent {
  return { type: "Warning", reason: EVENT_REASON_FAILED_SCHEDULING, message };
}

export interface PodScheduledCondition {
  type: "PodScheduled";
  status: "True" | "False";
  reason?: "Unschedulable" | "SchedulerError" | "SchedulingGated";
  message?: string;
}

/** The condition on a pod no node fits (v1.PodReasonUnschedulable). */
export function unschedulableCondition(message: string): PodScheduledCondition {
  return { type: "PodScheduled", status: "False", reason: "Unschedulable", message };
}

/** Set once the binding succeeded. */
export const SCHEDULED_CONDITION: PodScheduledCondition = { type: "PodScheduled", status: "True" };
