import { describe, expect, it } from "vitest";
import { buildTopology } from "../topology/build";
import { COURSE_HA_CONFIG } from "./fixtures";
import { EMPTY_MACHINE, machineFacts } from "./preflight";
import { runKubeadmInit } from "./run-init";

const NOW = Date.parse("2026-11-26T05:00:00Z");
const host = {
  hostname: "master1",
  ip: "192.168.56.10",
  generateToken: () => "abcdef.0123456789abcdef",
};
const base = { host, facts: EMPTY_MACHINE, now: NOW, pid: 3100, seed: "run" };

describe("kubeadm init, end to end", () => {
  it("initializes from the course's config on a fresh machine, warning about metadata", () => {
    const r = runKubeadmInit({
      ...base,
      flags: { config: "ha.yaml", "upload-certs": true },
      configText: COURSE_HA_CONFIG,
    });
    expect(r.output.exitCode).toBe(0);
    expect(r.output.stderr).toContain('unknown field "metadata"');
    expect(r.output.stdout).toContain("--control-plane --certificate-key ");
    expect(r.topology?.etcd.mode).toBe("external");
    expect(r.dryRun).toBe(false);
  });

  it("fails preflight on a machine that already runs the cluster, printing the header first", () => {
    const t = buildTopology({ now: NOW, seed: "run" });
    const r = runKubeadmInit({
      ...base,
      facts: machineFacts(t, "master1"),
      flags: { "pod-network-cidr": "10.244.0.0/16", "kubernetes-version": "v1.28.0" },
    });
    expect(r.output.exitCode).toBe(2);
    expect(r.output.stdout).toBe(
      "[init] Using Kubernetes version: v1.28.0\n[preflight] Running pre-flight checks\n",
    );
    expect(r.output.stderr).toContain("[ERROR Port-6443]: Port 6443 is in use");
    expect(r.topology).toBeNull();
  });

  it("goes on with --ignore-preflight-errors=all, listing the warnings", () => {
    const t = buildTopology({ now: NOW, seed: "run" });
    const r = runKubeadmInit({
      ...base,
      facts: machineFacts(t, "master1"),
      flags: { "kubernetes-version": "v1.28.0", "ignore-preflight-errors": "all" },
    });
    expect(r.output.exitCode).toBe(0);
    expect(r.output.stdout).toContain(
      "[preflight] Running pre-flight checks\n\t[WARNING Port-6443]: Port 6443 is in use\n",
    );
  });

  it("reports config errors with kubeadm's exit codes", () => {
    const mixed = runKubeadmInit({
      ...base,
      flags: { config: "f.yaml", "pod-network-cidr": "10.244.0.0/16" },
      configText: "",
    });
    expect(mixed.output).toMatchObject({ exitCode: 1, stdout: "" });
    expect(mixed.output.stderr).toContain(
      "can not mix '--config' with arguments [pod-network-cidr]",
    );
    const invalid = runKubeadmInit({
      ...base,
      flags: { config: "f.yaml" },
      configText:
        "apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nkubernetesVersion: v1.28.0\nnetworking:\n  podSubnet: bad\n",
    });
    expect(invalid.output.exitCode).toBe(3);
  });

  it("marks --dry-run results as not to be applied", () => {
    const r = runKubeadmInit({
      ...base,
      flags: { "kubernetes-version": "v1.28.0", "dry-run": true },
    });
    expect(r.dryRun).toBe(true);
    expect(r.output.stdout).toMatch(/\/etc\/kubernetes\/tmp\/kubeadm-init-dryrun\d{10}/);
  });
});
