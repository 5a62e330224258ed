import { describe, expect, it } from "vitest";
import { podManifest } from "./fixtures";
import { haCluster } from "./ha";

const holder = (lab: ReturnType<typeof haCluster>, name: string) =>
  lab.get("coordination.k8s.io", "leases", "kube-system", name)!.spec as {
    holderIdentity: string;
    leaseTransitions: number;
  };

describe("leader election failover of kube-scheduler (HA control plane)", () => {
  const lab = haCluster("failover");

  it("runs a scheduler on every control-plane node with master1's holding the Lease", () => {
    const schedulers = lab
      .list("", "pods", "kube-system")
      .filter((p) => p.metadata.name?.startsWith("kube-scheduler-"))
      .map((p) => p.metadata.name);
    expect(schedulers).toEqual([
      "kube-scheduler-master1",
      "kube-scheduler-master2",
      "kube-scheduler-master3",
    ]);
    expect(holder(lab, "kube-scheduler").holderIdentity).toMatch(/^master1_[0-9a-f-]{36}$/);
  });

  it("keeps the old holder until the 15 s lease runs out, and nobody schedules meanwhile", () => {
    lab.setMachine("master1", false);
    lab.advance(5_000);
    expect(holder(lab, "kube-scheduler").holderIdentity).toMatch(/^master1_/);
    lab.request("POST", "/api/v1/namespaces/default/pods", podManifest("waiting"));
    expect(
      (lab.get("", "pods", "default", "waiting")!.spec as { nodeName?: string }).nodeName,
    ).toBeUndefined();
  });

  it("moves the Lease to master2 after it expires; the pod then gets scheduled", () => {
    lab.advance(15_000);
    const lease = holder(lab, "kube-scheduler");
    const uid = lab.get("", "pods", "kube-system", "kube-scheduler-master2")!.metadata.uid;
    expect(lease.holderIdentity).toBe(`master2_${uid}`);
    expect(lease.leaseTransitions).toBe(1);
    expect(holder(lab, "kube-controller-manager").holderIdentity).toMatch(/^master2_/);
    expect(
      (lab.get("", "pods", "default", "waiting")!.spec as { nodeName?: string }).nodeName,
    ).toMatch(/^worker[12]$/);
    const events = lab.eventsFor("kube-scheduler", "kube-system").map((e) => e.message);
    expect(events.some((m) => /^master2_.* became leader$/.test(m))).toBe(true);
  });
});

describe("the seed's HA example with an external 3-member etcd", () => {
  it("comes up with three API servers and no etcd pods, and survives losing a control plane", async () => {
    const { COURSE_HA_CONFIG_FIXED } = await import("../kubeadm/fixtures");
    const { loadInitConfiguration } = await import("../kubeadm/load-config");
    const { LabCluster } = await import("../cluster/lab-cluster");
    const { config } = loadInitConfiguration(COURSE_HA_CONFIG_FIXED, {
      host: {
        hostname: "master1",
        ip: "192.168.56.10",
        generateToken: () => "abcdef.0123456789abcdef",
      },
    });
    const lab = new LabCluster({
      seed: "external",
      now: Date.UTC(2026, 0, 1),
      config,
      controlPlanes: 3,
      workers: 1,
    });
    const names = lab.list("", "pods", "kube-system").map((p) => p.metadata.name ?? "");
    expect(names.filter((n) => n.startsWith("kube-apiserver-"))).toHaveLength(3);
    expect(names.filter((n) => n.startsWith("etcd-"))).toHaveLength(0);
    expect(lab.state.etcd.members).toHaveLength(3);
    lab.setMachine("master1", false);
    lab.advance(20_000);
    expect(lab.state.etcd.members.every((m) => m.running)).toBe(true);
    expect(lab.request("POST", "/api/v1/namespaces/default/pods", podManifest("after")).code).toBe(
      201,
    );
    expect((lab.get("", "pods", "default", "after")!.spec as { nodeName?: string }).nodeName).toBe(
      "worker1",
    );
  });
});
