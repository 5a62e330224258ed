// The kubelet's two heartbeats: its Lease in kube-node-lease renewed every 10 s
// (leaseDurationSeconds 40), and the Node's Ready condition when it changes or
// every 5 minutes (nodeStatusReportFrequency).

import { formatMicroTime, formatTime, parseTime } from "../clock";
import type { KubeObject } from "../apiserver/object";
import { getObject } from "../controllers/shared/cache";
import { Client } from "../controllers/shared/client";
import { asArray, asObj, asString } from "../controllers/shared/fields";
import { imageSizeBytes } from "../topology/image-sizes";

export const LEASE_RENEW_MS = 10_000;
export const NODE_LEASE_DURATION_S = 40;
export const NODE_STATUS_REPORT_MS = 300_000;

/**
 * Renews the node's Lease when due. Returns true when it did and the renewal was stored: the
 * kubelet then has nothing more to do for it before the next renewal (woken for it).
 */
export function renewNodeLease(client: Client, node: KubeObject): boolean {
  const name = node.metadata.name ?? "";
  const now = client.now;
  const lease = getObject(
    client.api.state(),
    "coordination.k8s.io",
    "leases",
    "kube-node-lease",
    name,
  );
  if (!lease) {
    client.create("coordination.k8s.io", "leases", {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: {
        name,
        namespace: "kube-node-lease",
        ownerReferences: [{ apiVersion: "v1", kind: "Node", name, uid: node.metadata.uid ?? "" }],
      },
      spec: {
        holderIdentity: name,
        leaseDurationSeconds: NODE_LEASE_DURATION_S,
        renewTime: formatMicroTime(now),
      },
    });
    return false;
  }
  const renewed = parseTime(asString(asObj(lease.spec).renewTime));
  if (Number.isFinite(renewed) && now - renewed < LEASE_RENEW_MS) {
    client.api.wakeAt(renewed + LEASE_RENEW_MS);
    return false;
  }
  const stored = Client.objectOf(
    client.update("coordination.k8s.io", "leases", {
      ...lease,
      spec: { ...asObj(lease.spec), renewTime: formatMicroTime(now) },
    }),
  );
  if (!stored) return false;
  client.api.wakeAt(parseTime(asString(asObj(stored.spec).renewTime)) + LEASE_RENEW_MS);
  return true;
}

const READY_MESSAGE = "kubelet is posting ready status. AppArmor enabled";

/**
 * Puts the node's conditions back to healthy when they are not (after a restart or NotReady),
 * adds the images pulled. Returns the stored node when the update only added images to a
 * healthy node (and beat its heartbeat): nothing a started pod's sync reads changed.
 */
export function reportNodeStatus(
  client: Client,
  node: KubeObject,
  images: string[],
): KubeObject | undefined {
  const status = asObj(node.status);
  const conditions = asArray(status.conditions);
  const now = client.now;
  const stamp = formatTime(now);
  const ready = conditions.find((c) => c.type === "Ready");
  const healthy = ready?.status === "True";
  const beat = parseTime(asString(ready?.lastHeartbeatTime));
  const stale = !Number.isFinite(beat) || now - beat >= NODE_STATUS_REPORT_MS;
  const known = new Set(asArray(status.images).flatMap((i) => asArray(i.names).map(String)));
  const newImages = images.filter((i) => !known.has(i));
  if (healthy && !stale && newImages.length === 0) {
    client.api.wakeAt(beat + NODE_STATUS_REPORT_MS);
    return undefined;
  }
  const healthyReason: Record<string, [string, string]> = {
    MemoryPressure: ["KubeletHasSufficientMemory", "kubelet has sufficient memory available"],
    DiskPressure: ["KubeletHasNoDiskPressure", "kubelet has no disk pressure"],
    PIDPressure: ["KubeletHasSufficientPID", "kubelet has sufficient PID available"],
    Ready: ["KubeletReady", READY_MESSAGE],
  };
  const next = Object.entries(healthyReason).map(([type, [reason, message]]) => {
    const old = conditions.find((c) => c.type === type);
    const want = type === "Ready" ? "True" : "False";
    const changed = old?.status !== want;
    return {
      lastHeartbeatTime: stamp,
      lastTransitionTime: changed ? stamp : (old?.lastTransitionTime ?? stamp),
      message,
      reason,
      status: want,
      type,
    };
  });
  const imageList = [
    ...asArray(status.images),
    ...newImages.map((name) => ({ names: [name], sizeBytes: imageSizeBytes(name) })),
  ];
  const stored = Client.objectOf(
    client.updateStatus("", "nodes", {
      ...node,
      status: { ...status, conditions: next, ...(imageList.length ? { images: imageList } : {}) },
    }),
  );
  return healthy && !stale ? stored : undefined;
}
