// Static pods: the kubelet runs what /etc/kubernetes/manifests holds and publishes
// a mirror pod for each. A deleted mirror pod comes back (the kubelet recreates it
// on its next sync) - deleting etcd-master1 with kubectl does not stop etcd.

import type { KubeObject } from "../apiserver/object";
import { getObject } from "../controllers/shared/cache";
import type { Client } from "../controllers/shared/client";

export function syncMirrorPods(
  client: Client,
  nodeName: string,
  manifests: readonly KubeObject[],
): void {
  const state = client.api.state();
  const node = getObject(state, "", "nodes", undefined, nodeName);
  for (const manifest of manifests) {
    const ns = manifest.metadata.namespace ?? "kube-system";
    const existing = getObject(state, "", "pods", ns, manifest.metadata.name ?? "");
    if (existing) continue;
    client.create("", "pods", {
      ...manifest,
      metadata: {
        ...manifest.metadata,
        namespace: ns,
        ...(node
          ? {
              ownerReferences: [
                {
                  apiVersion: "v1",
                  kind: "Node",
                  name: nodeName,
                  uid: node.metadata.uid ?? "",
                  controller: true,
                },
              ],
            }
          : {}),
      },
    });
  }
}

const MIRROR = "kubernetes.io/config.mirror";

/**
 * What the kubelet's events are about. For a static pod that is the pod read from its
 * manifest, whose UID is the config hash and which has no resourceVersion - not the mirror
 * pod the API server stores. kubectl describe finds them through the mirror pod's
 * kubernetes.io/config.mirror annotation, which holds that hash.
 */
export function eventSubject(pod: KubeObject): KubeObject {
  const hash = pod.metadata.annotations?.[MIRROR];
  if (!hash) return pod;
  const { resourceVersion: _rv, ...metadata } = pod.metadata;
  void _rv;
  return { ...pod, metadata: { ...metadata, uid: hash } };
}
