// The full pipeline as production wires it: real RBAC, admission chain and the
// bootstrap objects of a fresh sandbox.
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock";
import { ADMIN_USER, createSandbox, defaultBootstrap, handle } from "../../engine";
import type { SandboxState } from "../../state";
import type { ApiRequest } from "./types";

const T0 = Date.UTC(2026, 3, 1, 8, 0, 0);

function fresh(): SandboxState {
  return createSandbox({ seed: "pipeline", now: T0, bootstrap: defaultBootstrap() }).state;
}

function run(state: SandboxState, req: Omit<ApiRequest, "user"> & { user?: ApiRequest["user"] }) {
  return handle(state, { user: ADMIN_USER, ...req }, fixedClock(T0));
}

const body = (r: { response: unknown }) => (r.response as { body: Record<string, unknown> }).body;
const pod = (name: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: { containers: [{ name: "app", image: "nginx" }] },
});

describe("request pipeline with RBAC and admission", () => {
  it("defaults a pod and mounts its service account token (mutating admission)", () => {
    const r = run(fresh(), {
      method: "POST",
      path: "/api/v1/namespaces/default/pods",
      body: pod("web"),
    });
    expect(r.response.code).toBe(201);
    const spec = body(r).spec as Record<string, unknown>;
    expect(spec).toMatchObject({
      restartPolicy: "Always",
      dnsPolicy: "ClusterFirst",
      serviceAccountName: "default",
      terminationGracePeriodSeconds: 30,
    });
    expect((spec.volumes as { name: string }[])[0]!.name).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
    expect(body(r).status).toMatchObject({ phase: "Pending", qosClass: "BestEffort" });
    expect(r.traces[0]!.entries.map((e) => e.to)).toEqual([
      "kube-apiserver",
      "authn",
      "authz",
      "mutating-admission",
      "validation",
      "validating-admission",
      "etcd",
      "client",
    ]);
  });

  it("rejects objects in a namespace that does not exist (NamespaceLifecycle)", () => {
    const r = run(fresh(), {
      method: "POST",
      path: "/api/v1/namespaces/nope/pods",
      body: pod("x"),
    });
    expect(body(r)).toMatchObject({
      code: 404,
      reason: "NotFound",
      message: 'namespaces "nope" not found',
    });
  });

  it("authorizes through RoleBindings to the bootstrap ClusterRoles", () => {
    let s = fresh();
    s = run(s, {
      method: "POST",
      path: "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings",
      body: {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: "alice-view" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "alice" }],
      },
    }).state;
    const alice = { username: "alice", groups: [] };
    const list = run(s, { method: "GET", path: "/api/v1/namespaces/default/pods", user: alice });
    expect(list.response.code).toBe(200);
    expect(list.audit[0]!.annotations?.["authorization.k8s.io/reason"]).toContain(
      "RBAC: allowed by RoleBinding",
    );
    const create = run(s, {
      method: "POST",
      path: "/api/v1/namespaces/default/pods",
      user: alice,
      body: pod("x"),
    });
    expect(body(create)).toMatchObject({
      code: 403,
      message:
        'pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"',
    });
    const other = run(s, {
      method: "GET",
      path: "/api/v1/namespaces/kube-system/pods",
      user: alice,
    });
    expect(other.response.code).toBe(403);
  });

  it("enforces a ResourceQuota and records usage in its status (validating admission)", () => {
    let s = fresh();
    s = run(s, {
      method: "POST",
      path: "/api/v1/namespaces/default/resourcequotas",
      body: {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name: "q" },
        spec: { hard: { pods: "1" } },
      },
    }).state;
    const first = run(s, {
      method: "POST",
      path: "/api/v1/namespaces/default/pods",
      body: pod("a"),
    });
    expect(first.response.code).toBe(201);
    const second = run(first.state, {
      method: "POST",
      path: "/api/v1/namespaces/default/pods",
      body: pod("b"),
    });
    expect(second.response.code).toBe(403);
    expect(body(second).message).toContain('pods "b" is forbidden: exceeded quota: q');
  });
});
