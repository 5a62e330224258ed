import { describe, expect, it } from "vitest";
import type { ControlLoop } from "../engine";
import { LabCluster } from "../cluster/lab-cluster";
import { clusterEngineOptions } from "../cluster/loops";
import { T0 } from "./fixtures";

const rs = (name: string, replicas: number) => ({
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: "shared" } },
    template: {
      metadata: { labels: { app: "shared" } },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    },
  },
});

describe("bad input behaves as in Kubernetes and never loops forever", () => {
  it("brings back kube-system components a learner deletes", () => {
    const lab = new LabCluster({ seed: "kube-system", now: T0 });
    const etcdUid = lab.get("", "pods", "kube-system", "etcd-master1")!.metadata.uid;
    const dns = lab
      .list("", "pods", "kube-system")
      .find((p) => p.metadata.name?.startsWith("coredns-"))!;
    const proxy = lab
      .list("", "pods", "kube-system")
      .find((p) => p.metadata.name?.startsWith("kube-proxy-"))!;
    lab.request("DELETE", "/api/v1/namespaces/kube-system/pods/etcd-master1");
    lab.request("DELETE", `/api/v1/namespaces/kube-system/pods/${dns.metadata.name}`);
    lab.request("DELETE", `/api/v1/namespaces/kube-system/pods/${proxy.metadata.name}`);
    lab.advance(5_000);
    // the mirror pod is recreated by the kubelet (a new object, the same static pod)
    const etcd = lab.get("", "pods", "kube-system", "etcd-master1")!;
    expect(etcd.metadata.uid).not.toBe(etcdUid);
    const pods = lab.list("", "pods", "kube-system");
    expect(pods.filter((p) => p.metadata.name?.startsWith("coredns-"))).toHaveLength(2);
    expect(pods.filter((p) => p.metadata.name?.startsWith("kube-proxy-"))).toHaveLength(3);
    expect(pods.every((p) => (p.status as { phase: string }).phase === "Running")).toBe(true);
  });

  it("lets two ReplicaSets with overlapping selectors each keep their own pods (ownerReferences)", () => {
    const lab = new LabCluster({ seed: "overlap", now: T0 });
    lab.request("POST", "/apis/apps/v1/namespaces/default/replicasets", rs("a", 2));
    lab.request("POST", "/apis/apps/v1/namespaces/default/replicasets", rs("b", 3));
    expect(lab.last!.unsettled).toBeUndefined();
    lab.advance(10_000);
    const owners = lab
      .list("", "pods", "default")
      .map((p) => p.metadata.ownerReferences?.[0]?.name);
    expect(owners.filter((o) => o === "a")).toHaveLength(2);
    expect(owners.filter((o) => o === "b")).toHaveLength(3);
  });

  it("stops a settle at the round bound and says so when loops keep writing", () => {
    let n = 0;
    const fighter = (value: string): ControlLoop => ({
      name: `fighter-${value}`,
      user: { username: "fighter", groups: ["system:masters", "system:authenticated"] },
      run(api) {
        n++;
        api.request({
          method: "PATCH",
          path: "/api/v1/namespaces/default/configmaps/contested",
          contentType: "application/merge-patch+json",
          body: { data: { owner: value } },
        });
      },
    });
    const base = clusterEngineOptions();
    const lab = new LabCluster({
      seed: "fight",
      now: T0,
      engine: { ...base, loops: [...base.loops!, fighter("x"), fighter("y")], maxRounds: 20 },
    });
    n = 0;
    lab.request("POST", "/api/v1/namespaces/default/configmaps", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "contested" },
    });
    expect(lab.last!.unsettled).toBe(true);
    expect(n).toBe(40);
  });

  it("keeps unschedulable pods Pending without rewriting them on every request", () => {
    const lab = new LabCluster({ seed: "pending", now: T0 });
    lab.request("POST", "/api/v1/namespaces/default/pods", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "nowhere" },
      spec: { nodeSelector: { disk: "ssd" }, containers: [{ name: "c", image: "nginx" }] },
    });
    const rv = lab.get("", "pods", "default", "nowhere")!.metadata.resourceVersion;
    lab.request("POST", "/api/v1/namespaces/default/configmaps", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "poke" },
    });
    expect(lab.get("", "pods", "default", "nowhere")!.metadata.resourceVersion).toBe(rv);
    expect(lab.eventsFor("nowhere")[0]!.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..",
    );
  });
});
