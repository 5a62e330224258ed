import { describe, expect, it } from "vitest";
import { adviseInitConfiguration } from "./advise";
import { COURSE_HA_CONFIG_FIXED } from "./fixtures";
import { loadInitConfiguration } from "./load-config";

const host = {
  hostname: "master1",
  ip: "192.168.56.10",
  generateToken: () => "abcdef.0123456789abcdef",
};
const load = (text: string) => loadInitConfiguration(text, { host }).config;
const CLUSTER = (body: string) =>
  `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nkubernetesVersion: v1.28.0\n${body}`;

describe("simulator advice beyond kubeadm's validation", () => {
  it("flags the course example's audit log: no policy file, no hostPath mount; and its wildcard binds", () => {
    const codes = adviseInitConfiguration(load(COURSE_HA_CONFIG_FIXED)).map(
      (a) => `${a.code}:${a.field}`,
    );
    expect(codes).toEqual([
      "AuditPolicyMissing:apiServer.extraArgs",
      "AuditLogNotMounted:apiServer.extraVolumes",
      "ComponentBindsAllInterfaces:controllerManager.extraArgs",
      "ComponentBindsAllInterfaces:scheduler.extraArgs",
    ]);
  });

  it("detects overlapping pod and service subnets, which kubeadm accepts", () => {
    const advice = adviseInitConfiguration(
      load(CLUSTER('networking:\n  podSubnet: "10.96.0.0/16"\n')),
    );
    expect(advice).toHaveLength(1);
    expect(advice[0]!.code).toBe("SubnetOverlap");
    expect(advice[0]!.message).toContain("10.96.0.0/16");
    expect(
      adviseInitConfiguration(load(CLUSTER('networking:\n  podSubnet: "10.244.0.0/16"\n'))),
    ).toEqual([]);
  });

  it("is quiet when the audit log is mounted and has a policy", () => {
    const text = CLUSTER(`apiServer:
  extraArgs:
    audit-log-path: /var/log/kubernetes/audit/audit.log
    audit-policy-file: /etc/kubernetes/audit-policy.yaml
    audit-log-maxage: "x"
  extraVolumes:
  - name: audit-log
    hostPath: /var/log/kubernetes/audit
    mountPath: /var/log/kubernetes/audit
    pathType: DirectoryOrCreate
`);
    expect(adviseInitConfiguration(load(text)).map((a) => a.code)).toEqual(["AuditFlagNotInteger"]);
  });
});
