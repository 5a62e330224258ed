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
