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
