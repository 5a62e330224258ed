import { describe, expect, it } from "vitest";
import { buildTopology } from "../topology/build";
import { imagesList } from "./images";

describe("kubeadm config images list", () => {
  it("lists the 1.28 control-plane images, CoreDNS under coredns/coredns", () => {
    const t = buildTopology({ now: 0, seed: "img" });
    expect(imagesList(t.config.cluster)).toEqual([
      "registry.k8s.io/kube-apiserver:v1.28.0",
      "registry.k8s.io/kube-controller-manager:v1.28.0",
      "registry.k8s.io/kube-scheduler:v1.28.0",
      "registry.k8s.io/kube-proxy:v1.28.0",
      "registry.k8s.io/pause:3.9",
      "registry.k8s.io/etcd:3.5.9-0",
      "registry.k8s.io/coredns/coredns:v1.10.1",
    ]);
  });

  it("keeps a mirror repository flat", () => {
    const t = buildTopology({ now: 0, seed: "img" });
    const c = { ...t.config.cluster, imageRepository: "registry.example.com/k8s" };
    expect(imagesList(c).at(-1)).toBe("registry.example.com/k8s/coredns:v1.10.1");
  });
});
