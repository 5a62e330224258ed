import { describe, expect, it } from "vitest";
import { HA_STACKED_CONFIG } from "../kubeadm/fixtures";
import { loadInitConfiguration } from "../kubeadm/load-config";
import { buildTopology } from "./build";
import { joinMachine } from "./join";

const NOW = Date.parse("2026-11-26T05:00:00Z");
const host = {
  hostname: "master1",
  ip: "192.168.56.10",
  generateToken: () => "abcdef.0123456789abcdef",
};

describe("joining machines", () => {
  it("adds worker3 with the next IP and pod CIDR", () => {
    const t = buildTopology({ now: NOW, seed: "j" });
    const { machine, created, topology } = joinMachine(t, "worker", NOW + 1000, "j");
    expect([machine.name, machine.ip, machine.podCIDR]).toEqual([
      "worker3",
      "192.168.56.22",
      "10.244.3.0/24",
    ]);
    expect(created.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(["Node/worker3"]);
    expect(topology.machines).toHaveLength(4);
    expect(t.machines).toHaveLength(3); // the input is left untouched
  });

  it("adds master2 with its static pods and a new stacked etcd member", () => {
    const { config } = loadInitConfiguration(HA_STACKED_CONFIG, { host });
    const t = buildTopology({ config, now: NOW, seed: "j", workers: 0 });
    const { machine, created, topology } = joinMachine(t, "control-plane", NOW, "j");
    expect(machine.name).toBe("master2");
    expect(created.map((o) => o.metadata.name)).toEqual([
      "master2",
      "etcd-master2",
      "kube-apiserver-master2",
      "kube-controller-manager-master2",
      "kube-scheduler-master2",
    ]);
    expect(topology.etcd.members.map((m) => m.name)).toEqual(["master1", "master2"]);
    const cmd = (topology.staticPods.master2![0]!.spec.containers as { command: string[] }[])[0]!
      .command;
    expect(cmd).toContain("--initial-cluster-state=existing");
  });
});
