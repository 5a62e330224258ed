import { describe, expect, it } from "vitest";
import { LabCluster } from "../cluster/lab-cluster";
import { deploymentManifest, T0 } from "./fixtures";

type Cond = { type: string; status: string; reason?: string; message?: string };

describe("node failure → NotReady → unreachable taint → eviction → rescheduling", () => {
  const lab = new LabCluster({ seed: "node-failure", now: T0 });
  lab.request("POST", "/apis/apps/v1/namespaces/default/deployments", deploymentManifest("web", 4));
  lab.advance(10_000);
  const onNode = (node: string) =>
    lab
      .list("", "pods", "default")
      .filter(
        (p) => (p.spec as { nodeName?: string }).nodeName === node && !p.metadata.deletionTimestamp,
      );

  it("starts with pods on both workers", () => {
    expect(onNode("worker1").length).toBeGreaterThan(0);
    expect(onNode("worker2").length).toBeGreaterThan(0);
  });

  it("keeps the node Ready within the 40 s grace period, then marks it Unknown and taints it", () => {
    const victims = onNode("worker1").map((p) => p.metadata.name);
    lab.setMachine("worker1", false);
    lab.advance(30_000);
    const ready = () =>
      (
        lab.get("", "nodes", undefined, "worker1")!.status as { conditions: Cond[] }
      ).conditions.find((c) => c.type === "Ready")!;
    expect(ready().status).toBe("True");
    lab.advance(30_000);
    expect(ready()).toMatchObject({
      status: "Unknown",
      reason: "NodeStatusUnknown",
      message: "Kubelet stopped posting node status.",
    });
    const taints = (
      lab.get("", "nodes", undefined, "worker1")!.spec as {
        taints: { key: string; effect: string }[];
      }
    ).taints;
    expect(taints).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: "node.kubernetes.io/unreachable", effect: "NoSchedule" }),
        expect.objectContaining({ key: "node.kubernetes.io/unreachable", effect: "NoExecute" }),
      ]),
    );
    // pods there are no longer Ready but not evicted yet (300 s tolerationSeconds)
    for (const name of victims) {
      const pod = lab.get("", "pods", "default", name ?? "")!;
      expect(pod.metadata.deletionTimestamp).toBeUndefined();
      expect(
        (pod.status as { conditions: Cond[] }).conditions.find((c) => c.type === "Ready")?.status,
      ).toBe("False");
    }
  });

  it(
    "evicts after the toleration and the Deployment replaces the pods on worker2",
    { timeout: 30_000 },
    () => {
      lab.advance(300_000);
      const evicted = lab
        .list("", "pods", "default")
        .filter((p) => (p.spec as { nodeName?: string }).nodeName === "worker1");
      // the kubelet is down, so evicted pods stay Terminating, as in a real cluster
      for (const p of evicted) expect(p.metadata.deletionTimestamp).toBeDefined();
      expect(evicted.length).toBeGreaterThan(0);
      expect(lab.eventsFor(evicted[0]!.metadata.name ?? "").map((e) => e.reason)).toContain(
        "TaintManagerEviction",
      );
      const running = onNode("worker2").filter(
        (p) => (p.status as { phase: string }).phase === "Running",
      );
      expect(running).toHaveLength(4);
      const d = lab.get("apps", "deployments", "default", "web")!;
      expect((d.status as { availableReplicas: number }).availableReplicas).toBe(4);
    },
  );

  it("comes back Ready and untainted when the machine starts again, and the old pods go", () => {
    lab.setMachine("worker1", true);
    lab.advance(5_000);
    const node = lab.get("", "nodes", undefined, "worker1")!;
    expect(
      (node.status as { conditions: Cond[] }).conditions.find((c) => c.type === "Ready")?.status,
    ).toBe("True");
    expect((node.spec as { taints?: unknown[] }).taints ?? []).toEqual([]);
    expect(
      lab
        .list("", "pods", "default")
        .filter((p) => (p.spec as { nodeName?: string }).nodeName === "worker1"),
    ).toHaveLength(0);
  });
});
