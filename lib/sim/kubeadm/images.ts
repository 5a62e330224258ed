// Image names kubeadm 1.28 uses (images.go) and `kubeadm config images list`.
import {
  COREDNS_IMAGE_TAG,
  DEFAULT_IMAGE_REPOSITORY,
  ETCD_IMAGE_TAG,
  PAUSE_IMAGE_TAG,
} from "./constants";
import type { ClusterConfiguration } from "./types";

/** GetDNSImage: the official CoreDNS image moved to registry.k8s.io/coredns/coredns. */
export function dnsImage(c: ClusterConfiguration): string {
  let repo = c.dns.imageRepository || c.imageRepository;
  if (repo === DEFAULT_IMAGE_REPOSITORY) repo = `${repo}/coredns`;
  return `${repo}/coredns:${c.dns.imageTag || COREDNS_IMAGE_TAG}`;
}

export function imagesList(c: ClusterConfiguration): string[] {
  const repo = c.imageRepository;
  const out = ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kube-proxy"].map(
    (n) => `${repo}/${n}:${c.kubernetesVersion}`,
  );
  out.push(`${repo}/pause:${PAUSE_IMAGE_TAG}`);
  if (c.etcd.local) {
    out.push(
      `${c.etcd.local.imageRepository || repo}/etcd:${c.etcd.local.imageTag || ETCD_IMAGE_TAG}`,
    );
  }
  out.push(dnsImage(c));
  return out;
}
