import { describe, expect, it } from "vitest";
import { fixedClock } from "../clock";
import { handle } from "../engine";
import { deploymentManifest, T0 } from "../scenarios/fixtures";
import { LabCluster } from "./lab-cluster";

describe("the components pass RBAC and the Node authorizer like a kubeadm cluster's", () => {
  const lab = new LabCluster({ seed: "component-rbac", now: T0 });

  it("lists the bootstrapped component roles and bindings", () => {
    const roles = lab.list("rbac.authorization.k8s.io", "clusterroles").map((r) => r.metadata.name);
    for (const name of [
      "system:kube-scheduler",
      "system:kube-controller-manager",
      "system:node",
      "system:controller:deployment-controller",
      "system:controller:replicaset-controller",
      "system:controller:node-controller",
      "system:controller:generic-garbage-collector",
    ])
      expect(roles).toContain(name);
    const binding = lab.get(
      "rbac.authorization.k8s.io",
      "clusterrolebindings",
      undefined,
      "system:controller:replicaset-controller",
    )!;
    expect(binding.subjects).toEqual([
      { kind: "ServiceAccount", name: "replicaset-controller", namespace: "kube-system" },
    ]);
    // system:node stays unbound: kubelets go through the Node authorizer
    const node = lab.get(
      "rbac.authorization.k8s.io",
      "clusterrolebindings",
      undefined,
      "system:node",
    )!;
    expect(node.subjects).toBeUndefined();
  });

  it("records why each component was allowed", () => {
    lab.request(
      "POST",
      "/apis/apps/v1/namespaces/default/deployments",
      deploymentManifest("web", 1),
    );
    const audit = lab.last!.audit;
    const reasonOf = (user: string, uriEnd: string) =>
      audit.find((a) => a.user?.username === user && a.requestURI.endsWith(uriEnd))?.annotations?.[
        "authorization.k8s.io/reason"
      ];
    expect(reasonOf("system:serviceaccount:kube-system:replicaset-controller", "/pods")).toBe(
      'RBAC: allowed by ClusterRoleBinding "system:controller:replicaset-controller" of ClusterRole "system:controller:replicaset-controller" to ServiceAccount "replicaset-controller/kube-system"',
    );
    expect(reasonOf("system:kube-scheduler", "/binding")).toBe(
      'RBAC: allowed by ClusterRoleBinding "system:kube-scheduler" of ClusterRole "system:kube-scheduler" to User "system:kube-scheduler"',
    );
    const kubelet = audit.find(
      (a) => a.user?.username.startsWith("system:node:") && a.requestURI.endsWith("/status"),
    );
    expect(kubelet?.responseStatus?.code ?? 200).toBeLessThan(400);
    expect(audit.every((a) => (a.responseStatus?.code ?? 200) !== 403)).toBe(true);
  });

  it("denies a kubelet what its role does not grant, with the Node authorizer's reason", () => {
    lab.request("POST", "/api/v1/namespaces/default/secrets", {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "unrelated" },
      stringData: { a: "b" },
    });
    const r = handle(
      lab.state,
      {
        method: "GET",
        path: "/api/v1/namespaces/default/secrets/unrelated",
        user: { username: "system:node:worker1", groups: ["system:nodes", "system:authenticated"] },
      },
      fixedClock(lab.now),
    );
    expect(r.response.code).toBe(403);
    expect(r.response.kind === "status" && r.response.body.message).toBe(
      'secrets "unrelated" is forbidden: User "system:node:worker1" cannot get resource "secrets" in API group "" in the namespace "default": no relationship found between node \'worker1\' and this object',
    );
  });
});
