import { describe, expect, it } from "vitest";
import { LabCluster } from "../cluster/lab-cluster";
import { T0 } from "./fixtures";

describe("the default lab cluster (master1 + worker1, worker2)", () => {
  const lab = new LabCluster({ seed: "default", now: T0 });

  it("has every kube-system pod Running and Ready, named as kubectl shows them", () => {
    const pods = lab.list("", "pods", "kube-system");
    const names = pods.map((p) => p.metadata.name ?? "");
    for (const n of [
      "etcd-master1",
      "kube-apiserver-master1",
      "kube-controller-manager-master1",
      "kube-scheduler-master1",
    ])
      expect(names).toContain(n);
    expect(names.filter((n) => /^coredns-[a-z0-9]{8,10}-[a-z0-9]{5}$/.test(n))).toHaveLength(2);
    expect(names.filter((n) => /^kube-proxy-[a-z0-9]{5}$/.test(n))).toHaveLength(3);
    expect(pods).toHaveLength(9);
    for (const p of pods) {
      const status = p.status as { phase: string; conditions: { type: string; status: string }[] };
      expect(status.phase, p.metadata.name).toBe("Running");
      expect(status.conditions.find((c) => c.type === "Ready")?.status, p.metadata.name).toBe(
        "True",
      );
    }
  });

  it("spreads coredns over the workers and runs kube-proxy on every node", () => {
    const nodeOf = (prefix: string) =>
      lab
        .list("", "pods", "kube-system")
        .filter((p) => p.metadata.name?.startsWith(prefix))
        .map((p) => (p.spec as { nodeName: string }).nodeName)
        .sort();
    expect(nodeOf("coredns-")).toEqual(["worker1", "worker2"]);
    expect(nodeOf("kube-proxy-")).toEqual(["master1", "worker1", "worker2"]);
  });

  it("has Ready nodes with node Leases and elected scheduler/controller-manager leaders", () => {
    for (const n of lab.list("", "nodes")) {
      const ready = (
        n.status as { conditions: { type: string; status: string }[] }
      ).conditions.find((c) => c.type === "Ready");
      expect(ready?.status).toBe("True");
      expect(
        lab.get("coordination.k8s.io", "leases", "kube-node-lease", n.metadata.name ?? ""),
      ).toBeDefined();
    }
    for (const c of ["kube-scheduler", "kube-controller-manager"]) {
      const lease = lab.get("coordination.k8s.io", "leases", "kube-system", c);
      const uid = lab.get("", "pods", "kube-system", `${c}-master1`)?.metadata.uid;
      expect((lease?.spec as { holderIdentity: string }).holderIdentity).toBe(`master1_${uid}`);
    }
  });

  it("is deterministic for a seed", () => {
    const again = new LabCluster({ seed: "default", now: T0 });
    const names = (l: LabCluster) =>
      l
        .list("", "pods")
        .map((p) => `${p.metadata.name}@${(p.spec as { nodeName?: string }).nodeName}`);
    expect(names(again)).toEqual(names(lab));
    expect(again.state.store.revision).toBe(lab.state.store.revision);
  });
});
