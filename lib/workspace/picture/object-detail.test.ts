import { describe, expect, it } from "vitest";
import { labTerminal } from "@/lib/sim/cli/testing";
import { objectDetail } from "./object-detail";

async function cluster(seed: string) {
  const { env } = labTerminal(seed);
  const createPod = (name: string, spec: Record<string, unknown> = {}) =>
    env.request({
      method: "POST",
      path: "/api/v1/namespaces/default/pods",
      body: {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name },
        spec: { containers: [{ name: "c", image: "nginx" }], ...spec },
      },
    });
  return { env, createPod };
}

describe("object detail", () => {
  it("explains where a scheduled pod went, with every node's verdict and scores", async () => {
    const { env, createPod } = await cluster("detail-1");
    await createPod("web");
    const d = objectDetail(await env.state(), "pods", "web")!;
    expect(d.yaml).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n/);
    expect(d.yaml).toContain("  name: web\n");
    const why = d.whyHere!;
    const selected = why.nodes.find((n) => n.verdict === "selected")!;
    expect(selected.node).toBe(why.selectedNode);
    expect(why.summary).toContain(`web 파드는 ${why.selectedNode} 노드에 배치되었습니다`);
    // master1 is tainted for the control plane: TaintToleration filtered it out.
    expect(why.nodes.find((n) => n.node === "master1")).toMatchObject({
      verdict: "rejected",
      plugin: "TaintToleration",
    });
    expect(selected.total).toBeGreaterThanOrEqual(0);
    expect(selected.scores!.length).toBeGreaterThan(0);
    expect(why.legend.map((l) => l.plugin)).toContain("TaintToleration");
    expect(d.events.map((e) => e.reason)).toContain("Scheduled");
  });

  it("says why no node fits a Pending pod", async () => {
    const { env, createPod } = await cluster("detail-2");
    await createPod("ssd", { nodeSelector: { disk: "ssd" } });
    const why = objectDetail(await env.state(), "pods", "ssd")!.whyHere!;
    expect(why.selectedNode).toBeUndefined();
    expect(why.message).toMatch(/^0\/3 nodes are available: /);
    expect(
      why.nodes
        .filter((n) => n.verdict === "rejected")
        .map((n) => n.plugin)
        .sort(),
    ).toEqual(["NodeAffinity", "NodeAffinity", "TaintToleration"]);
  });

  it("has no scheduling record for static pods, and null for missing objects", async () => {
    const { env } = await cluster("detail-3");
    const state = await env.state();
    expect(objectDetail(state, "pods", "etcd-master1", "kube-system")!.whyHere).toBeNull();
    expect(objectDetail(state, "pods", "nope")).toBeNull();
    const node = objectDetail(state, "nodes", "worker1")!;
    expect(node.yaml).toMatch(/^apiVersion: v1\nkind: Node\n/);
    expect(node.whyHere).toBeUndefined();
  });
});
