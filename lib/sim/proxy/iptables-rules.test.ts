import { describe, expect, it } from "vitest";
import { LabCluster } from "../cluster/lab-cluster";
import { T0 } from "../scenarios/fixtures";
import { iptablesSave, sepChain, serviceRules, svcChain } from "./iptables-rules";

describe("kube-proxy iptables rules", () => {
  const lab = new LabCluster({ seed: "proxy", now: T0 });

  it("names chains as kube-proxy does", () => {
    expect(svcChain("kube-system/kube-dns:dns", "UDP")).toMatch(/^KUBE-SVC-[A-Z2-7]{16}$/);
    expect(svcChain("kube-system/kube-dns:dns", "UDP")).not.toBe(
      svcChain("kube-system/kube-dns:dns-tcp", "TCP"),
    );
    expect(sepChain("a/b", "TCP", "10.0.0.1:80")).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/);
  });

  it("balances kube-dns over both coredns pods with a 0.5 probability jump then a fallthrough", () => {
    const dns = serviceRules(lab.state).find((r) => r.servicePort === "kube-system/kube-dns:dns")!;
    expect(dns).toMatchObject({ clusterIP: "10.96.0.10", port: 53, protocol: "UDP" });
    expect(dns.endpoints).toHaveLength(2);
    expect(dns.endpoints[0]!.probability).toBe(0.5);
    expect(dns.endpoints[1]!.probability).toBeUndefined();
    const text = iptablesSave(lab.state);
    expect(text).toContain(
      `-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j ${dns.chain}`,
    );
    expect(text).toContain(
      `-m statistic --mode random --probability 0.50000000000 -j ${dns.endpoints[0]!.chain}`,
    );
    expect(text).toContain(`-j DNAT --to-destination ${dns.endpoints[1]!.address}`);
  });

  it("routes the kubernetes Service to the API server", () => {
    const api = serviceRules(lab.state).find((r) => r.servicePort === "default/kubernetes:https")!;
    expect(api.endpoints.map((e) => e.address)).toEqual(["192.168.56.10:6443"]);
  });
});
