// Subresources with their own shape: scale (autoscaling/v1 Scale over
// spec.replicas), binding (the scheduler's bind of a pod to a node) and eviction
// (policy/v1 Eviction, a delete that honours grace periods).

import { type ManagerRef, updateManagedFields } from "../apply/managed-fields";
import { keepSpecJsonWithKey } from "./managed-fields-json";
import { formatTime } from "../../clock";
import { newBadRequest, newConflict } from "../errors";
import type { KubeObject } from "../object";
import type { ResourceInfo } from "../resources/resource-info";
import type { RequestContext } from "./context";
import { deleteResource } from "./rest-delete";
import { applyPatch } from "./patch";
import { getObject, groupResource, listObjects, updateObject } from "./storage";
import { canIgnoreBudget, guardingBudget, spendBudget } from "../policy/eviction-budget";
import type { UserInfo } from "./types";

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};

function selectorString(obj: KubeObject): string {
  const sel = asObj(asObj(obj.spec).selector);
  const labels = asObj(sel.matchLabels);
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${String(labels[k])}`);
  for (const e of (sel.matchExpressions as Obj[] | undefined) ?? []) {
    const values = ((e.values as string[] | undefined) ?? []).join(",");
    const op = String(e.operator);
    if (op === "In") parts.push(`${String(e.key)} in (${values})`);
    else if (op === "NotIn") parts.push(`${String(e.key)} notin (${values})`);
    else if (op === "Exists") parts.push(String(e.key));
    else if (op === "DoesNotExist") parts.push(`!${String(e.key)}`);
  }
  return parts.join(",");
}

export function scaleOf(obj: KubeObject): KubeObject {
  const spec = asObj(obj.spec);
  const status = asObj(obj.status);
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: typeof spec.replicas === "number" ? spec.replicas : 0 },
    status: {
      replicas: typeof status.replicas === "number" ? status.replicas : 0,
      selector: selectorString(obj),
    },
  };
}

/** PUT/PATCH .../scale: only spec.replicas of the parent changes. */
export function updateScale(
  ctx: RequestContext,
  info: ResourceInfo,
  namespace: string,
  name: string,
  method: "PUT" | "PATCH",
  body: unknown,
  contentType: string | undefined,
  manager?: ManagerRef,
): KubeObject {
  const parent = getObject(ctx, info, namespace, name);
  const current = scaleOf(parent);
  const wanted = asObj(
    method === "PATCH" ? applyPatch(structuredClone(current), body, contentType) : body,
  );
  const meta = asObj(wanted.metadata);
  if (
    typeof meta.resourceVersion === "string" &&
    meta.resourceVersion !== "" &&
    meta.resourceVersion !== parent.metadata.resourceVersion
  ) {
    throw newConflict(
      groupResource(info),
      name,
      "the object has been modified; please apply your changes to the latest version and try again",
    );
  }
  const replicas = asObj(wanted.spec).replicas;
  if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0) {
    throw newBadRequest(
      `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${String(replicas)}: must be greater than or equal to 0`,
    );
  }
  if (replicas === asObj(parent.spec).replicas) return current;
  const gen = parent.metadata.generation ?? 1;
  let next: KubeObject = {
    ...parent,
    metadata: { ...parent.metadata, generation: gen + 1 },
    spec: { ...asObj(parent.spec), replicas },
  };
  // The scale subresource's writer owns .spec.replicas of the parent (ScaleHandler).
  if (manager) {
    next = updateManagedFields({
      old: parent,
      next,
      ref: { ...manager, subresource: "scale" },
      now: ctx.now,
      resetStatus: true,
    });
  }
  return scaleOf(updateObject(ctx, info, next, Number(parent.metadata.resourceVersion)));
}

/** POST pods/<name>/binding: sets spec.nodeName once and marks the pod scheduled. */
export function bindPod(
  ctx: RequestContext,
  info: ResourceInfo,
  namespace: string,
  name: string,
  body: unknown,
) {
  const binding = asObj(body);
  const target = asObj(binding.target);
  const node = typeof target.name === "string" ? target.name : "";
  if (!node) throw newBadRequest(`Binding.core "${name}" is invalid: target.name: Required value`);
  const pod = getObject(ctx, info, namespace, name);
  if (pod.metadata.deletionTimestamp) {
    throw newConflict(
      groupResource(info),
      name,
      `pod ${name} is being deleted, cannot be assigned to a host`,
    );
  }
  const spec = asObj(pod.spec);
  if (spec.nodeName) {
    throw newConflict(
      groupResource(info),
      name,
      `pod ${name} is already assigned to node "${String(spec.nodeName)}"`,
    );
  }
  const status = asObj(pod.status);
  const conditions = ((status.conditions as Obj[] | undefined) ?? []).filter(
    (c) => c.type !== "PodScheduled",
  );
  conditions.push({
    type: "PodScheduled",
    status: "True",
    lastProbeTime: null,
    lastTransitionTime: formatTime(ctx.now),
  });
  // Object.assign, not spreads: a spread adding a key (nodeName, a first condition) is a V8
  // slow path (~5 µs); the keys come out in the same order.
  const boundSpec = Object.assign({}, spec, { nodeName: node });
  const next: KubeObject = Object.assign({}, pod, {
    spec: boundSpec,
    status: Object.assign({}, status, { conditions }),
  });
  // The bound spec's JSON is the stored spec's plus nodeName (no second stringify of it).
  keepSpecJsonWithKey(spec, boundSpec, "nodeName");
  updateObject(ctx, info, next, Number(pod.metadata.resourceVersion));
  ctx.trace.record({
    from: "kube-apiserver",
    to: "etcd",
    action: "bind",
    detail: `${namespace}/${name} → ${node}`,
  });
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 };
}

/**
 * POST pods/<name>/eviction. PodDisruptionBudgets are not simulated, so an
 * eviction is always allowed and deletes the pod gracefully.
 */
/** podutil.UpdatePodCondition with DisruptionTarget/EvictionByEvictionAPI. */
function withDisruptionTarget(pod: KubeObject, now: number): KubeObject {
  const status = asObj(pod.status);
  const conditions = ((status.conditions as Obj[] | undefined) ?? []).filter(
    (c) => c.type !== "DisruptionTarget",
  );
  const prev = ((status.conditions as Obj[] | undefined) ?? []).find(
    (c) => c.type === "DisruptionTarget",
  );
  conditions.push({
    type: "DisruptionTarget",
    status: "True",
    lastProbeTime: null,
    lastTransitionTime: prev?.status === "True" ? prev.lastTransitionTime : formatTime(now),
    reason: "EvictionByEvictionAPI",
    message: "Eviction API: evicting",
  });
  return { ...pod, status: { ...status, conditions } };
}

export function evictPod(
  ctx: RequestContext,
  info: ResourceInfo,
  namespace: string,
  name: string,
  body: unknown,
  user: UserInfo,
) {
  const eviction = asObj(body);
  const opts = asObj(eviction.deleteOptions);
  const pod = getObject(ctx, info, namespace, name);
  // PodDisruptionBudgets guard running pods only (canIgnorePDB); the budget is spent with a
  // compare-and-swap on the PDB before the pod is deleted, as eviction.go does.
  const pdbInfo = ctx.registry().preferred("policy", "poddisruptionbudgets");
  if (pdbInfo && !canIgnoreBudget(pod)) {
    const pdbs = listObjects(ctx, pdbInfo, namespace, {}).items;
    const pdb = guardingBudget(pod, pdbs);
    const spent = pdb ? spendBudget(pod, pdb, ctx.now) : undefined;
    if (pdb && spent) updateObject(ctx, pdbInfo, spent, Number(pdb.metadata.resourceVersion));
  }
  // addConditionAndDeletePod (PodDisruptionConditions, on by default in 1.28): the pod is
  // marked DisruptionTarget before it is deleted, so its owner can tell why it went away.
  updateObject(ctx, info, withDisruptionTarget(pod, ctx.now), Number(pod.metadata.resourceVersion));
  deleteResource(ctx, {
    info,
    namespace,
    name,
    options:
      typeof opts.gracePeriodSeconds === "number"
        ? { gracePeriodSeconds: opts.gracePeriodSeconds }
        : {},
    user,
    dryRun: false,
  });
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 };
}

/**
 * GET pods/<name>/log (LogLocation in the pod registry): the container must be
 * named when the pod has several, and the pod must be on a node.
 */
export function podLog(
  ctx: RequestContext,
  info: ResourceInfo,
  namespace: string,
  name: string,
  query: URLSearchParams,
): string {
  const pod = getObject(ctx, info, namespace, name);
  const spec = asObj(pod.spec);
  const containers = ((spec.containers as Obj[] | undefined) ?? []).map((c) => String(c.name));
  const inits = ((spec.initContainers as Obj[] | undefined) ?? []).map((c) => String(c.name));
  let container = query.get("container") ?? "";
  if (!container) {
    if (containers.length === 1) container = containers[0]!;
    else {
      const choices = `[${containers.join(" ")}]`;
      const initText = inits.length ? ` or one of the init containers: [${inits.join(" ")}]` : "";
      throw newBadRequest(
        `a container name must be specified for pod ${name}, choose one of: ${choices}${initText}`,
      );
    }
  }
  if (!containers.includes(container) && !inits.includes(container)) {
    throw newBadRequest(`container ${container} is not valid for pod ${name}`);
  }
  if (!spec.nodeName) throw newBadRequest(`pod ${name} does not have a host assigned`);
  return ctx.plugins.podLog ? ctx.plugins.podLog(pod, container, query, ctx.now) : "";
}
