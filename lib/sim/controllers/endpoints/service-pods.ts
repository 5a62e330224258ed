// What the Endpoints and EndpointSlice controllers both compute for a Service: the
// pods its selector picks (with an IP, not finished) and its ports resolved
// against each pod (a named targetPort looks up the container port by name).

import type { KubeObject } from "../../apiserver/object";
import { listObjects } from "../shared/cache";
import { asArray, asNumber, asObj, asString, type Obj } from "../shared/fields";
import { isPodReady, podPhase } from "../shared/pods";
import type { SandboxState } from "../../state";

export interface ServiceEndpoint {
  pod: KubeObject;
  ip: string;
  nodeName: string;
  ready: boolean;
  terminating: boolean;
}

export function selectedPods(state: SandboxState, svc: KubeObject): ServiceEndpoint[] | undefined {
  const selector = asObj(asObj(svc.spec).selector) as Record<string, string>;
  if (!asObj(svc.spec).selector || Object.keys(selector).length === 0) return undefined;
  return listObjects(state, "", "pods", svc.metadata.namespace)
    .filter((p) => Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v))
    .filter((p) => asString(asObj(p.status).podIP) !== "")
    .filter((p) => podPhase(p) !== "Succeeded" && podPhase(p) !== "Failed")
    .map((pod) => ({
      pod,
      ip: asString(asObj(pod.status).podIP),
      nodeName: asString(asObj(pod.spec).nodeName),
      ready: isPodReady(pod) && !pod.metadata.deletionTimestamp,
      terminating: !!pod.metadata.deletionTimestamp,
    }));
}

export function resolvePort(port: Obj, pod: KubeObject): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === "number") return target;
  const byName = asArray(asObj(pod.spec).containers)
    .flatMap((c) => asArray(c.ports))
    .find((p) => p.name === target && (p.protocol ?? "TCP") === (port.protocol ?? "TCP"));
  return byName ? asNumber(byName.containerPort) : Number(target) || undefined;
}

export function targetRef(pod: KubeObject): Obj {
  return {
    kind: "Pod",
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
  };
}
