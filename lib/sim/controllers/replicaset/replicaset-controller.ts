// The ReplicaSet controller (pkg/controller/replicaset): keep spec.replicas active
// pods matching the selector; adopt matching orphans, create from the template with
// generateName "<rs>-", delete the least valuable pods first, publish status.

import type { KubeObject } from "../../apiserver/object";
import type { ActiveCheck, ControllerContext } from "../shared/controller";
import { controllerLoop, splitKey } from "../shared/controller";
import { getObject, keyOf, listObjects, watchPrefix } from "../shared/cache";
import { Client } from "../shared/client";
import { recordEvent } from "../shared/events";
import { asArray, asNumber, asObj, jsonEqual } from "../shared/fields";
import { controlledIn, controllerRef, isControlledBy, newControllerRef } from "../shared/owners";
import {
  availableOrWake,
  isPodActive,
  isPodReady,
  podPhase,
  selectorMatcher,
} from "../shared/pods";
import type { ControlLoop } from "../../engine";

const SOURCE = { component: "replicaset-controller" };
/** controller.BurstReplicas: at most this many creates/deletes per sync. */
export const BURST_REPLICAS = 500;

/** The pods an owner (ReplicaSet, Job...) controls in its namespace, adopting orphans. */
export function claimPods(
  ctx: ControllerContext,
  owner: KubeObject,
  selector: unknown,
): KubeObject[] {
  const matches = selectorMatcher(selector);
  const out: KubeObject[] = [];
  for (const pod of listObjects(ctx.state(), "", "pods", owner.metadata.namespace)) {
    if (isControlledBy(pod, owner)) {
      if (matches(pod)) out.push(pod);
      continue;
    }
    if (controllerRef(pod) || pod.metadata.deletionTimestamp || !matches(pod)) continue;
    if (owner.metadata.deletionTimestamp) continue;
    // Adoption: an orphan whose labels match becomes ours (the ControllerRefManager's patch).
    const r = ctx.client.mergePatch("", "pods", pod.metadata.namespace, pod.metadata.name ?? "", {
      metadata: {
        ownerReferences: [...(pod.metadata.ownerReferences ?? []), newControllerRef(owner)],
        uid: pod.metadata.uid,
      },
    });
    const adopted = Client.objectOf(r);
    if (adopted) out.push(adopted);
  }
  return out;
}

/**
 * Pods created from a template: labels/annotations copied, controllerRef set, generateName
 * prefix. The spec is the template's own (read-only, like every decoded object): the API server
 * never changes a create's body (create-body-ownership.test.ts) and stores its own defaulted
 * copy, so a copy per pod here would be a second one. Callers build a new spec to change it.
 */
export function podFromTemplate(owner: KubeObject, template: unknown, prefix: string): KubeObject {
  const t = asObj(template);
  const meta = asObj(t.metadata);
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: prefix,
      namespace: owner.metadata.namespace,
      ...(meta.labels ? { labels: { ...(meta.labels as Record<string, string>) } } : {}),
      ...(meta.annotations
        ? { annotations: { ...(meta.annotations as Record<string, string>) } }
        : {}),
      ownerReferences: [newControllerRef(owner)],
    },
    spec: asObj(t.spec),
  };
}

/** ActivePodsWithRanks ordering: the pod deleted first sorts first. */
export function deletionOrder(a: KubeObject, b: KubeObject): number {
  const assigned = (p: KubeObject) => (asObj(p.spec).nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const rank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
  const ra = rank[podPhase(a)] ?? 0;
  const rb = rank[podPhase(b)] ?? 0;
  if (ra !== rb) return ra - rb;
  const ready = (p: KubeObject) => (isPodReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  const restarts = (p: KubeObject) =>
    asArray(asObj(p.status).containerStatuses).reduce((n, c) => n + asNumber(c.restartCount), 0);
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const ca = a.metadata.creationTimestamp ?? "";
  const cb = b.metadata.creationTimestamp ?? "";
  if (ca !== cb) return ca < cb ? 1 : -1;
  return (a.metadata.name ?? "") < (b.metadata.name ?? "") ? 1 : -1;
}

function syncReplicaSet(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const rs = getObject(ctx.state(), "apps", "replicasets", ns, name);
  if (!rs) return;
  const spec = asObj(rs.spec);
  const pods = claimPods(ctx, rs, spec.selector);
  const active = pods.filter(isPodActive);
  if (!rs.metadata.deletionTimestamp) {
    const want = asNumber(spec.replicas, 1);
    const diff = active.length - want;
    if (diff < 0) {
      const n = Math.min(-diff, BURST_REPLICAS);
      for (let i = 0; i < n; i++) {
        const r = ctx.client.create("", "pods", podFromTemplate(rs, spec.template, `${name}-`));
        const pod = Client.objectOf(r);
        if (pod) {
          recordEvent(ctx.client, SOURCE, {
            involved: rs,
            type: "Normal",
            reason: "SuccessfulCreate",
            message: `Created pod: ${pod.metadata.name}`,
          });
        } else {
          const msg = r.kind === "status" ? r.body.message : `code ${r.code}`;
          recordEvent(ctx.client, SOURCE, {
            involved: rs,
            type: "Warning",
            reason: "FailedCreate",
            message: `Error creating: ${msg}`,
          });
          break; // slow start: stop after the first failure
        }
      }
    } else if (diff > 0) {
      const victims = [...active].sort(deletionOrder).slice(0, Math.min(diff, BURST_REPLICAS));
      for (const pod of victims) {
        const r = ctx.client.delete("", "pods", ns, pod.metadata.name ?? "");
        if (r.code < 400)
          recordEvent(ctx.client, SOURCE, {
            involved: rs,
            type: "Normal",
            reason: "SuccessfulDelete",
            message: `Deleted pod: ${pod.metadata.name}`,
          });
      }
    }
  }
  updateStatus(ctx, ns, name);
}

function updateStatus(ctx: ControllerContext, ns: string, name: string): void {
  const rs = getObject(ctx.state(), "apps", "replicasets", ns, name);
  if (!rs) return;
  const spec = asObj(rs.spec);
  const minReady = asNumber(spec.minReadySeconds);
  const labels = asObj(asObj(spec.template).metadata).labels as Record<string, string> | undefined;
  const active = listObjects(ctx.state(), "", "pods", ns).filter(
    (p) => isControlledBy(p, rs) && isPodActive(p),
  );
  const fully = active.filter((p) =>
    Object.entries(labels ?? {}).every(([k, v]) => p.metadata.labels?.[k] === v),
  ).length;
  const ready = active.filter(isPodReady).length;
  const available = active.filter((p) => availableOrWake(p, minReady, ctx.now, ctx.wakeAt)).length;
  const old = asObj(rs.status);
  const status: Record<string, unknown> = {
    replicas: active.length,
    ...(fully ? { fullyLabeledReplicas: fully } : {}),
    ...(ready ? { readyReplicas: ready } : {}),
    ...(available ? { availableReplicas: available } : {}),
    observedGeneration: rs.metadata.generation ?? 1,
    ...(old.conditions ? { conditions: old.conditions } : {}),
  };
  if (jsonEqual(status, old)) return;
  ctx.client.updateStatus("apps", "replicasets", { ...rs, status });
}

function keys(ctx: ControllerContext): string[] {
  const state = ctx.state();
  const out = listObjects(state, "apps", "replicasets").map(keyOf);
  // Pods whose owner disappeared or whose labels changed requeue nothing: the RS list covers them.
  return out;
}

/**
 * What a ReplicaSet's sync reads (and time: minReadySeconds, a wake): the ReplicaSet, the
 * pods it controls and the namespace's orphans (claimPods adopts a matching one - a write,
 * after which no note is taken); pods of other controllers are no news to it.
 */
export function replicaSetInputs(ctx: ControllerContext, key: string): unknown[] | undefined {
  const [ns, name] = splitKey(key);
  const state = ctx.state();
  const rs = getObject(state, "apps", "replicasets", ns, name);
  if (!rs) return undefined;
  const pods = listObjects(state, "", "pods", ns);
  return [rs, ...controlledIn(pods, rs.metadata.uid), ...controlledIn(pods, undefined)];
}

export function replicaSetController(active?: ActiveCheck): ControlLoop {
  return controllerLoop(
    {
      name: "replicaset-controller",
      serviceAccount: "replicaset-controller",
      watches: [watchPrefix("apps", "replicasets"), watchPrefix("", "pods")],
      keys,
      reconcile: syncReplicaSet,
      inputs: replicaSetInputs,
    },
    active,
  );
}
