import { describe, expect, it } from "vitest";
import { LabCluster } from "../cluster/lab-cluster";
import { T0 } from "../scenarios/fixtures";

const pinned = (name: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: { nodeName: "worker1", containers: [{ name: "c", image: "nginx" }] },
});

describe("kubelet", () => {
  const lab = new LabCluster({ seed: "kubelet", now: T0 });

  it("renews its node Lease every 10 s of virtual time", () => {
    const renew = () =>
      (
        lab.get("coordination.k8s.io", "leases", "kube-node-lease", "worker1")!.spec as {
          renewTime: string;
        }
      ).renewTime;
    const before = renew();
    lab.advance(10_000);
    expect(Date.parse(renew())).toBeGreaterThan(Date.parse(before));
  });

  it("rejects pods bound past the node's pod capacity with OutOfpods", () => {
    const node = lab.get("", "nodes", undefined, "worker1")!;
    const status = node.status as { allocatable: Record<string, string> };
    // worker1 already runs kube-proxy and a coredns pod: room for one more
    lab.request("PUT", "/api/v1/nodes/worker1/status", {
      ...node,
      status: { ...status, allocatable: { ...status.allocatable, pods: "3" } },
    });
    lab.request("POST", "/api/v1/namespaces/default/pods", pinned("fits"));
    lab.request("POST", "/api/v1/namespaces/default/pods", pinned("extra"));
    const extra = lab.get("", "pods", "default", "extra")!.status as {
      phase: string;
      reason: string;
      message: string;
    };
    expect(extra).toMatchObject({
      phase: "Failed",
      reason: "OutOfpods",
      message:
        "Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 3, capacity: 3",
    });
    expect((lab.get("", "pods", "default", "fits")!.status as { phase: string }).phase).not.toBe(
      "Failed",
    );
  });
});
