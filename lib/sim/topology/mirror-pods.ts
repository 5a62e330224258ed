// The kubelet runs static pods from disk and publishes a read-only "mirror pod" for each
// through the API: named <manifest>-<node>, bound to the node, marked with the config
// annotations, tolerating every NoExecute taint (so eviction never touches it).
import type { KubeObject } from "../apiserver/object";
import { formatTime } from "../clock";
import type { StaticPodManifest } from "./static-pods";

/** A stable 32-hex hash of the manifest (the kubelet uses an md5 of the pod). */
export function configHash(manifest: StaticPodManifest, nodeName: string): string {
  const text = `${nodeName}\n${JSON.stringify(manifest)}`;
  let out = "";
  for (let round = 0; round < 4; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, "0");
  }
  return out;
}

/**
 * The mirror pod of a manifest. The kubelet makes the Node its controller owner; pass the
 * Node's uid once the API server has assigned it (without it the reference is left out).
 */
export function mirrorPod(
  manifest: StaticPodManifest,
  nodeName: string,
  seenAt: number,
  nodeUid?: string,
): KubeObject {
  const hash = configHash(manifest, nodeName);
  const { creationTimestamp: _unused, ...meta } = manifest.metadata;
  void _unused;
  const seen = `${formatTime(seenAt).replace("Z", "")}.${String(seenAt % 1000).padStart(3, "0")}000000Z`;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...meta,
      name: `${manifest.metadata.name}-${nodeName}`,
      ...(nodeUid
        ? {
            ownerReferences: [
              { apiVersion: "v1", controller: true, kind: "Node", name: nodeName, uid: nodeUid },
            ],
          }
        : {}),
      annotations: {
        ...(meta.annotations ?? {}),
        "kubernetes.io/config.hash": hash,
        "kubernetes.io/config.mirror": hash,
        "kubernetes.io/config.seen": seen,
        "kubernetes.io/config.source": "file",
      },
    },
    spec: {
      ...manifest.spec,
      nodeName,
      // Priority admission copies the class's policy (system-node-critical preempts lower
      // priorities); the API server only runs it for pods created through it.
      preemptionPolicy: "PreemptLowerPriority",
      tolerations: [{ effect: "NoExecute", operator: "Exists" }],
    },
  };
}
