// The kubelet's per-pod "nothing due before T". A sync of a settled pod - started, with its
// IP, every container running, finished or waiting out a crash back-off - depends only on
// the pod, its node and the time, and it changes with time only at the instants stepContainer
// and the readiness probe report (wakeAt). So once a sync of a pod wrote nothing, syncing
// the same pod object on the same node object before that instant writes nothing either:
// the kubelet skips it, as a real kubelet's pod worker sleeps until its next resync.
// Keyed by the decoded objects, which the decode cache shares while their stored value and
// revision stay the same: a changed pod or node is a new object and is synced again.

import type { KubeObject } from "../apiserver/object";
import { asArray, asObj, asString } from "../controllers/shared/fields";

interface QuietPod {
  node: KubeObject;
  from: number;
  until: number;
}

const quiet = new WeakMap<KubeObject, QuietPod>();
let skipping = true;

/** Turns the skipping off (tests compare against syncing every pod every time). */
export function setPodSkipping(on: boolean): void {
  skipping = on;
}

/** True when syncing `pod` on `node` at `now` is known to write nothing. */
export function podQuiet(pod: KubeObject, node: KubeObject, now: number): QuietPod | undefined {
  if (!skipping) return undefined;
  const q = quiet.get(pod);
  return q && q.node === node && now >= q.from && now < q.until ? q : undefined;
}

/**
 * Whether a sync's outcome depends on nothing but the pod, its node and the time: a pod not
 * yet started (kubelet admission counts the node's pods), without an IP (allocation looks at
 * its neighbours) or pulling an image (the images other pods pulled in the same sync) is not.
 */
function settled(pod: KubeObject): boolean {
  const status = asObj(pod.status);
  if (pod.metadata.deletionTimestamp || !status.startTime) return false;
  if (!status.podIP && !asObj(pod.spec).hostNetwork) return false;
  return asArray(status.containerStatuses).every((s) => {
    const state = asObj(s.state);
    if (state.running || state.terminated) return true;
    return asString(asObj(state.waiting).reason) === "CrashLoopBackOff";
  });
}

/**
 * Moves the notes of `pods` taken on `from` to `to`: the kubelet's own node status update that
 * only added pulled images (and its heartbeat) changes nothing a settled pod's sync reads.
 */
export function carryPodNotes(pods: readonly KubeObject[], from: KubeObject, to: KubeObject): void {
  for (const pod of pods) {
    const q = quiet.get(pod);
    if (q && q.node === from) quiet.set(pod, { ...q, node: to });
  }
}

/** Notes a sync of `pod` on `node` at `now` that wrote nothing, due again at `until`. */
export function notePodQuiet(pod: KubeObject, node: KubeObject, now: number, until: number): void {
  if (until > now && settled(pod)) quiet.set(pod, { node, from: now, until });
}
