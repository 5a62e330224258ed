// What kube-scheduler keeps in memory between cycles, kept with the sandbox because a
// sandbox is a value that lives between requests: where the next node search starts
// (nextStartNodeIndex) and the newest scheduling record of each pod, so the UI and the
// grader can explain a placement ("왜 여기에?") or a Pending pod ("왜 Pending?").
// Bounded: one record per existing pod; a record goes when its pod goes.

import { decodeObject } from "../apiserver/handler/codec";
import type { SchedulingRecord } from "../scheduler/record";
import type { SandboxState } from "../state";

export interface SchedulerMemory {
  /** Where the next cycle's node search starts (schedule_one.go nextStartNodeIndex). */
  nextStartNodeIndex: number;
  /** The newest attempt per pod, keyed "namespace/name". */
  records: Readonly<Record<string, SchedulingRecord>>;
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
  return decodeObject({ value: row.value, modRevision: row.revision }).metadata.uid === record.uid;
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

/**
 * The memory after a scheduler run: the new records replace older ones of the same pods and
 * records of pods that no longer exist are dropped.
 */
export function rememberAttempts(
  state: SandboxState,
  records: readonly SchedulingRecord[],
  nextStartNodeIndex: number,
): SandboxState {
  const old = schedulerMemory(state);
  const next: Record<string, SchedulingRecord> = {};
  for (const [key, record] of Object.entries(old.records)) {
    if (samePod(state, record)) next[key] = record;
  }
  for (const record of records) {
    if (state.store.live.has(podKey(record.pod))) next[record.pod] = record;
  }
  return { ...state, scheduler: { nextStartNodeIndex, records: sortedByKey(next) } };
}

/** Records of pods that are gone dropped; the same state when there are none. */
export function pruneRecords(state: SandboxState): SandboxState {
  const memory = state.scheduler;
  if (!memory) return state;
  const keys = Object.keys(memory.records);
  if (keys.every((k) => samePod(state, memory.records[k]!))) return state;
  return rememberAttempts(state, [], memory.nextStartNodeIndex);
}

/** Key order fixed, so the same run gives the same stored bytes. */
function sortedByKey<T>(obj: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(obj).sort()) out[k] = obj[k]!;
  return out;
}
