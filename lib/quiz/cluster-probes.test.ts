import { describe, expect, it } from "vitest";
import { haCluster } from "@/lib/sim/scenarios/ha";
import { probeCluster } from "./cluster-probes";

// The live truths come from the simulated cluster itself: after a failover the
// answer changes, so a hard-coded answer key could not pass these.
describe("probeCluster", () => {
  const lab = haCluster("quiz-probes");

  it("reads the scheduler's and controller manager's Lease holders", () => {
    const s = probeCluster(lab.state, "scheduler-leader-node");
    expect(s.value).toBe("master1");
    const lease = lab.get("coordination.k8s.io", "leases", "kube-system", "kube-scheduler")!;
    expect(s.accepted).toEqual([
      "master1",
      (lease.spec as { holderIdentity: string }).holderIdentity,
    ]);
    expect(probeCluster(lab.state, "controller-manager-leader-node").value).toBe("master1");
  });

  it("counts etcd members and Ready nodes, and names the etcd leader", () => {
    expect(probeCluster(lab.state, "etcd-member-count").value).toBe("3");
    expect(probeCluster(lab.state, "ready-node-count").value).toBe("5");
    const leader = probeCluster(lab.state, "etcd-leader-member");
    const member = lab.state.etcd.members.find((m) => m.id === lab.state.etcd.leaderId)!;
    expect(leader).toEqual({ value: member.name, accepted: [member.name, member.id] });
  });

  it("follows a failover: no holder while the old Lease is valid, then master2", () => {
    lab.setMachine("master1", false);
    lab.advance(5_000);
    // The Lease still names master1, but its holder is down: nobody leads.
    expect(probeCluster(lab.state, "scheduler-leader-node")).toEqual({
      value: null,
      accepted: ["없음", "none", "no leader"],
    });
    lab.advance(15_000);
    expect(probeCluster(lab.state, "scheduler-leader-node").value).toBe("master2");
    expect(probeCluster(lab.state, "controller-manager-leader-node").value).toBe("master2");
  });

  it("counts a stopped node as not Ready once the node controller notices", () => {
    lab.advance(60_000);
    expect(probeCluster(lab.state, "ready-node-count").value).toBe("4");
  });
});
