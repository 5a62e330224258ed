import { describe, expect, it } from "vitest";
import { COURSE_HA_CONFIG_FIXED, HA_STACKED_CONFIG } from "../kubeadm/fixtures";
import { loadInitConfiguration } from "../kubeadm/load-config";
import { buildTopology } from "./build";

const NOW = Date.parse("2026-11-26T05:00:00Z");
const host = {
  hostname: "master1",
  ip: "192.168.56.10",
  generateToken: () => "abcdef.0123456789abcdef",
};

function names(t: ReturnType<typeof buildTopology>, kind: string, ns?: string) {
  return t.objects
    .filter((o) => o.kind === kind && (ns === undefined || o.metadata.namespace === ns))
    .map((o) => o.metadata.name ?? "");
}

describe("the default lab cluster", () => {
  const t = buildTopology({ now: NOW, seed: "lab" });

  it("has master1 and two workers with the lesson's names and lab IPs", () => {
    expect(t.machines.map((m) => [m.name, m.role, m.ip, m.podCIDR])).toEqual([
      ["master1", "control-plane", "192.168.56.10", "10.244.0.0/24"],
      ["worker1", "worker", "192.168.56.20", "10.244.1.0/24"],
      ["worker2", "worker", "192.168.56.21", "10.244.2.0/24"],
    ]);
    expect(names(t, "Node")).toEqual(["master1", "worker1", "worker2"]);
  });

  it("runs the control plane as static pods named <component>-<node> in kube-system", () => {
    expect(names(t, "Pod", "kube-system")).toEqual([
      "etcd-master1",
      "kube-apiserver-master1",
      "kube-controller-manager-master1",
      "kube-scheduler-master1",
    ]);
    const etcd = t.objects.find((o) => o.metadata.name === "etcd-master1")!;
    expect((etcd.spec as { nodeName: string }).nodeName).toBe("master1");
    expect(etcd.metadata.annotations?.["kubernetes.io/config.source"]).toBe("file");
    expect(t.etcd).toEqual({
      mode: "stacked",
      members: [
        {
          name: "master1",
          address: "192.168.56.10",
          peerURL: "https://192.168.56.10:2380",
          clientURL: "https://192.168.56.10:2379",
        },
      ],
    });
  });

  it("labels and taints the control plane, not the workers", () => {
    const node = (n: string) => t.objects.find((o) => o.kind === "Node" && o.metadata.name === n)!;
    const master = node("master1");
    expect(master.metadata.labels).toMatchObject({
      "kubernetes.io/hostname": "master1",
      "node-role.kubernetes.io/control-plane": "",
    });
    expect((master.spec as { taints: unknown }).taints).toEqual([
      { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" },
    ]);
    const worker = node("worker1");
    expect(worker.metadata.labels?.["node-role.kubernetes.io/control-plane"]).toBeUndefined();
    expect((worker.spec as { taints?: unknown }).taints).toBeUndefined();
    const status = worker.status as {
      capacity: Record<string, string>;
      nodeInfo: Record<string, string>;
      addresses: unknown;
    };
    expect(status.capacity).toMatchObject({ cpu: "4", pods: "110" });
    expect(status.nodeInfo).toMatchObject({
      kubeletVersion: "v1.28.0",
      containerRuntimeVersion: "containerd://1.7.13",
    });
    expect(status.addresses).toEqual([
      { address: "192.168.56.20", type: "InternalIP" },
      { address: "worker1", type: "Hostname" },
    ]);
  });

  it("creates the add-ons and Services with IPs from the service subnet", () => {
    expect(names(t, "Deployment")).toEqual(["coredns"]);
    expect(names(t, "DaemonSet")).toEqual(["kube-proxy"]);
    const svc = (n: string) =>
      t.objects.find((o) => o.kind === "Service" && o.metadata.name === n)!;
    expect((svc("kubernetes").spec as { clusterIP: string }).clusterIP).toBe("10.96.0.1");
    expect((svc("kube-dns").spec as { clusterIP: string }).clusterIP).toBe("10.96.0.10");
    expect(names(t, "ConfigMap", "kube-system")).toEqual([
      "kubeadm-config",
      "kubelet-config",
      "kube-proxy",
      "coredns",
      "kube-root-ca.crt",
    ]);
    expect(names(t, "ConfigMap").filter((n) => n === "kube-root-ca.crt")).toHaveLength(4);
  });

  it("is deterministic for a seed and differs across seeds", () => {
    const again = buildTopology({ now: NOW, seed: "lab" });
    expect(JSON.stringify(again)).toBe(JSON.stringify(t));
    expect(buildTopology({ now: NOW, seed: "other" }).tokens[0]!.token).not.toBe(
      t.tokens[0]!.token,
    );
    expect(t.tokens[0]!.token).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
  });

  it("stays lean: the objects fit in 32 KiB of JSON, half the sandbox budget", () => {
    expect(JSON.stringify(t.objects).length).toBeLessThanOrEqual(32 * 1024);
  });
});

describe("HA topologies", () => {
  it("stacks one etcd member per control plane, each joining the ones before it", () => {
    const { config } = loadInitConfiguration(HA_STACKED_CONFIG, { host });
    const t = buildTopology({ config, controlPlanes: 3, workers: 2, now: NOW, seed: "ha" });
    expect(t.machines.filter((m) => m.role === "control-plane").map((m) => m.name)).toEqual([
      "master1",
      "master2",
      "master3",
    ]);
    expect(t.etcd.members.map((m) => m.name)).toEqual(["master1", "master2", "master3"]);
    const etcd3 = t.staticPods.master3![0]!;
    const cmd = (etcd3.spec.containers as { command: string[] }[])[0]!.command;
    expect(cmd).toContain(
      "--initial-cluster=master1=https://192.168.56.10:2380,master2=https://192.168.56.11:2380,master3=https://192.168.56.12:2380",
    );
    expect(cmd).toContain("--initial-cluster-state=existing");
    expect(t.apiServerEndpoint).toBe("k8s-api.example.com:6443");
    expect(names(t, "Pod").filter((n) => n.startsWith("kube-apiserver-"))).toEqual([
      "kube-apiserver-master1",
      "kube-apiserver-master2",
      "kube-apiserver-master3",
    ]);
    const endpoints = t.objects.find((o) => o.kind === "Endpoints")!;
    expect(endpoints.subsets).toEqual([
      {
        addresses: [{ ip: "192.168.56.10" }, { ip: "192.168.56.11" }, { ip: "192.168.56.12" }],
        ports: [{ name: "https", port: 6443, protocol: "TCP" }],
      },
    ]);
  });

  it("uses the course's external 3-member etcd: no etcd pods, members from the endpoints", () => {
    const { config } = loadInitConfiguration(COURSE_HA_CONFIG_FIXED, { host });
    const t = buildTopology({ config, controlPlanes: 3, now: NOW, seed: "ext" });
    expect(t.etcd.mode).toBe("external");
    expect(t.etcd.members.map((m) => [m.name, m.clientURL])).toEqual([
      ["etcd1", "https://etcd1.example.com:2379"],
      ["etcd2", "https://etcd2.example.com:2379"],
      ["etcd3", "https://etcd3.example.com:2379"],
    ]);
    expect(names(t, "Pod").some((n) => n.startsWith("etcd-"))).toBe(false);
  });

  it("refuses several control planes without a controlPlaneEndpoint", () => {
    expect(() => buildTopology({ controlPlanes: 3, now: NOW, seed: "x" })).toThrow(
      /controlPlaneEndpoint/,
    );
  });
});

describe("component configs", () => {
  it("signs kubelet-config and kube-proxy with the checksum of their data", async () => {
    const { configMapChecksum } = await import("./sha256");
    const t = buildTopology({ now: NOW, seed: "cc" });
    for (const name of ["kubelet-config", "kube-proxy"]) {
      const cm = t.objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === name)!;
      expect(cm.metadata.annotations?.["kubeadm.kubernetes.io/component-config.hash"]).toBe(
        configMapChecksum(cm.data as Record<string, string>),
      );
    }
    const kubelet = t.objects.find((o) => o.metadata.name === "kubelet-config")!;
    expect((kubelet.data as { kubelet: string }).kubelet).toContain("clusterDNS:\n- 10.96.0.10\n");
  });
});
