// The node lifecycle controller with its taint-based eviction (pkg/controller/
// nodelifecycle): a node whose kubelet Lease is older than the 40 s grace period
// gets its conditions set to Unknown ("Kubelet stopped posting node status."), the
// node.kubernetes.io/unreachable NoSchedule and NoExecute taints, and its pods
// marked not Ready; pods that do not tolerate the NoExecute taint are deleted at
// once, the others when their tolerationSeconds (300 s by default admission) end.
// A node whose kubelet reports Ready again loses the taints.

import type { KubeObject } from "../../apiserver/object";
import { formatTime, parseTime } from "../../clock";
import type { ControlLoop } from "../../engine";
import { getObject, listObjects, watchPrefix } from "../shared/cache";
import type { ActiveCheck, ControllerContext } from "../shared/controller";
import { controllerLoop } from "../shared/controller";
import { recordEvent } from "../shared/events";
import { asArray, asNumber, asObj, asString, type Obj } from "../shared/fields";

export const NODE_MONITOR_GRACE_MS = 40_000;
export const UNREACHABLE = "node.kubernetes.io/unreachable";
export const NOT_READY = "node.kubernetes.io/not-ready";
const SOURCE = { component: "node-controller" };

function readyCondition(node: KubeObject): Obj | undefined {
  return asArray(asObj(node.status).conditions).find((c) => c.type === "Ready");
}

function leaseRenewed(ctx: ControllerContext, node: string): number {
  const lease = getObject(ctx.state(), "coordination.k8s.io", "leases", "kube-node-lease", node);
  return lease ? parseTime(asString(asObj(lease.spec).renewTime)) : NaN;
}

function markUnknown(ctx: ControllerContext, node: KubeObject): void {
  const stamp = formatTime(ctx.now);
  const conditions = asArray(asObj(node.status).conditions).map((c) =>
    c.status === "Unknown"
      ? c
      : {
          ...c,
          status: "Unknown",
          reason: "NodeStatusUnknown",
          message: "Kubelet stopped posting node status.",
          lastTransitionTime: stamp,
        },
  );
  ctx.client.updateStatus("", "nodes", { ...node, status: { ...asObj(node.status), conditions } });
  recordEvent(ctx.client, SOURCE, {
    involved: node,
    type: "Normal",
    reason: "NodeNotReady",
    message: `Node ${node.metadata.name} status is now: NodeNotReady`,
  });
  // MarkPodsNotReady: the pods on the node stop counting as Ready (endpoints drop them).
  for (const pod of listObjects(ctx.state(), "", "pods")) {
    if (asObj(pod.spec).nodeName !== node.metadata.name) continue;
    const status = asObj(pod.status);
    const conds = asArray(status.conditions);
    if (!conds.some((c) => c.type === "Ready" && c.status === "True")) continue;
    ctx.client.updateStatus("", "pods", {
      ...pod,
      status: {
        ...status,
        conditions: conds.map((c) =>
          c.type === "Ready" ? { ...c, status: "False", lastTransitionTime: stamp } : c,
        ),
      },
    });
  }
}

function setTaints(ctx: ControllerContext, node: KubeObject, unreachable: boolean): void {
  const taints = asArray(asObj(node.spec).taints);
  const others = taints.filter((t) => t.key !== UNREACHABLE && t.key !== NOT_READY);
  const has = taints.some((t) => t.key === UNREACHABLE);
  if (unreachable === has) return;
  const stamp = formatTime(ctx.now);
  const next = unreachable
    ? [
        ...others,
        { key: UNREACHABLE, effect: "NoSchedule" },
        { key: UNREACHABLE, effect: "NoExecute", timeAdded: stamp },
      ]
    : others;
  const spec = { ...asObj(node.spec) };
  if (next.length) spec.taints = next;
  else delete spec.taints;
  ctx.client.update("", "nodes", { ...node, spec });
}

/** When a pod on a node with these NoExecute taints must go (Infinity: never, 0: now). */
export function evictionTime(pod: KubeObject, taints: Obj[]): number {
  let deadline = Infinity;
  for (const taint of taints.filter((t) => t.effect === "NoExecute")) {
    const tol = asArray(asObj(pod.spec).tolerations).find(
      (t) =>
        (!t.effect || t.effect === "NoExecute") &&
        (t.operator === "Exists"
          ? !t.key || t.key === taint.key
          : t.key === taint.key && (t.value ?? "") === (taint.value ?? "")),
    );
    if (!tol) return 0;
    if (typeof tol.tolerationSeconds !== "number") continue;
    const added = parseTime(asString(taint.timeAdded));
    const start = Number.isFinite(added) ? added : 0;
    deadline = Math.min(deadline, start + Math.max(0, asNumber(tol.tolerationSeconds)) * 1000);
  }
  return deadline;
}

function evict(ctx: ControllerContext, node: KubeObject): void {
  const taints = asArray(asObj(node.spec).taints);
  if (!taints.some((t) => t.effect === "NoExecute")) return;
  for (const pod of listObjects(ctx.state(), "", "pods")) {
    if (asObj(pod.spec).nodeName !== node.metadata.name || pod.metadata.deletionTimestamp) continue;
    const at = evictionTime(pod, taints);
    if (ctx.now < at) {
      // tolerationSeconds still running: the taint manager's timed worker for this pod.
      if (Number.isFinite(at)) ctx.wakeAt(at);
      continue;
    }
    recordEvent(
      ctx.client,
      { component: "taint-controller" },
      {
        involved: pod,
        type: "Normal",
        reason: "TaintManagerEviction",
        message: `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`,
      },
    );
    ctx.client.delete("", "pods", pod.metadata.namespace, pod.metadata.name ?? "");
  }
}

function syncNodes(ctx: ControllerContext): void {
  for (const node0 of listObjects(ctx.state(), "", "nodes")) {
    const name = node0.metadata.name ?? "";
    const renewed = leaseRenewed(ctx, name);
    const ready = readyCondition(node0);
    const stale = !Number.isFinite(renewed) || ctx.now - renewed > NODE_MONITOR_GRACE_MS;
    if (stale && ready?.status === "True") markUnknown(ctx, node0);
    // The next monitor pass that could find this Lease stale (nodeMonitorGracePeriod).
    if (!stale) ctx.wakeAt(renewed + NODE_MONITOR_GRACE_MS + 1);
    const node = getObject(ctx.state(), "", "nodes", undefined, name) ?? node0;
    const healthy = readyCondition(node)?.status === "True";
    setTaints(ctx, node, !healthy);
    evict(ctx, getObject(ctx.state(), "", "nodes", undefined, name) ?? node);
  }
}

export function nodeLifecycleController(active?: ActiveCheck): ControlLoop {
  return controllerLoop(
    {
      name: "node-lifecycle-controller",
      serviceAccount: "node-controller",
      watches: [
        watchPrefix("coordination.k8s.io", "leases", "kube-node-lease"),
        watchPrefix("", "nodes"),
        watchPrefix("", "pods"),
      ],
      keys: () => ["nodes"],
      reconcile: (ctx) => syncNodes(ctx),
    },
    active,
  );
}
