import { describe, expect, it } from "vitest";
import { imageSizeBytes, UNKNOWN_IMAGE_SIZE_BYTES } from "./image-sizes";

describe("image sizes a 1.28 node reports", () => {
  it("gives each kubeadm image its own figure, not one uniform size", () => {
    const images = [
      "registry.k8s.io/kube-apiserver:v1.28.0",
      "registry.k8s.io/kube-controller-manager:v1.28.0",
      "registry.k8s.io/kube-scheduler:v1.28.0",
      "registry.k8s.io/kube-proxy:v1.28.0",
      "registry.k8s.io/etcd:3.5.9-0",
      "registry.k8s.io/coredns/coredns:v1.10.1",
      "registry.k8s.io/pause:3.9",
    ];
    const sizes = images.map(imageSizeBytes);
    expect(new Set(sizes).size).toBe(images.length);
    expect(sizes).not.toContain(UNKNOWN_IMAGE_SIZE_BYTES);
    // Ordering as crictl shows them: etcd is the largest, pause the smallest by far.
    expect(imageSizeBytes("registry.k8s.io/etcd:3.5.9-0")).toBe(Math.max(...sizes));
    expect(imageSizeBytes("registry.k8s.io/pause:3.9")).toBeLessThan(1_000_000);
  });

  it("matches any 1.28 patch release and a mirror repository", () => {
    expect(imageSizeBytes("registry.k8s.io/kube-proxy:v1.28.4")).toBe(
      imageSizeBytes("registry.k8s.io/kube-proxy:v1.28.0"),
    );
    expect(imageSizeBytes("k8s.mirror.example/kube-scheduler:v1.28.0")).toBe(
      imageSizeBytes("registry.k8s.io/kube-scheduler:v1.28.0"),
    );
  });

  it("keeps the labelled fallback for images it has no figure for", () => {
    expect(imageSizeBytes("nginx:1.25")).toBe(UNKNOWN_IMAGE_SIZE_BYTES);
    expect(imageSizeBytes("registry.k8s.io/kube-proxy:v1.29.0")).toBe(UNKNOWN_IMAGE_SIZE_BYTES);
  });
});
