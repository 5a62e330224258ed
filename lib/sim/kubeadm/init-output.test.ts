import { describe, expect, it } from "vitest";
import { buildTopology } from "../topology/build";
import { COURSE_HA_CONFIG } from "./fixtures";
import { kubeadmInitOutput } from "./init-output";
import { loadInitConfiguration } from "./load-config";

const NOW = Date.parse("2026-11-26T05:00:00Z");
const host = {
  hostname: "master1",
  ip: "192.168.56.10",
  generateToken: () => "abcdef.0123456789abcdef",
};

function phases(stdout: string): string[] {
  const seen: string[] = [];
  for (const m of stdout.matchAll(/^\[([a-z-]+)\]/gm)) if (!seen.includes(m[1]!)) seen.push(m[1]!);
  return seen;
}

describe("kubeadm init output", () => {
  const t = buildTopology({ now: NOW, seed: "init" });
  const out = kubeadmInitOutput(t, { now: NOW, pid: 4242, healthySeconds: 6.502275 });

  it("runs the phases in kubeadm 1.28's order", () => {
    expect(phases(out.stdout)).toEqual([
      "init",
      "preflight",
      "certs",
      "kubeconfig",
      "kubelet-start",
      "control-plane",
      "etcd",
      "wait-control-plane",
      "apiclient",
      "upload-config",
      "kubelet",
      "upload-certs",
      "mark-control-plane",
      "bootstrap-token",
      "kubelet-finalize",
      "addons",
    ]);
    expect(out.exitCode).toBe(0);
    expect(out.stderr).toBe("");
  });

  it("lists the certificates with their SANs", () => {
    expect(out.stdout).toContain(
      "[certs] apiserver serving cert is signed for DNS names [kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local master1] and IPs [10.96.0.1 192.168.56.10]\n",
    );
    expect(out.stdout).toContain(
      "[certs] etcd/peer serving cert is signed for DNS names [localhost master1] and IPs [192.168.56.10 127.0.0.1 ::1]\n",
    );
    expect(out.stdout).toContain(
      "[apiclient] All control plane components are healthy after 6.502275 seconds\n",
    );
  });

  it("ends with the success message and a worker join command (tab-indented, trailing space)", () => {
    const token = t.tokens[0]!.token;
    expect(out.stdout).toContain(
      "\n\nYour Kubernetes control-plane has initialized successfully!\n",
    );
    expect(out.stdout).toMatch(
      new RegExp(
        `\\nkubeadm join 192\\.168\\.56\\.10:6443 --token ${token.replace(".", "\\.")} \\\\\\n\\t--discovery-token-ca-cert-hash sha256:[0-9a-f]{64} \\n$`,
      ),
    );
    expect(out.stdout).not.toContain("--control-plane");
  });

  it("for the course's HA config: skips etcd certs and manifest, prints the control-plane join and the warnings", () => {
    const { config, warnings } = loadInitConfiguration(COURSE_HA_CONFIG, { host });
    const ha = buildTopology({ config, now: NOW, seed: "ha" });
    const o = kubeadmInitOutput(ha, {
      now: NOW,
      pid: 4242,
      healthySeconds: 5,
      warnings,
      uploadCerts: true,
      certificateKey: "a".repeat(64),
    });
    expect(o.stdout).toContain(
      "[certs] External etcd mode: Skipping etcd/ca certificate authority generation\n",
    );
    expect(o.stdout).not.toContain("[etcd] Creating static Pod manifest");
    expect(o.stdout).toContain(
      `  kubeadm join k8s-api.example.com:6443 --token abcdef.0123456789abcdef \\\n\t--discovery-token-ca-cert-hash `,
    );
    expect(o.stdout).toContain(`\\\n\t--control-plane --certificate-key ${"a".repeat(64)}\n`);
    expect(o.stdout).toContain("[upload-certs] Using certificate key:\n" + "a".repeat(64) + "\n");
    const lines = o.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(
      'W1126 05:00:00.000000    4242 initconfiguration.go:306] error unmarshaling configuration schema.GroupVersionKind{Group:"kubeadm.k8s.io", Version:"v1beta3", Kind:"ClusterConfiguration"}: strict decoding error: unknown field "metadata"',
    );
    expect(
      lines.filter((l) =>
        l.includes("endpoint.go:57] [endpoint] WARNING: port specified in controlPlaneEndpoint"),
      ),
    ).toHaveLength(4);
  });

  it("with --dry-run writes to a temporary directory and prints the manifests instead", () => {
    const dry = kubeadmInitOutput(t, {
      now: NOW,
      pid: 1,
      healthySeconds: 1,
      dryRun: true,
      tmpSuffix: "123",
    });
    expect(dry.stdout).toContain(
      '[certs] Using certificateDir folder "/etc/kubernetes/tmp/kubeadm-init-dryrun123"\n',
    );
    expect(dry.stdout).toContain(
      '[dryrun] Would write file "/etc/kubernetes/manifests/kube-apiserver.yaml" with content:\n\tapiVersion: v1\n\tkind: Pod\n',
    );
    expect(dry.stdout).toContain(
      '[dryrun] Would perform action CREATE on resource "configmaps" in API group "core/v1"\n',
    );
    expect(dry.stdout).not.toContain("[kubelet-finalize]");
    expect(dry.stdout).not.toContain("[apiclient] All control plane components are healthy");
  });
});

describe("interleaved transcript", () => {
  it("shows each endpoint warning right before the kubeconfig it concerns", () => {
    const { config, warnings } = loadInitConfiguration(COURSE_HA_CONFIG, { host });
    const ha = buildTopology({ config, now: NOW, seed: "ha" });
    const o = kubeadmInitOutput(ha, { now: NOW, pid: 7, healthySeconds: 5, warnings });
    const lines = o.terminal!.split("\n");
    expect(lines[0]).toContain('strict decoding error: unknown field "metadata"');
    expect(lines[1]).toBe("[init] Using Kubernetes version: v1.28.0");
    const admin = lines.indexOf('[kubeconfig] Writing "admin.conf" kubeconfig file');
    expect(lines[admin - 1]).toContain("endpoint.go:57] [endpoint] WARNING");
    expect(o.terminal!.endsWith(o.stdout.slice(o.stdout.indexOf("\nYour Kubernetes")))).toBe(true);
  });
});
