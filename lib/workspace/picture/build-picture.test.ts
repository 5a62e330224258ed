import { describe, expect, it } from "vitest";
import { labTerminal } from "@/lib/sim/cli/testing";
import { buildClusterPicture, statusTone } from "./build-picture";

describe("cluster picture", () => {
  it("shows the lesson cluster's control plane, nodes and their pods", async () => {
    const { env } = labTerminal("picture-1");
    const pic = buildClusterPicture(await env.state());
    expect(pic.nodes.map((n) => [n.name, n.ready, n.roles])).toEqual([
      ["master1", "True", ["control-plane"]],
      ["worker1", "True", []],
      ["worker2", "True", []],
    ]);
    expect(pic.apiServers).toEqual([
      { node: "master1", status: "Running", tone: "ok", leader: false },
    ]);
    expect(pic.etcd.quorum).toBe(true);
    expect(pic.etcd.members.filter((m) => m.leader)).toHaveLength(1);
    expect(pic.etcd.leader).toBe(pic.etcd.members.find((m) => m.leader)!.name);
    // One scheduler instance and it holds the Lease.
    expect(pic.schedulers).toEqual([
      { node: "master1", status: "Running", tone: "ok", leader: true },
    ]);
    const master = pic.nodes.find((n) => n.name === "master1")!;
    expect(master.taints).toEqual(["node-role.kubernetes.io/control-plane:NoSchedule"]);
    expect(master.pods.filter((p) => p.controlPlane).map((p) => p.name)).toEqual([
      "etcd-master1",
      "kube-apiserver-master1",
      "kube-controller-manager-master1",
      "kube-scheduler-master1",
    ]);
    expect(pic.unscheduled).toEqual([]);
  });

  it("puts a pod on its node as it starts, and a pod no node fits among the unscheduled", async () => {
    const { env } = labTerminal("picture-2");
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
    expect((await createPod("web")).code).toBe(201);
    const pod = (s: Awaited<ReturnType<typeof env.state>>) =>
      buildClusterPicture(s)
        .nodes.flatMap((n) => n.pods)
        .find((p) => p.name === "web");
    const first = pod(await env.state());
    expect(first?.node).toMatch(/^worker[12]$/);
    expect(first?.status).toBe("ContainerCreating");
    env.advance(30_000);
    expect(pod(await env.state())).toMatchObject({ status: "Running", tone: "ok", ready: "1/1" });

    expect((await createPod("ssd", { nodeSelector: { disk: "ssd" } })).code).toBe(201);
    const pending = buildClusterPicture(await env.state()).unscheduled;
    expect(pending.map((p) => [p.name, p.status, p.tone])).toEqual([
      ["ssd", "Pending", "progress"],
    ]);
  });

  it("marks a cordoned node", async () => {
    const { env, run } = labTerminal("picture-3");
    await run("kubectl cordon worker2");
    const pic = buildClusterPicture(await env.state());
    expect(pic.nodes.find((n) => n.name === "worker2")).toMatchObject({
      unschedulable: true,
      tone: "warn",
    });
  });

  it("maps statuses to tones", () => {
    expect(statusTone("Running")).toBe("ok");
    expect(statusTone("ContainerCreating")).toBe("progress");
    expect(statusTone("CrashLoopBackOff")).toBe("bad");
    expect(statusTone("Terminating")).toBe("warn");
  });
});
