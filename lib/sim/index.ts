// The engine's public face: what the app's server code may use. Everything else
// in lib/sim is internal.

export {
  ADMIN_USER,
  advanceTime,
  createSandbox,
  defaultBootstrap,
  handle,
  withToken,
  type ControlLoop,
  type CreateSandboxOptions,
  type EngineOptions,
  type EngineResult,
  type LoopApi,
} from "./engine";
export type { ApiRequest, ApiResponse, UserInfo, WatchEvent } from "./apiserver/handler/types";
export type { AuditEvent } from "./apiserver/audit/event";
export type { Status } from "./apiserver/errors";
export type { RequestTrace, SandboxState, SandboxLimits } from "./state";
export type { TraceEntry } from "./trace";
export type { Clock } from "./clock";
export { fixedClock, ManualClock } from "./clock";
export { stateMeta, stateFromParts, serializeState, type SandboxMeta } from "./state-codec";
export type { KvRow } from "./store/types";
export type { StoreChanges } from "./store/writer";
export { mergeChanges } from "./changes";

// Part 2: clusters with their control loops (scheduler, controllers, kubelets).
export {
  createClusterSandbox,
  type ClusterSandbox,
  type ClusterSandboxOptions,
} from "./cluster/default-cluster";
export {
  templateRowOrigin,
  TEMPLATE_SEED,
  type TemplateRowOrigin,
} from "./cluster/cluster-template";
export { shiftValue, type ValueShiftRecipe } from "./cluster/time-shift";
export { clusterEngineOptions, clusterLoops, type ClusterLoopOptions } from "./cluster/loops";
export { fastForward, type FastForwardOptions } from "./cluster/fast-forward";
export { LabCluster } from "./cluster/lab-cluster";
export { machineRunning, powerMachine, type MachineState, type WorldState } from "./cluster/world";
export { containerLogs, LogsError } from "./kubelet/logs";
export { iptablesSave, serviceRules, type ServicePortRules } from "./proxy/iptables-rules";
export { currentLeader } from "./leader-election/leader-election";
export {
  schedulingRecord,
  schedulerMemory,
  type SchedulerMemory,
} from "./cluster/scheduler-memory";
export type { SchedulingRecord, NodeFilterVerdict, ScoreTable } from "./scheduler/record";
export {
  explainRecord,
  PLUGIN_DESCRIPTIONS_KO,
  type ExplanationLine,
} from "./scheduler/explain-record";

import type { AuditEvent } from "./apiserver/audit/event";
import type { RequestTrace, SandboxState } from "./state";

/** The newest audit events held with the state (persistence keeps the full log). */
export function readAudit(state: SandboxState): readonly AuditEvent[] {
  return state.journal.audit;
}

/** The newest request traces held with the state. */
export function readTraces(state: SandboxState): readonly RequestTrace[] {
  return state.journal.traces;
}
