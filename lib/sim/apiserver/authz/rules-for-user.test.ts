import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { rulesForUser } from "./rules-for-user";
import { authenticatedUser } from "./users";

const cr = (name: string, rules: unknown[]): KubeObject => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "ClusterRole",
  metadata: { name },
  rules,
});

describe("rules for a user (auth can-i --list)", () => {
  const rbac = {
    clusterRoles: [
      cr("discovery", [{ nonResourceURLs: ["/api", "/api/*"], verbs: ["get"] }]),
      cr("pods", [
        { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] },
        { apiGroups: [""], resources: ["secrets"], resourceNames: ["s1"], verbs: ["get"] },
      ]),
    ],
    roles: [],
    clusterRoleBindings: [
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRoleBinding",
        metadata: { name: "d" },
        roleRef: { kind: "ClusterRole", name: "discovery" },
        subjects: [{ kind: "Group", name: "system:authenticated" }],
      },
    ],
    roleBindings: [
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: "p", namespace: "dev" },
        roleRef: { kind: "ClusterRole", name: "pods" },
        subjects: [{ kind: "User", name: "alice" }],
      },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: "q", namespace: "dev" },
        roleRef: { kind: "Role", name: "gone" },
        subjects: [{ kind: "User", name: "alice" }],
      },
    ],
  } satisfies Parameters<typeof rulesForUser>[0];

  it("collects resource and non-resource rules for the namespace", () => {
    const status = rulesForUser(rbac, authenticatedUser("alice"), "dev");
    expect(status.resourceRules).toEqual([
      { verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] },
      { verbs: ["get"], apiGroups: [""], resources: ["secrets"], resourceNames: ["s1"] },
    ]);
    expect(status.nonResourceRules).toEqual([
      { verbs: ["get"], nonResourceURLs: ["/api", "/api/*"] },
    ]);
    expect(status.incomplete).toBe(true);
    expect(status.evaluationError).toBe('role.rbac.authorization.k8s.io "gone" not found');
    expect(rulesForUser(rbac, authenticatedUser("alice"), "prod").resourceRules).toEqual([]);
  });

  it("system:masters sees everything", () => {
    const status = rulesForUser(rbac, authenticatedUser("admin", ["system:masters"]), "default");
    expect(status.resourceRules[0]).toEqual({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] });
    expect(status.nonResourceRules[0]).toEqual({ verbs: ["*"], nonResourceURLs: ["*"] });
  });
});
