// The pod-level status the kubelet publishes: phase from the containers, the four
// conditions (Initialized, Ready, ContainersReady, PodScheduled), IPs and start time.

import { formatTime } from "../clock";
import { asArray, asObj, asString, type Obj } from "../controllers/shared/fields";
import { containerReady } from "./container-status";

export function podPhaseFrom(statuses: Obj[], restartPolicy: string): string {
  const states = statuses.map((s) => asObj(s.state));
  if (states.some((s) => s.running)) return "Running";
  const waiting = states.filter((s) => s.waiting);
  const creating = waiting.some((s) => {
    const r = asString(asObj(s.waiting).reason);
    return r === "ContainerCreating" || r === "ErrImagePull" || r === "ImagePullBackOff";
  });
  if (creating) return "Pending";
  if (waiting.length > 0) return "Running"; // CrashLoopBackOff: the pod keeps running
  const codes = states.map((s) => Number(asObj(s.terminated).exitCode ?? 0));
  if (codes.every((c) => c === 0)) return "Succeeded";
  return restartPolicy === "Never" ? "Failed" : "Running";
}

export interface PodStatusInput {
  oldStatus: Obj;
  containers: Obj[];
  statuses: Obj[];
  restartPolicy: string;
  podIP: string;
  hostIP: string;
  startTime: number;
  now: number;
}

export function buildPodStatus(input: PodStatusInput): Obj {
  const stamp = formatTime(input.now);
  const phase = podPhaseFrom(input.statuses, input.restartPolicy);
  const allReady =
    phase === "Running" &&
    input.statuses.every((s, i) => containerReady(s, input.containers[i]!, input.now));
  const statuses: Obj[] = input.statuses.map((s, i) => ({
    ...s,
    ready: containerReady(s, input.containers[i]!, input.now),
  }));
  const notReady = statuses.filter((s) => !s.ready).map((s) => asString(s.name));
  const oldConds = asArray(input.oldStatus.conditions);
  // Optional keys assigned in their order, not spread from temporary objects (a status per
  // pod sync; same keys, same order).
  const cond = (type: string, ok: boolean, reason?: string, message?: string) => {
    const old = oldConds.find((c) => c.type === type);
    const status = ok ? "True" : "False";
    const out: Obj = {
      lastProbeTime: null,
      lastTransitionTime: old && old.status === status ? old.lastTransitionTime : stamp,
    };
    if (message) out.message = message;
    if (reason) out.reason = reason;
    out.status = status;
    out.type = type;
    return out;
  };
  const completed = phase === "Succeeded" || phase === "Failed";
  const readyReason = completed ? "PodCompleted" : "ContainersNotReady";
  const readyMessage = completed
    ? undefined
    : `containers with unready status: [${notReady.join(" ")}]`;
  const scheduled = oldConds.find((c) => c.type === "PodScheduled") ?? cond("PodScheduled", true);
  const out: Obj = {
    conditions: [
      completed ? cond("Initialized", true, "PodCompleted") : cond("Initialized", true),
      allReady ? cond("Ready", true) : cond("Ready", false, readyReason, readyMessage),
      allReady
        ? cond("ContainersReady", true)
        : cond("ContainersReady", false, readyReason, readyMessage),
      scheduled,
    ],
    containerStatuses: statuses,
    hostIP: input.hostIP,
  };
  if (input.hostIP) out.hostIPs = [{ ip: input.hostIP }];
  out.phase = phase;
  if (input.podIP) {
    out.podIP = input.podIP;
    out.podIPs = [{ ip: input.podIP }];
  }
  out.qosClass = input.oldStatus.qosClass;
  out.startTime = formatTime(input.startTime);
  return out;
}
