// Pod facts every controller asks: active, ready, available.

import type { KubeObject } from "../../apiserver/object";
import { parseTime } from "../../clock";
import { asArray, asObj } from "./fields";
import type { LabelSelector } from "../../scheduler/api-types";
import { compileLabelSelector } from "../../scheduler/framework/label-matcher";

export const podPhase = (pod: KubeObject): string => String(asObj(pod.status).phase ?? "Pending");

/** controller.IsPodActive: not finished, not being deleted. */
export function isPodActive(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase !== "Succeeded" && phase !== "Failed" && !pod.metadata.deletionTimestamp;
}

function readyCondition(pod: KubeObject) {
  return asArray(asObj(pod.status).conditions).find((c) => c.type === "Ready");
}

export function isPodReady(pod: KubeObject): boolean {
  return readyCondition(pod)?.status === "True";
}

/** Ready for at least minReadySeconds at `now`. */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  const c = readyCondition(pod);
  if (c?.status !== "True") return false;
  if (minReadySeconds <= 0) return true;
  const since = parseTime(String(c.lastTransitionTime ?? ""));
  return Number.isFinite(since) && since + minReadySeconds * 1000 <= now;
}

/**
 * isPodAvailable that also asks to be woken when a Ready pod's minReadySeconds end: the
 * count of available pods changes then without any write (the real controllers requeue
 * the owner with AddAfter for the same reason).
 */
export function availableOrWake(
  pod: KubeObject,
  minReadySeconds: number,
  now: number,
  wakeAt: (at: number) => void,
): boolean {
  if (isPodAvailable(pod, minReadySeconds, now)) return true;
  const c = readyCondition(pod);
  if (c?.status === "True") {
    const since = parseTime(String(c.lastTransitionTime ?? ""));
    if (Number.isFinite(since)) wakeAt(since + minReadySeconds * 1000);
  }
  return false;
}

/** A metav1.LabelSelector as a predicate (nil selects nothing, {} everything). */
export function selectorMatcher(selector: unknown): (obj: KubeObject) => boolean {
  const m = compileLabelSelector(
    selector === undefined || selector === null ? null : (selector as LabelSelector),
  );
  return (obj) => m.matches(obj.metadata.labels);
}
