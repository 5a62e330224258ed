// The kubelet of every node, as one control loop: while its machine is up it
// renews the node Lease, reports node status, mirrors the static pods, and runs the
// pods bound to it on virtual time (pull → create → start, exits, back-off,
// probes), publishing pod status and the Events `kubectl describe` shows. Deleted
// pods are stopped (Killing) and removed with grace period 0, as the kubelet does.

import type { UserInfo } from "../apiserver/handler/types";
import type { KubeObject } from "../apiserver/object";
import { formatTime, parseTime } from "../clock";
import { machineRunning, staticPodsOf } from "../cluster/world";
import { getObject, listObjects, watchPrefix } from "../controllers/shared/cache";
import { Client } from "../controllers/shared/client";
import { recordEvent } from "../controllers/shared/events";
import { asArray, asObj, asString, jsonEqual, type Obj } from "../controllers/shared/fields";
import type { ControlLoop, LoopApi } from "../engine";
import { containerReadyAt, stepContainer, type KubeletEvent } from "./container-status";
import { renewNodeLease, reportNodeStatus } from "./node-heartbeat";
import { allocatePodIP, nodeInternalIP } from "./pod-network";
import { buildPodStatus } from "./pod-status";
import { carryPodNotes, notePodQuiet, podQuiet } from "./quiet-pods";
import { eventSubject, syncMirrorPods } from "./static-pods";

export function nodeUser(node: string): UserInfo {
  return { username: `system:node:${node}`, groups: ["system:nodes", "system:authenticated"] };
}

/** One kubelet's view of its node during a sync: its pods as they stand and what they use. */
class NodePods {
  /** Pods counted by kubelet admission: started and not finished. */
  private running = 0;
  /** Pod IPs in use (a count each: hostNetwork pods share the node's IP). */
  private readonly ips = new Map<string, number>();
  /** Images the node reports in its status. */
  readonly images: Set<string>;
  /** Images pulled during this sync (reported with the node status at the end). */
  readonly pulled = new Set<string>();

  constructor(
    readonly node: KubeObject,
    readonly pods: KubeObject[],
  ) {
    this.images = new Set(
      asArray(asObj(node.status).images).flatMap((i) => asArray(i.names).map(String)),
    );
    for (const p of pods) this.count(p, 1);
  }

  private count(pod: KubeObject, sign: 1 | -1): void {
    const st = asObj(pod.status);
    const phase = asString(st.phase);
    if (st.startTime && phase !== "Succeeded" && phase !== "Failed") this.running += sign;
    const ip = asString(st.podIP);
    if (ip) {
      const n = (this.ips.get(ip) ?? 0) + sign;
      if (n > 0) this.ips.set(ip, n);
      else this.ips.delete(ip);
    }
  }

  /** The pods admission counts, other than `pod` itself. */
  runningBesides(pod: KubeObject): number {
    const st = asObj(pod.status);
    const phase = asString(st.phase);
    const self = st.startTime && phase !== "Succeeded" && phase !== "Failed" ? 1 : 0;
    return this.running - self;
  }

  ipUsed = (ip: string): boolean => this.ips.has(ip);

  /** The pod at index `i` as a write left it. */
  replace(i: number, pod: KubeObject): void {
    this.count(this.pods[i]!, -1);
    this.pods[i] = pod;
    this.count(pod, 1);
  }
}

/** What one pod's sync did. */
interface PodSync {
  /**
   * The next virtual time at which the pod would change with nothing else changing (Infinity:
   * only a change to the pod or its node wakes it).
   */
  wakeAt: number;
  /**
   * It wrote the pod's status and the pod as written is its own fixed point: synced again
   * before this time it would write nothing (every transition is in the status, no event
   * repeats). Undefined otherwise.
   */
  settledUntil?: number;
}

/** One pod's sync. */
function syncPod(client: Client, view: NodePods, pod: KubeObject): PodSync {
  const node = view.node;
  const nodeName = node.metadata.name ?? "";
  const source = { component: "kubelet", host: nodeName };
  const ns = pod.metadata.namespace ?? "";
  const name = pod.metadata.name ?? "";
  const spec = asObj(pod.spec);
  const status = asObj(pod.status);
  const containers = asArray(spec.containers);
  if (pod.metadata.deletionTimestamp) {
    const running = asArray(status.containerStatuses).filter((s) => asObj(s.state).running);
    for (const s of running) {
      recordEvent(client, source, {
        involved: eventSubject(pod),
        type: "Normal",
        reason: "Killing",
        message: `Stopping container ${asString(s.name)}`,
        fieldPath: `spec.containers{${asString(s.name)}}`,
      });
    }
    client.delete("", "pods", ns, name, {
      gracePeriodSeconds: 0,
      preconditions: { uid: pod.metadata.uid },
    });
    return { wakeAt: client.now };
  }
  const phase = asString(status.phase);
  if (phase === "Succeeded" || phase === "Failed") return { wakeAt: Infinity };
  if (!status.startTime && rejectIfFull(client, view, pod)) {
    return { wakeAt: client.now };
  }
  const restartPolicy = asString(spec.restartPolicy, "Always");
  const startTime = status.startTime ? parseTime(asString(status.startTime)) : client.now;
  const stored = asArray(status.containerStatuses);
  const { images: nodeImages, pulled } = view;
  const events: KubeletEvent[] = [];
  let wakeAt = Infinity;
  const statuses = containers.map((c) => {
    const out = stepContainer({
      container: c,
      stored: stored.find((s) => s.name === c.name),
      restartPolicy,
      podStart: startTime,
      podRef: `${name}_${ns}`,
      podUid: pod.metadata.uid ?? "",
      imagePresent: (img) => nodeImages.has(img) || pulled.has(img),
      now: client.now,
    });
    events.push(...out.events);
    for (const img of out.pulled) pulled.add(img);
    const readyAt = containerReadyAt(out.status, c);
    wakeAt = Math.min(wakeAt, out.wakeAt, readyAt > client.now ? readyAt : Infinity);
    return out.status;
  });
  const hostIP = nodeInternalIP(node);
  const podIP = spec.hostNetwork
    ? hostIP
    : asString(status.podIP) || allocatePodIP(node, view.ipUsed, pod.metadata.uid);
  const next = buildPodStatus({
    oldStatus: status,
    containers,
    statuses,
    restartPolicy,
    podIP,
    hostIP,
    startTime,
    now: client.now,
  });
  let probeFailed = false;
  for (const c of containers) {
    const probe = c.readinessProbe ? asObj(c.readinessProbe) : undefined;
    const st = (next.containerStatuses as Obj[]).find((s) => s.name === c.name);
    if (
      probe &&
      st &&
      asObj(st.state).running &&
      asString(asObj(probe.httpGet).path).includes("fail")
    ) {
      probeFailed = true;
      events.push({
        type: "Warning",
        reason: "Unhealthy",
        message: "Readiness probe failed: HTTP probe failed with statusCode: 500",
        fieldPath: `spec.containers{${asString(c.name)}}`,
      });
    }
  }
  const cleaned: Obj = {};
  for (const key in next) if (next[key] !== undefined) cleaned[key] = next[key];
  let wrote = false;
  if (!jsonEqual(cleaned, status)) {
    client.withTrace(criTrace(pod, events, stored.length === 0));
    const r = client.updateStatus("", "pods", { ...pod, status: cleaned });
    if (r.code >= 400) return { wakeAt: client.now };
    wrote = true;
  }
  const current = getObject(client.api.state(), "", "pods", ns, name) ?? pod;
  for (const e of events) {
    recordEvent(client, source, {
      involved: eventSubject(current),
      type: e.type,
      reason: e.reason,
      message: e.message,
      fieldPath: e.fieldPath,
    });
  }
  // Events (even ones the correlator drops) are news at every sync: not quiet. Transition
  // events are not repeated once the status holds the transition; a failing readiness probe's
  // Unhealthy is recorded at every sync.
  return {
    wakeAt: events.length > 0 ? client.now : wakeAt,
    ...(wrote && !probeFailed ? { settledUntil: wakeAt } : {}),
  };
}

/**
 * Kubelet admission: a pod bound past the node's pod capacity (bypassing the scheduler
 * with spec.nodeName) is rejected and fails with reason OutOfpods, as the kubelet does.
 */
function rejectIfFull(client: Client, view: NodePods, pod: KubeObject): boolean {
  const node = view.node;
  const capacity = Number(asObj(asObj(node.status).allocatable).pods ?? 110);
  const used = view.runningBesides(pod);
  if (!Number.isFinite(capacity) || used < capacity) return false;
  const message = `Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: ${used}, capacity: ${capacity}`;
  client.updateStatus("", "pods", {
    ...pod,
    status: {
      ...asObj(pod.status),
      phase: "Failed",
      reason: "OutOfpods",
      message,
      startTime: formatTime(client.now),
    },
  });
  recordEvent(
    client,
    { component: "kubelet", host: node.metadata.name ?? "" },
    {
      involved: eventSubject(pod),
      type: "Warning",
      reason: "OutOfpods",
      message: `Node didn't have enough resource: pods, requested: 1, used: ${used}, capacity: ${capacity}`,
    },
  );
  return true;
}

const CRI_CALLS: Record<string, string> = {
  Pulling: "PullImage",
  Created: "CreateContainer",
  Started: "StartContainer",
  Killing: "StopContainer",
};

/** The watch event that woke the kubelet and the CRI calls it made, for the request's trace. */
function criTrace(pod: KubeObject, events: KubeletEvent[], first: boolean) {
  const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const after = events
    .filter((e) => CRI_CALLS[e.reason])
    .map((e) => ({
      from: "kubelet" as const,
      to: "container-runtime" as const,
      action: CRI_CALLS[e.reason]!,
      detail: e.message,
    }));
  return {
    before: first
      ? [
          {
            from: "kube-apiserver" as const,
            to: "kubelet" as const,
            action: "watch-event",
            detail: `MODIFIED pods ${key}`,
          },
          {
            from: "kubelet" as const,
            to: "container-runtime" as const,
            action: "RunPodSandbox",
            detail: key,
          },
        ]
      : [],
    after,
  };
}

/** Syncs one node's kubelet; true when its only write was a stored Lease renewal (or none). */
function syncNode(api: LoopApi, node: KubeObject): boolean {
  const nodeName = node.metadata.name ?? "";
  const client = new Client(api, nodeUser(nodeName), "kubelet");
  const renewed = renewNodeLease(client, node);
  const afterLease = client.sent;
  syncMirrorPods(client, nodeName, staticPodsOf(api.state(), nodeName));
  const pods = listObjects(api.state(), "", "pods").filter(
    (p) => asObj(p.spec).nodeName === nodeName,
  );
  // Built at the first pod that needs a sync: a node whose pods all sleep costs a lookup each.
  let view: NodePods | undefined;
  for (let i = 0; i < pods.length; i++) {
    const pod = pods[i]!;
    const asleep = podQuiet(pod, node, client.now);
    if (asleep) {
      api.wakeAt(asleep.until);
      continue;
    }
    view ??= new NodePods(node, [...pods]);
    const sent = client.sent;
    const sync = syncPod(client, view, pod);
    api.wakeAt(sync.wakeAt);
    if (client.sent === sent) {
      notePodQuiet(pod, node, client.now, sync.wakeAt);
      continue;
    }
    const after = getObject(
      api.state(),
      "",
      "pods",
      pod.metadata.namespace,
      pod.metadata.name ?? "",
    );
    if (!after) continue;
    view.replace(i, after);
    // A real kubelet is not woken by its own status update (its pod config compares specs):
    // the pod as written sleeps until its next due time, like one whose sync wrote nothing.
    if (sync.settledUntil !== undefined) notePodQuiet(after, node, client.now, sync.settledUntil);
  }
  const fresh = getObject(api.state(), "", "nodes", undefined, nodeName) ?? node;
  const imagesAdded = reportNodeStatus(client, fresh, view ? [...view.pulled] : []);
  // Pulled images reported: the settled pods stay asleep on the node object that holds them.
  if (imagesAdded && fresh === node) {
    const stored = getObject(api.state(), "", "nodes", undefined, nodeName);
    if (stored) carryPodNotes(view ? view.pods : pods, node, stored);
  }
  return client.sent === afterLease && (renewed || afterLease === 0);
}

/**
 * Every node's kubelet in one loop (nodes come and go; the engine's loop list is
 * fixed). Each kubelet's requests carry its own identity, system:node:<name>.
 */
export function kubeletsLoop(): ControlLoop {
  return {
    name: "kubelet",
    user: nodeUser("unknown"),
    // The pods, the nodes and the nodes' Leases (machines and static pods: the world).
    watches: [
      watchPrefix("", "pods"),
      watchPrefix("", "nodes"),
      watchPrefix("coordination.k8s.io", "leases", "kube-node-lease"),
    ],
    run(api) {
      let onlyRenewals = true;
      for (const node of listObjects(api.state(), "", "nodes")) {
        const name = node.metadata.name ?? "";
        if (!machineRunning(api.state(), name)) continue;
        if (!syncNode(api, node)) onlyRenewals = false;
      }
      // Renewing a Lease changes nothing else the kubelet reads: run again now, every pod
      // would sync as it just did (a pod that wrote nothing writes nothing again).
      if (onlyRenewals) api.settledByOwnWrites();
    },
  };
}
