import { describe, expect, it } from "vitest";
import { makeNode, makePod } from "../testing/fixtures";
import { Snapshot } from "./snapshot";

describe("Snapshot", () => {
  it("counts assigned pods and their requests per node, incrementally", () => {
    const snapshot = new Snapshot({
      nodes: [makeNode("a"), makeNode("b")],
      pods: [
        makePod("p1", { nodeName: "a", requests: { cpu: "250m", memory: "64Mi" } }),
        makePod("pending", { requests: { cpu: "1" } }),
        makePod("elsewhere", { nodeName: "gone", requests: { cpu: "1" } }),
      ],
    });
    const a = snapshot.get("a")!;
    expect(a.pods.map((p) => p.name)).toEqual(["p1"]);
    expect(a.requested.milliCPU).toBe(250);
    expect(a.requested.memory).toBe(64 * 1024 * 1024);
    // scoring counts 100m / 200Mi for containers that request nothing
    snapshot.addPod(makePod("p2", {}), "a");
    expect(a.nonZeroMilliCPU).toBe(350);
    expect(a.requested.milliCPU).toBe(250);
    expect(snapshot.removePod("default/p1")).toBe(true);
    expect(a.requested.milliCPU).toBe(0);
    expect(a.nonZeroMilliCPU).toBe(100);
    expect(snapshot.removePod("default/p1")).toBe(false);
  });

  it("moves a re-added pod instead of counting it twice", () => {
    const snapshot = new Snapshot({ nodes: [makeNode("a"), makeNode("b")] });
    const pod = makePod("p", { requests: { cpu: "1" } });
    snapshot.addPod(pod, "a");
    snapshot.addPod(pod, "b");
    expect(snapshot.get("a")!.pods).toEqual([]);
    expect(snapshot.get("b")!.requested.milliCPU).toBe(1000);
    expect(snapshot.nodeOf("default/p")!.name).toBe("b");
  });

  it("tracks host ports and pods with affinity", () => {
    const snapshot = new Snapshot({ nodes: [makeNode("a")] });
    const withPort = makePod("web", {
      containers: [{ name: "c", ports: [{ containerPort: 80, hostPort: 80 }] }],
    });
    const affine = makePod("aff", {
      spec: {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "x" }],
          },
        },
      },
    });
    snapshot.addPod(withPort, "a");
    snapshot.addPod(affine, "a");
    const a = snapshot.get("a")!;
    expect(a.portConflicts({ ip: "0.0.0.0", protocol: "TCP", port: 80 })).toBe(true);
    expect(snapshot.havePodsWithAffinityList().map((n) => n.name)).toEqual(["a"]);
    expect(snapshot.havePodsWithRequiredAntiAffinityList().map((n) => n.name)).toEqual(["a"]);
    snapshot.removePod("default/web");
    snapshot.removePod("default/aff");
    expect(a.portConflicts({ ip: "0.0.0.0", protocol: "TCP", port: 80 })).toBe(false);
    expect(snapshot.havePodsWithAffinityList()).toEqual([]);
  });

  it("clones a node so preemption dry runs leave the original alone", () => {
    const snapshot = new Snapshot({
      nodes: [makeNode("a")],
      pods: [makePod("p", { nodeName: "a", requests: { cpu: "1" } })],
    });
    const a = snapshot.get("a")!;
    const copy = a.clone();
    copy.removePod(copy.pods[0]!);
    expect(copy.requested.milliCPU).toBe(0);
    expect(a.requested.milliCPU).toBe(1000);
    expect(a.pods).toHaveLength(1);
  });
});

describe("Snapshot and finished pods", () => {
  it("does not count Succeeded or Failed pods against their node", () => {
    const done = {
      ...makePod("job-1", { nodeName: "a", requests: { cpu: "1" } }),
      status: { phase: "Succeeded" },
    };
    const failed = {
      ...makePod("job-2", { nodeName: "a", requests: { cpu: "1" } }),
      status: { phase: "Failed" },
    };
    const running = {
      ...makePod("web", { nodeName: "a", requests: { cpu: "1" } }),
      status: { phase: "Running" },
    };
    const snapshot = new Snapshot({ nodes: [makeNode("a")], pods: [done, failed, running] });
    expect(snapshot.get("a")!.pods.map((p) => p.name)).toEqual(["web"]);
    expect(snapshot.get("a")!.requested.milliCPU).toBe(1000);
  });
});
