import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildTopology } from "./build";
import { machineFiles } from "./files";

const t = buildTopology({ now: Date.parse("2026-11-26T05:00:00Z"), seed: "files" });

describe("machine files", () => {
  it("puts the four manifests on master1 and none on a worker", () => {
    const master = machineFiles(t, "master1");
    expect(
      Object.keys(master.files)
        .filter((p) => p.startsWith("/etc/kubernetes/manifests/"))
        .sort(),
    ).toEqual([
      "/etc/kubernetes/manifests/etcd.yaml",
      "/etc/kubernetes/manifests/kube-apiserver.yaml",
      "/etc/kubernetes/manifests/kube-controller-manager.yaml",
      "/etc/kubernetes/manifests/kube-scheduler.yaml",
    ]);
    const worker = machineFiles(t, "worker1");
    expect(Object.keys(worker.files).some((p) => p.includes("/manifests/"))).toBe(false);
    expect(worker.dirs).toContain("/etc/kubernetes/manifests");
  });

  it("writes manifests that read back as the static pods", () => {
    const text = machineFiles(t, "master1").files["/etc/kubernetes/manifests/etcd.yaml"]!;
    expect(text.startsWith("apiVersion: v1\nkind: Pod\nmetadata:\n")).toBe(true);
    expect(text).toContain("  creationTimestamp: null\n");
    expect(parse(text)).toEqual(JSON.parse(JSON.stringify(t.staticPods.master1![0])));
  });

  it("lists kubeadm's pki files with placeholder contents, never key material", () => {
    const files = machineFiles(t, "master1").files;
    for (const name of [
      "ca.crt",
      "ca.key",
      "apiserver.crt",
      "sa.key",
      "sa.pub",
      "etcd/ca.crt",
      "etcd/server.key",
      "front-proxy-client.crt",
    ]) {
      expect(files[`/etc/kubernetes/pki/${name}`]).toContain("Kubelab simulator placeholder");
    }
    expect(files["/etc/kubernetes/pki/ca.key"]).toContain("holds no real keys");
  });

  it("points admin.conf at the API server endpoint", () => {
    const admin = parse(machineFiles(t, "master1").files["/etc/kubernetes/admin.conf"]!);
    expect(admin.clusters[0].cluster.server).toBe("https://192.168.56.10:6443");
    expect(admin["current-context"]).toBe("kubernetes-admin@kubernetes");
  });
});
