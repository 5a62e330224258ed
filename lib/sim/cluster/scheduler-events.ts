// The cluster events kube-scheduler's informers deliver between two runs, read from the store's
// revision log (a watch from the last revision the scheduler saw). Only the events that may
// make a parked pod schedulable count (eventhandlers.go): a node added or changed in what the
// scheduler looks at (not a heartbeat), an assigned pod deleted (room freed), an assigned pod
// added (for pods rejected by pod affinity or topology spread), a pending pod changed by its user.
import { decodeObject } from "../apiserver/handler/codec";
import type { KubeObject } from "../apiserver/object";
import type { StoreState } from "../store/types";
import { logRows, toKeyValue } from "../store/types";
import type { KvRow } from "../store/types";

export interface SchedulerEvents {
  /** NodeAdd, or NodeUpdate that changed labels, taints, unschedulable, allocatable or conditions. */
  nodeChanged: boolean;
  /** AssignedPodDelete: a bound pod left and its room is free. */
  assignedPodDeleted: boolean;
  /** AssignedPodAdd / binding: matters to InterPodAffinity and PodTopologySpread. */
  assignedPodAdded: boolean;
  /** Pending pods ("namespace/name") whose spec or labels changed since the last run. */
  updatedPendingPods: Set<string>;
}

const NODE_PREFIX = "/registry/minions/";
const POD_PREFIX = "/registry/pods/";

/** The first index in rows (ascending by revision) whose revision is above `revision`. */
function firstAfter(rows: readonly KvRow[], revision: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.revision <= revision) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function rowAt(rows: readonly KvRow[], revision: number): KvRow | undefined {
  const i = firstAfter(rows, revision - 1);
  const row = rows[i];
  return row && row.revision === revision ? row : undefined;
}

const decode = (row: KvRow): KubeObject => decodeObject(toKeyValue(row));

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});

/** nodeSchedulingPropertiesChange: what a heartbeat does not touch. */
function schedulingView(node: KubeObject): string {
  const spec = obj(node.spec);
  const status = obj(node.status);
  const conditions = Array.isArray(status.conditions)
    ? (status.conditions as Obj[]).map((c) => `${String(c.type)}=${String(c.status)}`)
    : [];
  return JSON.stringify([
    node.metadata.labels ?? {},
    spec.taints ?? [],
    spec.unschedulable ?? false,
    status.allocatable ?? {},
    conditions,
  ]);
}

/** The spec and labels of a pod: what isPodUpdated compares once status and versions are gone. */
function podView(pod: KubeObject): string {
  return JSON.stringify([pod.metadata.labels ?? {}, pod.spec ?? {}]);
}

export function schedulerEventsSince(store: StoreState, seenRevision: number): SchedulerEvents {
  const events: SchedulerEvents = {
    nodeChanged: false,
    assignedPodDeleted: false,
    assignedPodAdded: false,
    updatedPendingPods: new Set(),
  };
  const rows = logRows(store.log);
  for (let i = firstAfter(rows, seenRevision); i < rows.length; i++) {
    const row = rows[i]!;
    if (row.key.startsWith(NODE_PREFIX)) {
      if (row.created || row.deleted) {
        events.nodeChanged = true;
        continue;
      }
      const prev = rowAt(rows, row.prevRevision);
      if (!prev || schedulingView(decode(prev)) !== schedulingView(decode(row))) {
        events.nodeChanged = true;
      }
    } else if (row.key.startsWith(POD_PREFIX)) {
      const pod = decode(row);
      const bound = Boolean(obj(pod.spec).nodeName);
      if (row.deleted) {
        if (bound) events.assignedPodDeleted = true;
        continue;
      }
      const prev = row.created ? undefined : rowAt(rows, row.prevRevision);
      const wasBound = prev ? Boolean(obj(decode(prev).spec).nodeName) : false;
      if (bound && !wasBound) events.assignedPodAdded = true;
      if (!bound && prev && podView(decode(prev)) !== podView(pod)) {
        events.updatedPendingPods.add(row.key.slice(POD_PREFIX.length));
      }
    }
  }
  return events;
}
