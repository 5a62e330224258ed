// The bootstrap objects as stored in a default-cluster sandbox, compared with what a real
// kubeadm 1.28 cluster shows in `kubectl get -o yaml` (fields kubeadm/kubelet/admission set).
import { describe, expect, it } from "vitest";
import { buildClusterSandbox } from "../cluster/default-cluster";
import { getObject } from "../controllers/shared/cache";
import { buildTopology, nodeUid } from "./build";

const NOW = Date.parse("2026-11-26T05:00:00Z");

describe("bootstrap objects of a default cluster", () => {
  const { state } = buildClusterSandbox({ seed: "fidelity", now: NOW, template: false });
  const get = (group: string, resource: string, ns: string | undefined, name: string) =>
    getObject(state, group, resource, ns, name)!;

  it("makes master1's Node the controller owner of each mirror pod", () => {
    const node = get("", "nodes", undefined, "master1");
    for (const c of ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"]) {
      const pod = get("", "pods", "kube-system", `${c}-master1`);
      expect(pod.metadata.ownerReferences).toEqual([
        {
          apiVersion: "v1",
          controller: true,
          kind: "Node",
          name: "master1",
          uid: node.metadata.uid,
        },
      ]);
      expect((pod.spec as { preemptionPolicy?: string }).preemptionPolicy).toBe(
        "PreemptLowerPriority",
      );
    }
  });

  it("gives the topology's Node the uid its mirror pods name", () => {
    expect(get("", "nodes", undefined, "master1").metadata.uid).toBe(
      nodeUid("fidelity", "master1"),
    );
    expect(nodeUid("fidelity", "master1")).not.toBe(nodeUid("fidelity", "worker1"));
    const t = buildTopology({ now: NOW, seed: "fidelity" });
    const etcd = t.objects.find((o) => o.metadata.name === "etcd-master1")!;
    expect(etcd.metadata.ownerReferences?.[0]?.uid).toBe(nodeUid("fidelity", "master1"));
  });

  it("marks kube-proxy's template generation and mirrors serviceAccount in templates", () => {
    const ds = get("apps", "daemonsets", "kube-system", "kube-proxy");
    expect(ds.metadata.annotations?.["deprecated.daemonset.template.generation"]).toBe("1");
    const templateSpec = (o: typeof ds) =>
      (o.spec as { template: { spec: Record<string, unknown> } }).template.spec;
    expect(templateSpec(ds).serviceAccount).toBe("kube-proxy");
    const dns = get("apps", "deployments", "kube-system", "coredns");
    expect(templateSpec(dns).serviceAccount).toBe("coredns");
  });

  it("reports each preloaded image with its own size", () => {
    const images = (
      get("", "nodes", undefined, "master1").status as {
        images: { names: string[]; sizeBytes: number }[];
      }
    ).images;
    const size = (name: string) => images.find((i) => i.names.includes(name))?.sizeBytes;
    expect(size("registry.k8s.io/etcd:3.5.9-0")).toBe(103_000_000);
    expect(size("registry.k8s.io/pause:3.9")).toBe(322_000);
    expect(new Set(images.map((i) => i.sizeBytes)).size).toBe(images.length);
  });
});
