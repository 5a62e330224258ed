// kube-scheduler as a control loop. Pending pods for this scheduler go through its
// SchedulingQueue: new pods into activeQ (PrioritySort), pods that failed before back where
// they waited - backoffQ (1 s doubling to 10 s) or unschedulablePods until a cluster event
// that may help (a node added or changed, a bound pod deleted...) or the 5-minute flush. Each
// popped pod gets one framework cycle over a snapshot of the cache (bound and nominated pods),
// then the binding, or the PodScheduled=False condition, FailedScheduling and preemption.
// The queue, the node-search cursor and each pod's newest record live in the sandbox
// (scheduler-memory.ts), since a sandbox is a value between requests.

import type { KubeObject } from "../apiserver/object";
import { fixedClock } from "../clock";
import { listObjects, watchPrefix } from "../controllers/shared/cache";
import { Client } from "../controllers/shared/client";
import type { ActiveCheck } from "../controllers/shared/controller";
import type { ControlLoop, LoopApi } from "../engine";
import { Rng } from "../random";
import type { Node, Pod } from "../scheduler/api-types";
import { newFramework } from "../scheduler/framework/registry";
import { Snapshot } from "../scheduler/framework/snapshot";
import { Code } from "../scheduler/framework/status";
import { needsScheduling, SchedulingQueue } from "../scheduler/queue/scheduling-queue";
import type { SchedulingRecord } from "../scheduler/record";
import { scheduleOne } from "../scheduler/schedule-one";
import { schedulerEventsSince } from "./scheduler-events";
import { forgetGone, rememberRun, schedulerMemory, type ParkedPod } from "./scheduler-memory";
import { bindPod, markUnschedulable, preempt } from "./scheduler-writes";

export const SCHEDULER_USER = {
  username: "system:kube-scheduler",
  groups: ["system:authenticated"],
};

/** Per-sandbox record of the newest attempt for each pod (the UI's "why here / why Pending"). */
export type RecordSink = (record: SchedulingRecord) => void;

/** Plugins that registered for AssignedPodAdd (a new pod nearby can satisfy their terms). */
const POD_ADD_PLUGINS = ["InterPodAffinity", "PodTopologySpread"];

const keyOf = (pod: KubeObject) => `${pod.metadata.namespace}/${pod.metadata.name}`;

/** The informer's order for pods seen in the same run: priority, then age, then key. */
function arrivalOrder(pods: readonly KubeObject[]): KubeObject[] {
  // Sort keys computed once per pod, not per comparison (a Deployment's pods share one age).
  const keyed = pods.map((pod) => ({
    pod,
    priority: Number((pod.spec as { priority?: number })?.priority ?? 0),
    created: pod.metadata.creationTimestamp ?? "",
    key: keyOf(pod),
  }));
  keyed.sort((a, b) => {
    if (a.priority !== b.priority) return b.priority - a.priority;
    if (a.created !== b.created) return a.created < b.created ? -1 : 1;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  return keyed.map((k) => k.pod);
}

/** The queue as the last run left it, with the cluster events since applied. */
function restoreQueue(api: LoopApi, pending: readonly KubeObject[]): SchedulingQueue {
  const state = api.state();
  const memory = schedulerMemory(state);
  const queue = new SchedulingQueue(fixedClock(api.now));
  const saved = memory.queue ?? {};
  const hasParked = Object.keys(saved).length > 0 && memory.seenRevision !== undefined;
  const events = hasParked ? schedulerEventsSince(state.store, memory.seenRevision!) : undefined;
  for (const pod of pending) {
    const key = keyOf(pod);
    const parked = saved[key];
    // A pod its user changed goes back to activeQ, as on an informer Update.
    if (parked && parked.uid === pod.metadata.uid && !events?.updatedPendingPods.has(key)) {
      queue.restore(pod as unknown as Pod, parked);
    } else {
      queue.add(pod as unknown as Pod);
    }
  }
  if (events?.nodeChanged || events?.assignedPodDeleted) queue.moveAllToActiveOrBackoff();
  else if (events?.assignedPodAdded) {
    queue.moveAllToActiveOrBackoff((q) =>
      POD_ADD_PLUGINS.some((p) => q.unschedulablePlugins.has(p)),
    );
  }
  queue.flush();
  return queue;
}

export function runScheduler(api: LoopApi, sink?: RecordSink): void {
  const state = api.state();
  const pods = listObjects(state, "", "pods");
  const pending = arrivalOrder(pods.filter((p) => needsScheduling(p as unknown as Pod)));
  if (pending.length === 0) {
    // Deleted pods leave the queue and take their records with them.
    if (state.scheduler) api.remember(forgetGone);
    return;
  }
  const queue = restoreQueue(api, pending);
  const memory = schedulerMemory(state);
  const records: SchedulingRecord[] = [];
  const cursor = { nextStartNodeIndex: memory.nextStartNodeIndex };
  if (queue.activeLength > 0) {
    const byKey = new Map(pending.map((p) => [keyOf(p), p]));
    const client = new Client(api, undefined, "scheduler");
    const snapshot = new Snapshot({
      nodes: listObjects(state, "", "nodes") as unknown as Node[],
      // Every pod: bound ones count on their node, nominated ones (preemption's reservations)
      // are honoured by later cycles; the snapshot skips finished pods itself.
      pods: pods as unknown as Pod[],
      namespaceLabels: new Map(
        listObjects(state, "", "namespaces").map((n) => [n.metadata.name ?? "", n.metadata.labels]),
      ),
    });
    const framework = newFramework();
    // Seeded from the sandbox seed and time: repeatable, yet ties do not always break the same way.
    const rng = Rng.fromSeed(`${state.seed}/scheduler/${api.now}/${state.store.revision}`);
    for (let queued = queue.pop(); queued; queued = queue.pop()) {
      const cycle = queue.schedulingCycle;
      const pod = byKey.get(queued.podInfo.key)!;
      const outcome = scheduleOne({
        pod: pod as unknown as Pod,
        framework,
        snapshot,
        rng,
        cursor,
        timeMs: api.now,
      });
      sink?.(outcome.record);
      records.push(outcome.record);
      if (outcome.kind === "Scheduled") {
        if (!bindPod(client, pod, outcome.nodeName, outcome.record)) {
          // The binding failed (the pod changed or went): forget the assumption, retry later.
          snapshot.removePod(queued.podInfo.key);
          queue.addUnschedulable(queued, cycle);
        }
        continue;
      }
      if (outcome.victims.length > 0 && outcome.nominatedNodeName) {
        preempt(client, outcome.victims, outcome.nominatedNodeName);
        // The victims' deletion is an AssignedPodDelete event: the preemptor backs off (1 s)
        // instead of waiting in unschedulablePods.
        queue.moveAllToActiveOrBackoff();
      }
      markUnschedulable(client, pod, outcome.message, outcome.nominatedNodeName);
      const plugins = new Set(outcome.record.rejected.map((r) => r.plugin));
      for (const v of outcome.record.preFilter) {
        if (v.code !== Code.Success && v.code !== Code.Skip) plugins.add(v.plugin);
      }
      queue.addUnschedulable(queued, cycle, plugins);
    }
  }
  const parked: Record<string, ParkedPod> = {};
  for (const { info, parked: where } of queue.parked()) {
    parked[info.podInfo.key] = {
      uid: info.podInfo.uid,
      attempts: info.attempts,
      timestamp: info.timestamp,
      parked: where,
      plugins: [...info.unschedulablePlugins].sort(),
    };
  }
  api.remember((s) =>
    rememberRun(s, {
      records,
      nextStartNodeIndex: cursor.nextStartNodeIndex,
      queue: parked,
      seenRevision: s.store.revision,
    }),
  );
}

export function schedulerLoop(active?: ActiveCheck, sink?: RecordSink): ControlLoop {
  return {
    name: "kube-scheduler",
    user: SCHEDULER_USER,
    // Its informers: pods, nodes and namespaces (the snapshot's namespace labels). With pods
    // parked its memory notes the revision it has seen, so it is never quiet then.
    watches: [watchPrefix("", "pods"), watchPrefix("", "nodes"), watchPrefix("", "namespaces")],
    memoryOf: (state) => state.scheduler,
    ...(active ? { active } : {}),
    run(api) {
      if (active && !active(api.state(), api.now)) return;
      runScheduler(api, sink);
    },
  };
}
