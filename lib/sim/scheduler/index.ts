// Public surface of the scheduler library. The engine's control loop builds a Snapshot from the
// store, feeds pending pods through the SchedulingQueue and scheduleOne, then writes the
// binding, events and conditions through the API server.
export type * from "./api-types";
export { isTerminalPod, Snapshot, type SnapshotInput } from "./framework/snapshot";
export { NodeInfo } from "./framework/node-info";
export { podInfoOf, type PodInfo } from "./framework/pod-info";
export { Framework } from "./framework/framework";
export {
  DEFAULT_PROFILE,
  DEFAULT_SCHEDULER_NAME,
  IN_TREE_REGISTRY,
  newFramework,
  type ProfileConfig,
} from "./framework/registry";
export { Code, Status } from "./framework/status";
export { SchedulerError } from "./framework/scheduler-error";
export type * from "./framework/plugin";
export {
  scheduleOne,
  type ScheduleOneInput,
  type ScheduleOutcome,
  type SchedulerCursor,
} from "./schedule-one";
export { ERR_NO_NODES_AVAILABLE, fitErrorMessage, scheduledMessage } from "./fit-error";
export type * from "./record";
export { explainRecord, PLUGIN_DESCRIPTIONS_KO } from "./explain-record";
export * from "./events";
export {
  PREEMPTED_EVENT_REASON,
  PREEMPTION_CONDITION,
  preemptedEventMessage,
  preemptionConditionMessage,
} from "./preemption/default-preemption";
export {
  MESSAGE_SCHEDULING_GATED,
  REASON_SCHEDULING_GATED,
  SchedulingQueue,
  needsScheduling,
  type QueuedPodInfo,
  type QueueOptions,
} from "./queue/scheduling-queue";
