import { describe, expect, it } from "vitest";
import { buildTopology } from "../topology/build";
import { COURSE_HA_CONFIG_FIXED } from "./fixtures";
import { loadInitConfiguration } from "./load-config";
import { EMPTY_MACHINE, initPreflight, joinPreflight, machineFacts } from "./preflight";

const NOW = Date.parse("2026-11-26T05:00:00Z");
const t = buildTopology({ now: NOW, seed: "pre" });

describe("kubeadm init preflight", () => {
  it("lists every conflict when run on a control plane that already runs a cluster", () => {
    const r = initPreflight(t.config, machineFacts(t, "master1"));
    expect(r.error?.exitCode).toBe(2);
    expect(r.error?.toStderr()).toBe(
      "error execution phase preflight: [preflight] Some fatal errors occurred:\n" +
        "\t[ERROR Port-6443]: Port 6443 is in use\n" +
        "\t[ERROR Port-10259]: Port 10259 is in use\n" +
        "\t[ERROR Port-10257]: Port 10257 is in use\n" +
        "\t[ERROR FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml]: /etc/kubernetes/manifests/kube-apiserver.yaml already exists\n" +
        "\t[ERROR FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml]: /etc/kubernetes/manifests/kube-controller-manager.yaml already exists\n" +
        "\t[ERROR FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml]: /etc/kubernetes/manifests/kube-scheduler.yaml already exists\n" +
        "\t[ERROR FileAvailable--etc-kubernetes-manifests-etcd.yaml]: /etc/kubernetes/manifests/etcd.yaml already exists\n" +
        "\t[ERROR Port-10250]: Port 10250 is in use\n" +
        "\t[ERROR Port-2379]: Port 2379 is in use\n" +
        "\t[ERROR Port-2380]: Port 2380 is in use\n" +
        "\t[ERROR DirAvailable--var-lib-etcd]: /var/lib/etcd is not empty\n" +
        "[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`\n" +
        "To see the stack trace of this error execute with --v=5 or higher\n",
    );
  });

  it("turns ignored checks into warnings (case-insensitive, or all)", () => {
    const r = initPreflight(t.config, machineFacts(t, "master1"), ["all"]);
    expect(r.error).toBeNull();
    expect(r.warnings[0]).toBe("\t[WARNING Port-6443]: Port 6443 is in use");
    const some = initPreflight(t.config, machineFacts(t, "worker1"), ["port-10250"]);
    expect(some).toEqual({
      warnings: ["\t[WARNING Port-10250]: Port 10250 is in use"],
      error: null,
    });
  });

  it("passes on a fresh machine and skips etcd checks with external etcd", () => {
    expect(initPreflight(t.config, EMPTY_MACHINE)).toEqual({ warnings: [], error: null });
    const host = {
      hostname: "master1",
      ip: "192.168.56.10",
      generateToken: () => "abcdef.0123456789abcdef",
    };
    const { config } = loadInitConfiguration(COURSE_HA_CONFIG_FIXED, { host });
    const msg = initPreflight(config, machineFacts(t, "master1")).error!.message;
    expect(msg).not.toContain("Port-2379");
    expect(msg).toContain("FileAvailable--etc-kubernetes-manifests-etcd.yaml");
  });
});

describe("kubeadm join preflight", () => {
  it("refuses to join a node twice", () => {
    expect(joinPreflight(machineFacts(t, "worker1")).error?.message).toBe(
      "error execution phase preflight: [preflight] Some fatal errors occurred:\n" +
        "\t[ERROR FileAvailable--etc-kubernetes-kubelet.conf]: /etc/kubernetes/kubelet.conf already exists\n" +
        "\t[ERROR Port-10250]: Port 10250 is in use\n" +
        "\t[ERROR FileAvailable--etc-kubernetes-pki-ca.crt]: /etc/kubernetes/pki/ca.crt already exists\n" +
        "[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`",
    );
  });
});

describe("KubernetesVersion check", () => {
  it("only warns about a control plane newer than kubeadm", () => {
    const cfg = { ...t.config, cluster: { ...t.config.cluster, kubernetesVersion: "v1.29.0" } };
    expect(initPreflight(cfg, EMPTY_MACHINE)).toEqual({
      warnings: [
        "\t[WARNING KubernetesVersion]: Kubernetes version is greater than kubeadm version. Please consider to upgrade kubeadm. Kubernetes version: 1.29.0. Kubeadm version: 1.28.x",
      ],
      error: null,
    });
  });
});
