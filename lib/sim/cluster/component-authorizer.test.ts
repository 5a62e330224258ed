import { describe, expect, it } from "vitest";
import { componentDecision } from "./component-authorizer";

const attrs = (username: string, groups: string[]) => ({
  user: { username, groups },
  verb: "create",
  apiGroup: "",
  resource: "pods",
  subresource: "",
  namespace: "default",
  name: "",
  resourceRequest: true,
});

describe("component authorization", () => {
  it("lets kubelets through as the Node authorizer would", () => {
    expect(
      componentDecision(attrs("system:node:worker1", ["system:nodes", "system:authenticated"])),
    ).toEqual({ allowed: true, reason: "" });
  });

  it("gives controllers their system:controller role, with RBAC's reason text", () => {
    const d = componentDecision(
      attrs("system:serviceaccount:kube-system:replicaset-controller", ["system:serviceaccounts"]),
    );
    expect(d?.reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "system:controller:replicaset-controller" of ClusterRole "system:controller:replicaset-controller" to ServiceAccount "replicaset-controller/kube-system"',
    );
  });

  it("leaves everyone else to RBAC (a learner's service account is not a controller)", () => {
    expect(
      componentDecision(
        attrs("system:serviceaccount:kube-system:my-app", ["system:serviceaccounts"]),
      ),
    ).toBeUndefined();
    expect(
      componentDecision(attrs("system:node:worker1", ["system:authenticated"])),
    ).toBeUndefined();
    expect(componentDecision(attrs("alice", []))).toBeUndefined();
  });
});
