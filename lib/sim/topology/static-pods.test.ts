import { describe, expect, it } from "vitest";
import { COURSE_HA_CONFIG_FIXED } from "../kubeadm/fixtures";
import { loadInitConfiguration } from "../kubeadm/load-config";
import {
  buildArgs,
  kubeAPIServerManifest,
  kubeControllerManagerManifest,
  kubeSchedulerManifest,
} from "./static-pods";

const host = {
  hostname: "master1",
  ip: "192.168.56.10",
  generateToken: () => "abcdef.0123456789abcdef",
};
const cpHost = { nodeName: "master1", advertiseAddress: "192.168.56.10", bindPort: 6443 };

type Container = {
  command: string[];
  livenessProbe: { httpGet: Record<string, unknown> };
  volumeMounts: { name: string }[];
};
const container = (m: { spec: Record<string, unknown> }) => (m.spec.containers as Container[])[0]!;

describe("control-plane command lines", () => {
  const { config } = loadInitConfiguration(COURSE_HA_CONFIG_FIXED, { host });

  it("merges extraArgs into the defaults, sorted, extraArgs winning", () => {
    expect(
      buildArgs({ b: "1", a: "2" }, [
        { name: "b", value: "9" },
        { name: "c", value: "3" },
      ]),
    ).toEqual(["--a=2", "--b=9", "--c=3"]);
  });

  it("passes the course's audit flags and external etcd to kube-apiserver", () => {
    const cmd = container(kubeAPIServerManifest(config, cpHost)).command;
    expect(cmd[0]).toBe("kube-apiserver");
    expect(cmd).toEqual(
      expect.arrayContaining([
        "--audit-log-maxage=30",
        "--audit-log-maxbackup=3",
        "--audit-log-maxsize=100",
        "--audit-log-path=/var/log/audit.log",
        "--etcd-servers=https://etcd1.example.com:2379,https://etcd2.example.com:2379,https://etcd3.example.com:2379",
        "--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt",
        "--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt",
        "--authorization-mode=Node,RBAC",
      ]),
    );
    expect([...cmd.slice(1)].sort()).toEqual(cmd.slice(1));
  });

  it("drops the probe host when the course binds controller-manager and scheduler to 0.0.0.0", () => {
    const kcm = container(kubeControllerManagerManifest(config));
    expect(kcm.command).toContain("--bind-address=0.0.0.0");
    expect(kcm.livenessProbe.httpGet).toEqual({ path: "/healthz", port: 10257, scheme: "HTTPS" });
    const sched = container(kubeSchedulerManifest(config));
    expect(sched.command).toEqual([
      "kube-scheduler",
      "--authentication-kubeconfig=/etc/kubernetes/scheduler.conf",
      "--authorization-kubeconfig=/etc/kubernetes/scheduler.conf",
      "--bind-address=0.0.0.0",
      "--kubeconfig=/etc/kubernetes/scheduler.conf",
      "--leader-elect=true",
    ]);
    expect(sched.volumeMounts.map((v) => v.name)).toEqual(["kubeconfig"]);
  });

  it("sets the pod network flags on the controller-manager only when podSubnet is set", () => {
    const cmd = container(kubeControllerManagerManifest(config)).command;
    expect(cmd).toEqual(
      expect.arrayContaining([
        "--allocate-node-cidrs=true",
        "--cluster-cidr=10.244.0.0/16",
        "--service-cluster-ip-range=10.96.0.0/12",
      ]),
    );
    const noPods = {
      ...config,
      cluster: { ...config.cluster, networking: { ...config.cluster.networking, podSubnet: "" } },
    };
    expect(
      container(kubeControllerManagerManifest(noPods)).command.some((a) =>
        a.startsWith("--cluster-cidr"),
      ),
    ).toBe(false);
  });
});
