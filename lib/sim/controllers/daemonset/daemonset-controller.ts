// The DaemonSet controller (pkg/controller/daemon): one pod per eligible node,
// bound directly with a required node affinity on metadata.name (the scheduler
// still places it, as since 1.12), the DaemonSet tolerations added, extra pods
// removed, and the status counters `kubectl get ds` prints.

import type { KubeObject } from "../../apiserver/object";
import type { ControlLoop } from "../../engine";
import { getObject, keyOf, listObjects, watchPrefix } from "../shared/cache";
import { Client } from "../shared/client";
import type { ActiveCheck, ControllerContext } from "../shared/controller";
import { controllerLoop, splitKey } from "../shared/controller";
import { recordEvent } from "../shared/events";
import { asArray, asNumber, asObj, jsonEqual, type Obj } from "../shared/fields";
import { computeHash } from "../shared/hash";
import { isControlledBy } from "../shared/owners";
import { availableOrWake, isPodActive, isPodReady } from "../shared/pods";
import { podFromTemplate } from "../replicaset/replicaset-controller";
import { compileLabelSelector } from "../../scheduler/framework/label-matcher";

const SOURCE = { component: "daemonset-controller" };

/** util.AddOrUpdateDaemonPodTolerations: what every daemon pod tolerates. */
export const DAEMON_TOLERATIONS: Obj[] = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
];

function tolerates(tolerations: Obj[], taint: Obj): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === "Exists") return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? "") === (taint.value ?? "");
  });
}

/** nodeShouldRunDaemonPod: nodeSelector/affinity are left to the scheduler; taints decide here. */
export function shouldRun(node: KubeObject, template: Obj): boolean {
  const spec = asObj(template.spec);
  const selector = asObj(spec.nodeSelector) as Record<string, string>;
  const labels = node.metadata.labels ?? {};
  if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) return false;
  const tolerations = [...asArray(spec.tolerations), ...DAEMON_TOLERATIONS];
  return asArray(asObj(node.spec).taints)
    .filter((t) => t.effect === "NoSchedule" || t.effect === "NoExecute")
    .every((t) => tolerates(tolerations, t));
}

function daemonPod(ds: KubeObject, template: Obj, node: string, hash: string): KubeObject {
  const pod = podFromTemplate(ds, template, `${ds.metadata.name}-`);
  const spec = asObj(pod.spec);
  const tolerations = [...asArray(spec.tolerations)];
  for (const t of DAEMON_TOLERATIONS)
    if (!tolerations.some((x) => jsonEqual(x, t))) tolerations.push(t);
  pod.metadata.labels = {
    ...(pod.metadata.labels ?? {}),
    "controller-revision-hash": hash,
    "pod-template-generation": String(ds.metadata.generation ?? 1),
  };
  pod.spec = {
    ...spec,
    affinity: {
      ...asObj(spec.affinity),
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: "metadata.name", operator: "In", values: [node] }] },
          ],
        },
      },
    },
    tolerations,
  };
  return pod;
}

function nodeOfPod(pod: KubeObject): string {
  const spec = asObj(pod.spec);
  if (spec.nodeName) return String(spec.nodeName);
  const terms = asArray(
    asObj(asObj(asObj(spec.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution)
      .nodeSelectorTerms,
  );
  const values = asArray(asArray(terms[0]?.matchFields)[0]?.values);
  return String(values[0] ?? "");
}

function syncDaemonSet(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const ds = getObject(ctx.state(), "apps", "daemonsets", ns, name);
  if (!ds) return;
  const spec = asObj(ds.spec);
  const template = asObj(spec.template);
  const hash = computeHash(template);
  const matcher = compileLabelSelector(asObj(spec.selector));
  const nodes = listObjects(ctx.state(), "", "nodes");
  const pods = listObjects(ctx.state(), "", "pods", ns).filter(
    (p) => isControlledBy(p, ds) && matcher.matches(p.metadata.labels),
  );
  if (!ds.metadata.deletionTimestamp) {
    for (const node of nodes) {
      const nodeName = node.metadata.name ?? "";
      const mine = pods.filter((p) => nodeOfPod(p) === nodeName && isPodActive(p));
      const run = shouldRun(node, template);
      if (run && mine.length === 0) {
        const r = ctx.client.create("", "pods", daemonPod(ds, template, nodeName, hash));
        const pod = Client.objectOf(r);
        recordEvent(
          ctx.client,
          SOURCE,
          pod
            ? {
                involved: ds,
                type: "Normal",
                reason: "SuccessfulCreate",
                message: `Created pod: ${pod.metadata.name}`,
              }
            : {
                involved: ds,
                type: "Warning",
                reason: "FailedCreate",
                message: `Error creating: ${r.kind === "status" ? r.body.message : r.code}`,
              },
        );
      }
      const extra = run ? mine.slice(1) : mine;
      for (const p of extra) {
        const r = ctx.client.delete("", "pods", ns, p.metadata.name ?? "");
        if (r.code < 400)
          recordEvent(ctx.client, SOURCE, {
            involved: ds,
            type: "Normal",
            reason: "SuccessfulDelete",
            message: `Deleted pod: ${p.metadata.name}`,
          });
      }
    }
  }
  updateStatus(ctx, ds, hash);
}

function updateStatus(ctx: ControllerContext, ds0: KubeObject, hash: string): void {
  const ds = getObject(
    ctx.state(),
    "apps",
    "daemonsets",
    ds0.metadata.namespace,
    ds0.metadata.name ?? "",
  );
  if (!ds) return;
  const template = asObj(asObj(ds.spec).template);
  const minReady = asNumber(asObj(ds.spec).minReadySeconds);
  const nodes = listObjects(ctx.state(), "", "nodes");
  const pods = listObjects(ctx.state(), "", "pods", ds.metadata.namespace).filter(
    (p) => isControlledBy(p, ds) && isPodActive(p),
  );
  const desired = nodes.filter((n) => shouldRun(n, template)).length;
  const scheduled = pods.filter((p) => asObj(p.spec).nodeName).length;
  const status: Obj = {
    currentNumberScheduled: scheduled,
    desiredNumberScheduled: desired,
    numberMisscheduled: 0,
    numberReady: pods.filter(isPodReady).length,
    observedGeneration: ds.metadata.generation ?? 1,
    updatedNumberScheduled: pods.filter(
      (p) => p.metadata.labels?.["controller-revision-hash"] === hash && asObj(p.spec).nodeName,
    ).length,
  };
  const available = pods.filter((p) => availableOrWake(p, minReady, ctx.now, ctx.wakeAt)).length;
  if (available) status.numberAvailable = available;
  if (desired - available > 0) status.numberUnavailable = desired - available;
  if (jsonEqual(status, asObj(ds.status))) return;
  ctx.client.updateStatus("apps", "daemonsets", { ...ds, status });
}

function keys(ctx: ControllerContext): string[] {
  return listObjects(ctx.state(), "apps", "daemonsets").map(keyOf);
}

export function daemonSetController(active?: ActiveCheck): ControlLoop {
  return controllerLoop(
    {
      name: "daemonset-controller",
      serviceAccount: "daemon-set-controller",
      watches: [
        watchPrefix("apps", "daemonsets"),
        watchPrefix("", "nodes"),
        watchPrefix("", "pods"),
      ],
      keys,
      reconcile: syncDaemonSet,
      // A DaemonSet's sync reads it, the nodes and its namespace's pods (time: minReadySeconds).
      inputs: (ctx, key) => {
        const [ns, name] = splitKey(key);
        const state = ctx.state();
        const ds = getObject(state, "apps", "daemonsets", ns, name);
        return ds && [ds, listObjects(state, "", "nodes"), listObjects(state, "", "pods", ns)];
      },
    },
    active,
  );
}
