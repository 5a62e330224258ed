import { describe, expect, it } from "vitest";
import { buildTopology } from "../topology/build";
import { joinMachine } from "../topology/join";
import { HA_STACKED_CONFIG } from "./fixtures";
import { kubeadmJoinOutput } from "./join-output";
import { loadInitConfiguration } from "./load-config";

const NOW = Date.parse("2026-11-26T05:00:00Z");
const host = {
  hostname: "master1",
  ip: "192.168.56.10",
  generateToken: () => "abcdef.0123456789abcdef",
};

describe("kubeadm join output", () => {
  const t = buildTopology({ now: NOW, seed: "join" });
  const token = t.tokens[0]!.token;
  const worker = joinMachine(t, "worker", NOW, "join").machine;

  it("joins a worker with a valid token", () => {
    const out = kubeadmJoinOutput(t, {
      endpoint: "192.168.56.10:6443",
      token,
      controlPlane: false,
      machine: worker,
      now: NOW,
    });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain(
      "[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap...\n\nThis node has joined the cluster:\n",
    );
  });

  it("fails discovery for an unknown or expired token", () => {
    const bad = kubeadmJoinOutput(t, {
      endpoint: "192.168.56.10:6443",
      token: "zzzzzz.0123456789abcdef",
      controlPlane: false,
      machine: worker,
      now: NOW,
    });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toBe(
      'error execution phase preflight: couldn\'t validate the identity of the API Server: could not find a JWS signature in the cluster-info ConfigMap for token ID "zzzzzz"\nTo see the stack trace of this error execute with --v=5 or higher\n',
    );
    const expired = kubeadmJoinOutput(t, {
      endpoint: "192.168.56.10:6443",
      token,
      controlPlane: false,
      machine: worker,
      now: NOW + 25 * 3600_000,
    });
    expect(expired.exitCode).toBe(1);
  });

  it("refuses a control-plane join without a controlPlaneEndpoint", () => {
    const out = kubeadmJoinOutput(t, {
      endpoint: "192.168.56.10:6443",
      token,
      controlPlane: true,
      machine: worker,
      now: NOW,
    });
    expect(out.stderr).toContain(
      "unable to add a new control plane instance to a cluster that doesn't have a stable controlPlaneEndpoint address",
    );
  });

  it("joins a stacked control plane, announcing the new etcd member", () => {
    const { config } = loadInitConfiguration(HA_STACKED_CONFIG, { host });
    const ha = buildTopology({ config, now: NOW, seed: "ha" });
    const m = joinMachine(ha, "control-plane", NOW, "ha").machine;
    const out = kubeadmJoinOutput(ha, {
      endpoint: "k8s-api.example.com:6443",
      token: "abcdef.0123456789abcdef",
      controlPlane: true,
      machine: m,
      now: NOW,
    });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain(
      "[certs] etcd/server serving cert is signed for DNS names [localhost master2] and IPs [192.168.56.11 127.0.0.1 ::1]\n",
    );
    expect(out.stdout).toContain(
      "[etcd] Announced new etcd member joining to the existing etcd cluster\n",
    );
    expect(out.stdout).toContain(
      "* A new etcd member was added to the local/stacked etcd cluster.\n",
    );
  });
});
