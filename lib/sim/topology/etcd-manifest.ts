// The local etcd member's static Pod manifest (phases/etcd/local.go of kubeadm 1.28).
import { ETCD_IMAGE_TAG } from "../kubeadm/constants";
import { joinHostPort } from "../kubeadm/host-port";
import type { InitConfiguration } from "../kubeadm/types";
import {
  buildArgs,
  probe,
  staticPod,
  type ControlPlaneHost,
  type StaticPodManifest,
} from "./static-pods";
import type { EtcdMemberSpec } from "./types";

/**
 * The local etcd member of a stacked control plane. `peers` are the members that exist when
 * this one starts (itself last): the first control plane starts a new cluster, later ones join
 * it with --initial-cluster-state=existing.
 */
export function etcdManifest(
  init: InitConfiguration,
  host: ControlPlaneHost,
  peers: readonly EtcdMemberSpec[],
): StaticPodManifest {
  const cfg = init.cluster;
  const local = cfg.etcd.local!;
  const pki = `${cfg.certificatesDir}/etcd`;
  const ip = host.advertiseAddress;
  const loopback = ip.includes(":") ? "::1" : "127.0.0.1";
  const clientURL = `https://${joinHostPort(ip, 2379)}`;
  const defaults: Record<string, string> = {
    "advertise-client-urls": clientURL,
    "cert-file": `${pki}/server.crt`,
    "client-cert-auth": "true",
    "data-dir": local.dataDir,
    "experimental-initial-corrupt-check": "true",
    "experimental-watch-progress-notify-interval": "5s",
    "initial-advertise-peer-urls": `https://${joinHostPort(ip, 2380)}`,
    "initial-cluster": peers.map((p) => `${p.name}=${p.peerURL}`).join(","),
    "key-file": `${pki}/server.key`,
    "listen-client-urls": `https://${joinHostPort(loopback, 2379)},${clientURL}`,
    "listen-metrics-urls": `http://${joinHostPort(loopback, 2381)}`,
    "listen-peer-urls": `https://${joinHostPort(ip, 2380)}`,
    name: host.nodeName,
    "peer-cert-file": `${pki}/peer.crt`,
    "peer-client-cert-auth": "true",
    "peer-key-file": `${pki}/peer.key`,
    "peer-trusted-ca-file": `${pki}/ca.crt`,
    "snapshot-count": "10000",
    "trusted-ca-file": `${pki}/ca.crt`,
  };
  if (peers.length > 1) defaults["initial-cluster-state"] = "existing";
  const repo = local.imageRepository || cfg.imageRepository;
  return staticPod(
    "etcd",
    { "kubeadm.kubernetes.io/etcd.advertise-client-urls": clientURL },
    {
      command: ["etcd", ...buildArgs(defaults, local.extraArgs)],
      image: `${repo}/etcd:${local.imageTag || ETCD_IMAGE_TAG}`,
      imagePullPolicy: "IfNotPresent",
      livenessProbe: probe(loopback, "/health?exclude=NOSPACE&serializable=true", 2381, "HTTP", 8),
      name: "etcd",
      resources: { requests: { cpu: "100m", memory: "100Mi" } },
      startupProbe: probe(loopback, "/health?serializable=false", 2381, "HTTP", 24),
      // etcd's mounts are listed explicitly (data first); its volumes are sorted.
      volumeMounts: [
        { mountPath: local.dataDir, name: "etcd-data" },
        { mountPath: pki, name: "etcd-certs" },
      ],
    },
    [
      { hostPath: { path: pki, type: "DirectoryOrCreate" }, name: "etcd-certs" },
      { hostPath: { path: local.dataDir, type: "DirectoryOrCreate" }, name: "etcd-data" },
    ],
  );
}
