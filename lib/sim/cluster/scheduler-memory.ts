// What kube-scheduler keeps in memory between cycles, kept with the sandbox because a
// sandbox is a value that lives between requests: where the next node search starts
// (nextStartNodeIndex) and the newest scheduling record of each pod, so the UI and the
// grader can explain a placement ("왜 여기에?") or a Pending pod ("왜 Pending?").
// Bounded: one record per existing pod; a record goes when its pod goes.

import { decodeRow } from "../apiserver/handler/codec";
import type { SavedQueuedPod } from "../scheduler/queue/scheduling-queue";
import type { SchedulingRecord } from "../scheduler/record";
import type { SandboxState } from "../state";

/** A pod parked in backoffQ or unschedulablePods, as the queue left it. */
export interface ParkedPod extends SavedQueuedPod {
  uid: string;
}

export interface SchedulerMemory {
  /** Where the next cycle's node search starts (schedule_one.go nextStartNodeIndex). */
  nextStartNodeIndex: number;
  /** The newest attempt per pod, keyed "namespace/name". */
  records: Readonly<Record<string, SchedulingRecord>>;
  /** The scheduling queue's parked pods, keyed "namespace/name" (the active queue is empty between runs). */
  queue?: Readonly<Record<string, ParkedPod>>;
  /**
   * The store revision the scheduler had seen when its last run ended (its watch position), kept
   * while pods are parked: only they wait for cluster events. With none parked it is left out,
   * so writes the scheduler does not watch (Events, Leases...) leave its memory unchanged.
   */
  seenRevision?: number;
}

export const EMPTY_SCHEDULER_MEMORY: SchedulerMemory = { nextStartNodeIndex: 0, records: {} };

export function schedulerMemory(state: SandboxState): SchedulerMemory {
  return state.scheduler ?? EMPTY_SCHEDULER_MEMORY;
}

const podKey = (key: string): string => `/registry/pods/${key}`;

/** Whether the live pod `namespace/name` is the one the record was made for (same uid). */
function samePod(state: SandboxState, record: SchedulingRecord): boolean {
  const row = state.store.live.get(podKey(record.pod));
  if (!row) return false;
  // The live row's own decode (no KeyValue view in between).
  return decodeRow(row).metadata.uid === record.uid;
}

/**
 * The newest scheduling attempt of a pod: every filter plugin's verdict per node, each score
 * plugin's normalized and weighted score, the chosen node or the FailedScheduling message.
 * Undefined when the pod never went through the scheduler (static/mirror pods, spec.nodeName
 * set by hand), or when the pod was deleted - also if one of the same name was created since.
 */
export function schedulingRecord(
  state: SandboxState,
  namespace: string,
  podName: string,
): SchedulingRecord | undefined {
  const record = state.scheduler?.records[`${namespace}/${podName}`];
  return record && samePod(state, record) ? record : undefined;
}

export interface SchedulerRun {
  records: readonly SchedulingRecord[];
  nextStartNodeIndex: number;
  queue: Readonly<Record<string, ParkedPod>>;
  seenRevision: number;
}

/**
 * The memory after a scheduler run: the new records replace older ones of the same pods,
 * records of pods that no longer exist are dropped, the queue is the one the run left.
 */
export function rememberRun(state: SandboxState, run: SchedulerRun): SandboxState {
  const old = schedulerMemory(state);
  const next: Record<string, SchedulingRecord> = {};
  for (const [key, record] of Object.entries(old.records)) {
    if (samePod(state, record)) next[key] = record;
  }
  for (const record of run.records) {
    if (state.store.live.has(podKey(record.pod))) next[record.pod] = record;
  }
  return {
    ...state,
    scheduler: {
      nextStartNodeIndex: run.nextStartNodeIndex,
      records: sortedByKey(next),
      ...(Object.keys(run.queue).length
        ? { queue: sortedByKey({ ...run.queue }), seenRevision: run.seenRevision }
        : {}),
    },
  };
}

/** Records and parked pods of pods that are gone dropped; the watch position moved on. */
export function forgetGone(state: SandboxState): SandboxState {
  const memory = state.scheduler;
  if (!memory) return state;
  const keys = Object.keys(memory.records);
  if (
    memory.seenRevision === undefined &&
    !memory.queue &&
    keys.every((k) => samePod(state, memory.records[k]!))
  )
    return state;
  return rememberRun(state, {
    records: [],
    nextStartNodeIndex: memory.nextStartNodeIndex,
    queue: {},
    seenRevision: state.store.revision,
  });
}

/** Key order fixed, so the same run gives the same stored bytes. */
function sortedByKey<T>(obj: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(obj).sort()) out[k] = obj[k]!;
  return out;
}
