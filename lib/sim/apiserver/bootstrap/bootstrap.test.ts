import { describe, expect, it } from "vitest";
import { authorize } from "../authz/authorizer";
import type { Attributes, RbacSnapshot } from "../authz/types";
import { authenticatedUser, serviceAccountUser } from "../authz/users";
import type { KubeObject } from "../object";
import { builtinRegistry } from "../resources/registry";
import { validateCreate } from "../validation";
import { bootstrapObjects, kubernetesServiceObjects } from "./index";

const objects = bootstrapObjects();
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);

// The namespaced bindings a lab adds on top of the bootstrap policy.
function snapshot(extraRoleBindings: KubeObject[] = []): RbacSnapshot {
  return {
    roles: [],
    clusterRoles: ofKind("ClusterRole"),
    roleBindings: extraRoleBindings,
    clusterRoleBindings: ofKind("ClusterRoleBinding"),
  };
}
const bindTo = (role: string, user: string, namespace: string): KubeObject => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "RoleBinding",
  metadata: { name: `${user}-${role}`, namespace },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
  subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: user }],
});
const can = (
  rbac: RbacSnapshot,
  user: string,
  verb: string,
  resource: string,
  extra: Partial<Attributes> = {},
) =>
  authorize({ user: authenticatedUser(user), verb, apiGroup: "", resource, ...extra }, rbac)
    .allowed;

describe("fresh cluster objects", () => {
  it("has the four namespaces with their default service accounts", () => {
    expect(ofKind("Namespace").map((n) => n.metadata.name)).toEqual([
      "default",
      "kube-node-lease",
      "kube-public",
      "kube-system",
    ]);
    expect(
      ofKind("ServiceAccount").map((s) => `${s.metadata.namespace}/${s.metadata.name}`),
    ).toEqual([
      "default/default",
      "kube-node-lease/default",
      "kube-public/default",
      "kube-system/default",
    ]);
  });

  it("stays small enough for the 32 KiB sandbox budget", () => {
    const bytes = objects.reduce(
      (n, o) => n + new TextEncoder().encode(JSON.stringify(o)).length,
      0,
    );
    // Leave room for the uid/resourceVersion/creationTimestamp the store adds to each object.
    expect(bytes + objects.length * 120).toBeLessThan(32 * 1024);
  });

  it("passes the API server's own validation", () => {
    for (const o of objects) {
      const info = builtinRegistry.byApiVersionKind(o.apiVersion, o.kind);
      expect(info, o.kind).toBeDefined();
      if (info) expect(validateCreate(o, info), `${o.kind} ${o.metadata.name}`).toEqual([]);
    }
  });

  it("aggregates view ⊂ edit ⊂ admin like the aggregation controller", () => {
    const role = (n: string) => ofKind("ClusterRole").find((r) => r.metadata.name === n);
    const rules = (n: string) => (role(n)?.rules as unknown[]).map((r) => JSON.stringify(r));
    expect(rules("view").length).toBeGreaterThan(5);
    for (const r of rules("view")) expect(rules("edit")).toContain(r);
    for (const r of rules("edit")) expect(rules("admin")).toContain(r);
    expect(role("admin")?.aggregationRule).toEqual({
      clusterRoleSelectors: [
        { matchLabels: { "rbac.authorization.k8s.io/aggregate-to-admin": "true" } },
      ],
    });
  });
});

describe("bootstrap policy decisions", () => {
  it("view reads but cannot see secrets; edit writes workloads; admin manages roles", () => {
    const rbac = snapshot([
      bindTo("view", "viewer", "dev"),
      bindTo("edit", "editor", "dev"),
      bindTo("admin", "boss", "dev"),
    ]);
    expect(can(rbac, "viewer", "list", "pods", { namespace: "dev" })).toBe(true);
    expect(can(rbac, "viewer", "get", "pods", { namespace: "dev", subresource: "log" })).toBe(true);
    expect(can(rbac, "viewer", "get", "secrets", { namespace: "dev" })).toBe(false);
    expect(
      can(rbac, "viewer", "create", "deployments", { namespace: "dev", apiGroup: "apps" }),
    ).toBe(false);
    expect(
      can(rbac, "editor", "create", "deployments", { namespace: "dev", apiGroup: "apps" }),
    ).toBe(true);
    expect(can(rbac, "editor", "get", "secrets", { namespace: "dev" })).toBe(true);
    expect(
      can(rbac, "editor", "create", "roles", {
        namespace: "dev",
        apiGroup: "rbac.authorization.k8s.io",
      }),
    ).toBe(false);
    expect(
      can(rbac, "boss", "create", "roles", {
        namespace: "dev",
        apiGroup: "rbac.authorization.k8s.io",
      }),
    ).toBe(true);
    expect(can(rbac, "boss", "list", "nodes")).toBe(false);
  });

  it("every authenticated user may discover the API and review itself", () => {
    const rbac = snapshot();
    const sa = serviceAccountUser("default", "default");
    expect(authorize({ user: sa, verb: "get", path: "/apis" }, rbac).allowed).toBe(true);
    expect(authorize({ user: sa, verb: "get", path: "/metrics" }, rbac).allowed).toBe(false);
    expect(
      authorize(
        {
          user: sa,
          verb: "create",
          apiGroup: "authorization.k8s.io",
          resource: "selfsubjectaccessreviews",
        },
        rbac,
      ).allowed,
    ).toBe(true);
    expect(
      authorize(
        { user: sa, verb: "list", apiGroup: "", resource: "pods", namespace: "default" },
        rbac,
      ).allowed,
    ).toBe(false);
  });

  it("the scheduler may bind pods; masters may do anything", () => {
    const rbac = snapshot();
    expect(
      can(rbac, "system:kube-scheduler", "create", "pods", {
        namespace: "default",
        subresource: "binding",
      }),
    ).toBe(true);
    expect(can(rbac, "system:kube-scheduler", "delete", "nodes")).toBe(false);
    const admin = authenticatedUser("kubernetes-admin", [
      "kubeadm:cluster-admins",
      "system:masters",
    ]);
    expect(
      authorize({ user: admin, verb: "delete", apiGroup: "", resource: "nodes", name: "n1" }, rbac)
        .allowed,
    ).toBe(true);
  });
});

describe("default/kubernetes service", () => {
  it("points 443 at the API servers' secure port", () => {
    const [svc, ep] = kubernetesServiceObjects({
      clusterIP: "10.96.0.1",
      endpoints: ["192.168.56.10"],
    });
    expect(svc?.spec).toMatchObject({
      clusterIP: "10.96.0.1",
      ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }],
    });
    expect(ep?.subsets).toEqual([
      {
        addresses: [{ ip: "192.168.56.10" }],
        ports: [{ name: "https", port: 6443, protocol: "TCP" }],
      },
    ]);
  });
});
