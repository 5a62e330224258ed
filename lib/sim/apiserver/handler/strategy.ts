// Per-kind storage rules (the "strategies" of kube-apiserver's registries):
// what create resets, when generation moves, how status and spec are kept apart,
// and how graceful deletion works for pods and namespaces.

import { formatTime } from "../../clock";
import { applyDefaults } from "../admission/defaults";
import { copyForAdding } from "../../json-value";
import type { KubeObject } from "../object";
import type { ResourceInfo } from "../resources/resource-info";

/** Resources whose strategy maintains metadata.generation (spec changes bump it). */
const GENERATION_RESOURCES = new Set([
  "apps/deployments",
  "apps/replicasets",
  "apps/daemonsets",
  "apps/statefulsets",
  "batch/jobs",
  "batch/cronjobs",
  "networking.k8s.io/ingresses",
  "networking.k8s.io/networkpolicies",
  "apiextensions.k8s.io/customresourcedefinitions",
  "policy/poddisruptionbudgets",
]);

export function tracksGeneration(info: ResourceInfo): boolean {
  return info.custom === true || GENERATION_RESOURCES.has(`${info.group}/${info.resource}`);
}

export function hasStatusSubresource(info: ResourceInfo): boolean {
  return info.subresources.some((s) => s.name === "status");
}

type Obj = Record<string, unknown>;

function asObj(v: unknown): Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};
}

/** Kubernetes' QoS class: BestEffort, Guaranteed or Burstable (pkg/apis/core/helper/qos). */
export function podQosClass(pod: KubeObject): string {
  const spec = asObj(pod.spec);
  const containers = [
    ...((spec.containers as unknown[]) ?? []),
    ...((spec.initContainers as unknown[]) ?? []),
  ].map(asObj);
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const res = asObj(c.resources);
    const req = asObj(res.requests);
    const lim = asObj(res.limits);
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ["cpu", "memory"]) {
      if (lim[r] === undefined) guaranteed = false;
      else if (req[r] !== undefined && String(req[r]) !== String(lim[r])) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

/** PrepareForCreate: status starts empty (pods: Pending), namespaces get their finalizer. */
export function prepareForCreate(info: ResourceInfo, obj: KubeObject): KubeObject {
  // Key-by-key copies (copyForAdding): status and generation are usually added to them.
  const out: KubeObject = copyForAdding(obj);
  if (tracksGeneration(info)) {
    out.metadata = copyForAdding(out.metadata);
    out.metadata.generation = 1;
  }
  const key = `${info.group}/${info.resource}`;
  if (key === "/pods") {
    out.status = { phase: "Pending", qosClass: podQosClass(out) };
  } else if (key === "/namespaces") {
    out.spec = { ...asObj(out.spec), finalizers: ["kubernetes"] };
    out.status = { phase: "Active" };
  } else if (key === "/services") {
    out.status = { loadBalancer: {} };
  } else if (key === "policy/poddisruptionbudgets") {
    // PodDisruptionBudgetStatus{}: its four counters have no omitempty.
    out.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  } else if (info.custom && hasStatusSubresource(info)) {
    delete out.status;
  } else if (hasStatusSubresource(info) && key !== "/nodes" && key !== "/persistentvolumes") {
    out.status = {};
  }
  if (key === "apps/daemonsets")
    out.metadata = withTemplateGeneration(out, templateGeneration(out));
  return out;
}

/**
 * A DaemonSet's spec.templateGeneration (internal API) is what apps/v1 shows as the
 * deprecated.daemonset.template.generation annotation: 1 on create, +1 whenever an update
 * changes the pod template; clients cannot set it on update.
 */
export const TEMPLATE_GENERATION = "deprecated.daemonset.template.generation";

function templateGeneration(obj: KubeObject): number {
  const n = Number(obj.metadata.annotations?.[TEMPLATE_GENERATION]);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

function withTemplateGeneration(obj: KubeObject, gen: number): KubeObject["metadata"] {
  return {
    ...obj.metadata,
    annotations: { ...obj.metadata.annotations, [TEMPLATE_GENERATION]: String(gen) },
  };
}

const templateOf = (obj: KubeObject) => JSON.stringify(asObj(obj.spec).template ?? null);

function specOf(obj: KubeObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  void _m;
  void _s;
  void _a;
  void _k;
  return JSON.stringify(rest);
}

/**
 * PrepareForUpdate: a main-resource update keeps the stored status, a status
 * update keeps everything but status; generation grows when the spec changed.
 */
export function prepareForUpdate(
  info: ResourceInfo,
  next: KubeObject,
  old: KubeObject,
  subresource: string,
): KubeObject {
  let out: KubeObject;
  if (subresource === "status") {
    out = { ...old, metadata: { ...old.metadata, resourceVersion: next.metadata.resourceVersion } };
    // deploymentStatusStrategy keeps only spec and labels: the deployment controller sets
    // deployment.kubernetes.io/revision through deployments/status.
    if (info.group === "apps" && info.resource === "deployments") {
      const annotations = next.metadata.annotations;
      if (annotations) out.metadata.annotations = annotations;
      else delete out.metadata.annotations;
    }
    if (next.status === undefined) delete out.status;
    else out.status = next.status;
  } else {
    out = { ...next };
    if (hasStatusSubresource(info)) {
      if (old.status === undefined) delete out.status;
      else out.status = old.status;
    }
  }
  // System fields are the server's: they never come from the client on update.
  const meta = { ...out.metadata };
  meta.uid = old.metadata.uid;
  meta.creationTimestamp = old.metadata.creationTimestamp;
  if (old.metadata.deletionTimestamp) meta.deletionTimestamp = old.metadata.deletionTimestamp;
  else delete meta.deletionTimestamp;
  if (old.metadata.deletionGracePeriodSeconds !== undefined)
    meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
  else delete meta.deletionGracePeriodSeconds;
  if (tracksGeneration(info)) {
    const gen = old.metadata.generation ?? 1;
    meta.generation = subresource === "" && specOf(out) !== specOf(old) ? gen + 1 : gen;
  } else if (old.metadata.generation !== undefined) {
    meta.generation = old.metadata.generation;
  } else {
    delete meta.generation;
  }
  out.metadata = meta;
  if (info.group === "apps" && info.resource === "daemonsets" && subresource === "") {
    // Compared as decoding leaves it: the stored template is defaulted, the body may not be.
    const next = applyDefaults(out, info, { decodeOnly: true });
    const gen = templateGeneration(old) + (templateOf(next) !== templateOf(old) ? 1 : 0);
    out.metadata = withTemplateGeneration(out, gen);
  }
  return out;
}

/**
 * The grace period a delete gets (CheckGracefulDelete): pods default to their
 * terminationGracePeriodSeconds, but an unscheduled or finished pod goes at once.
 */
export function gracePeriodSeconds(
  info: ResourceInfo,
  obj: KubeObject,
  requested: number | undefined,
): number {
  if (info.group !== "" || info.resource !== "pods") return 0;
  const spec = asObj(obj.spec);
  const phase = asObj(obj.status).phase;
  if (!spec.nodeName || phase === "Succeeded" || phase === "Failed") return 0;
  if (requested !== undefined) return Math.max(0, requested);
  const fromSpec = spec.terminationGracePeriodSeconds;
  return typeof fromSpec === "number" ? fromSpec : 30;
}

/** Pods answer a delete with the object; most kinds with a Status (ReturnDeletedObject). */
export function returnsDeletedObject(info: ResourceInfo): boolean {
  return info.group === "" && info.resource === "pods";
}

/** Namespace deletion: Terminating until the namespace controller empties it and drops the finalizer. */
export function markNamespaceTerminating(obj: KubeObject, now: number): KubeObject {
  return {
    ...obj,
    metadata: { ...obj.metadata, deletionTimestamp: formatTime(now) },
    status: { ...asObj(obj.status), phase: "Terminating" },
  };
}
