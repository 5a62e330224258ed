import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { authorize } from "./authorizer";
import { forbiddenError } from "./forbidden";
import type { Attributes, PolicyRule, RbacSnapshot, Subject } from "./types";
import { authenticatedUser, serviceAccountUser } from "./users";

const role = (name: string, rules: PolicyRule[], namespace?: string): KubeObject => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: namespace ? "Role" : "ClusterRole",
  metadata: namespace ? { name, namespace } : { name },
  rules,
});
const binding = (
  name: string,
  roleKind: string,
  roleName: string,
  subjects: Subject[],
  namespace?: string,
): KubeObject => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: namespace ? "RoleBinding" : "ClusterRoleBinding",
  metadata: namespace ? { name, namespace } : { name },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: roleKind, name: roleName },
  subjects,
});
const user = (name: string) => ({ kind: "User", apiGroup: "rbac.authorization.k8s.io", name });

const rbac: RbacSnapshot = {
  clusterRoles: [
    role("pod-reader", [
      { apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list", "watch"] },
    ]),
    role("everything", [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]),
    role("health", [{ nonResourceURLs: ["/healthz", "/logs/*"], verbs: ["get"] }]),
    role("status-only", [{ apiGroups: ["apps"], resources: ["*/status"], verbs: ["update"] }]),
  ],
  roles: [
    role(
      "cm-one",
      [
        {
          apiGroups: [""],
          resources: ["configmaps"],
          resourceNames: ["app-config"],
          verbs: ["get", "update"],
        },
      ],
      "dev",
    ),
  ],
  clusterRoleBindings: [
    binding("root", "ClusterRole", "everything", [user("root")]),
    binding("health", "ClusterRole", "health", [
      { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "system:authenticated" },
    ]),
    binding("status", "ClusterRole", "status-only", [user("ctl")]),
    binding("dangling", "ClusterRole", "missing", [user("ghost")]),
  ],
  roleBindings: [
    binding("read-pods", "ClusterRole", "pod-reader", [user("alice")], "dev"),
    binding("cm", "Role", "cm-one", [user("bob")], "dev"),
    binding(
      "sa-read",
      "ClusterRole",
      "pod-reader",
      [{ kind: "ServiceAccount", name: "builder" }],
      "dev",
    ),
    binding(
      "all-sa",
      "ClusterRole",
      "pod-reader",
      [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "system:serviceaccounts:ci" }],
      "ci",
    ),
  ],
};

const req = (
  name: string,
  verb: string,
  resource: string,
  extra: Partial<Attributes> = {},
): Attributes => ({
  user: authenticatedUser(name),
  verb,
  apiGroup: "",
  resource,
  ...extra,
});

describe("RBAC authorization", () => {
  it("a RoleBinding to a ClusterRole grants only in its namespace", () => {
    const d = authorize(req("alice", "list", "pods", { namespace: "dev" }), rbac);
    expect(d).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by RoleBinding "read-pods/dev" of ClusterRole "pod-reader" to User "alice"',
    });
    expect(authorize(req("alice", "list", "pods", { namespace: "prod" }), rbac).allowed).toBe(
      false,
    );
    expect(authorize(req("alice", "list", "pods"), rbac).allowed).toBe(false);
    expect(authorize(req("alice", "delete", "pods", { namespace: "dev" }), rbac).allowed).toBe(
      false,
    );
  });

  it("subresources must be granted explicitly or by */sub", () => {
    expect(
      authorize(req("alice", "get", "pods", { namespace: "dev", subresource: "log" }), rbac)
        .allowed,
    ).toBe(true);
    expect(
      authorize(req("alice", "create", "pods", { namespace: "dev", subresource: "exec" }), rbac)
        .allowed,
    ).toBe(false);
    const status = { apiGroup: "apps", namespace: "x", subresource: "status" };
    expect(authorize(req("ctl", "update", "deployments", status), rbac).allowed).toBe(true);
    expect(
      authorize(req("ctl", "update", "deployments", { apiGroup: "apps", namespace: "x" }), rbac)
        .allowed,
    ).toBe(false);
  });

  it("resourceNames restrict to named objects", () => {
    expect(
      authorize(req("bob", "get", "configmaps", { namespace: "dev", name: "app-config" }), rbac)
        .allowed,
    ).toBe(true);
    expect(
      authorize(req("bob", "get", "configmaps", { namespace: "dev", name: "other" }), rbac).allowed,
    ).toBe(false);
    expect(authorize(req("bob", "list", "configmaps", { namespace: "dev" }), rbac).allowed).toBe(
      false,
    );
  });

  it("wildcards and system:masters", () => {
    expect(authorize(req("root", "delete", "nodes", { name: "n1" }), rbac).allowed).toBe(true);
    expect(authorize(req("root", "get", "", { path: "/metrics" }), rbac).allowed).toBe(false);
    const admin = {
      ...req("kubernetes-admin", "delete", "namespaces"),
      user: authenticatedUser("kubernetes-admin", ["system:masters"]),
    };
    expect(
      authorize(admin, { roles: [], clusterRoles: [], roleBindings: [], clusterRoleBindings: [] }),
    ).toEqual({ allowed: true, reason: "" });
  });

  it("non-resource URLs with trailing wildcards", () => {
    const get = (path: string) =>
      authorize({ user: authenticatedUser("anyone"), verb: "get", path }, rbac).allowed;
    expect(get("/healthz")).toBe(true);
    expect(get("/logs/kube-apiserver.log")).toBe(true);
    expect(get("/version")).toBe(false);
  });

  it("service accounts: by name in the binding's namespace and by group", () => {
    const builder = {
      ...req("", "list", "pods", { namespace: "dev" }),
      user: serviceAccountUser("dev", "builder"),
    };
    expect(authorize(builder, rbac)).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by RoleBinding "sa-read/dev" of ClusterRole "pod-reader" to ServiceAccount "builder/dev"',
    });
    const other = { ...builder, user: serviceAccountUser("prod", "builder") };
    expect(authorize(other, rbac).allowed).toBe(false);
    const ci = {
      ...req("", "watch", "pods", { namespace: "ci" }),
      user: serviceAccountUser("ci", "anything"),
    };
    expect(authorize(ci, rbac).allowed).toBe(true);
  });

  it("reports missing roles in the reason", () => {
    expect(authorize(req("ghost", "get", "pods", { namespace: "x" }), rbac)).toEqual({
      allowed: false,
      reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "missing" not found',
    });
  });
});

describe("Forbidden errors", () => {
  it("match the apiserver's text", () => {
    const a = req("alice", "list", "pods", { namespace: "default" });
    const err = forbiddenError(a);
    expect(err.code).toBe(403);
    expect(err.message).toBe(
      'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"',
    );
    expect(
      forbiddenError(
        req("alice", "get", "deployments", {
          apiGroup: "apps",
          namespace: "dev",
          name: "web",
          subresource: "scale",
        }),
      ).message,
    ).toBe(
      'deployments.apps "web" is forbidden: User "alice" cannot get resource "deployments/scale" in API group "apps" in the namespace "dev"',
    );
    expect(forbiddenError(req("alice", "list", "nodes")).message).toBe(
      'nodes is forbidden: User "alice" cannot list resource "nodes" in API group "" at the cluster scope',
    );
    expect(
      forbiddenError({ user: authenticatedUser("alice"), verb: "get", path: "/metrics" }).message,
    ).toBe('forbidden: User "alice" cannot get path "/metrics"');
    expect(
      forbiddenError(
        req("ghost", "get", "pods", { namespace: "x" }),
        'RBAC: clusterrole.rbac.authorization.k8s.io "missing" not found',
      ).message,
    ).toBe(
      'pods is forbidden: User "ghost" cannot get resource "pods" in API group "" in the namespace "x": RBAC: clusterrole.rbac.authorization.k8s.io "missing" not found',
    );
  });
});
