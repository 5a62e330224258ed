// The RBAC snapshot is reused while the revision log shows no RBAC write: a binding
// written or deleted must be seen by the very next request, on every branch of history.
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock";
import { createClusterSandbox } from "../../cluster/default-cluster";
import { logRows, timeShiftOrigin } from "../../store/types";
import { ADMIN_USER, createSandbox, defaultBootstrap, handle } from "../../engine";
import type { SandboxState } from "../../state";
import type { ApiRequest } from "./types";

const T0 = Date.UTC(2026, 3, 1, 8, 0, 0);
const alice = { username: "alice", groups: [] };
const BINDINGS = "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings";

function run(state: SandboxState, req: Omit<ApiRequest, "user"> & { user?: ApiRequest["user"] }) {
  return handle(state, { user: ADMIN_USER, ...req }, fixedClock(T0));
}

const aliceLists = (s: SandboxState) =>
  run(s, { method: "GET", path: "/api/v1/namespaces/default/pods", user: alice }).response.code;

const configMap = (name: string) => ({
  method: "POST" as const,
  path: "/api/v1/namespaces/default/configmaps",
  body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name } },
});

const bindAlice = (state: SandboxState) =>
  run(state, {
    method: "POST",
    path: BINDINGS,
    body: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "alice-view" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "alice" }],
    },
  }).state;

describe("RBAC snapshot reuse", () => {
  it("sees a binding created or deleted since the last request, and older states as they were", () => {
    const fresh = createSandbox({ seed: "rbac", now: T0, bootstrap: defaultBootstrap() }).state;
    expect(aliceLists(fresh)).toBe(403);
    const bound = bindAlice(fresh);
    expect(aliceLists(bound)).toBe(200);
    // Writes of other kinds keep the snapshot; the binding still counts.
    const more = run(bound, configMap("a")).state;
    expect(aliceLists(more)).toBe(200);
    const unbound = run(more, { method: "DELETE", path: `${BINDINGS}/alice-view` }).state;
    expect(aliceLists(unbound)).toBe(403);
    // Going back in history (an older state, then a write on it) reads the policy again.
    expect(aliceLists(more)).toBe(200);
    expect(aliceLists(fresh)).toBe(403);
    expect(aliceLists(run(bound, configMap("b")).state)).toBe(200);
  });

  it("keeps each sandbox's policy apart when requests alternate between sandboxes", () => {
    let a = bindAlice(
      createSandbox({ seed: "rbac-a", now: T0, bootstrap: defaultBootstrap() }).state,
    );
    let b = createSandbox({ seed: "rbac-b", now: T0, bootstrap: defaultBootstrap() }).state;
    for (let i = 0; i < 3; i++) {
      expect(aliceLists(a)).toBe(200);
      expect(aliceLists(b)).toBe(403);
      a = run(a, configMap(`a${i}`)).state;
      b = run(b, configMap(`b${i}`)).state;
    }
    b = bindAlice(b);
    a = run(a, { method: "DELETE", path: `${BINDINGS}/alice-view` }).state;
    expect(aliceLists(a)).toBe(403);
    expect(aliceLists(b)).toBe(200);
  });

  it("shares a template's policy between its sandboxes, and keeps one sandbox's change in it", () => {
    // Two sandboxes of the default cluster's template, made at different times: their RBAC
    // rows are the template's moved in time, and RBAC reads them as the template's.
    const at = (s: SandboxState, seconds: number) => ({ ...s, time: s.time + seconds * 1000 });
    let a = createClusterSandbox({ seed: "tpl-a", now: T0 }).state;
    const b = createClusterSandbox({ seed: "tpl-b", now: T0 + 3_600_000 }).state;
    const roleRow = (s: SandboxState) =>
      logRows(s.store.log).find((r) => r.key === "/registry/clusterroles/view")!;
    expect(roleRow(a).value).not.toBe(roleRow(b).value);
    expect(timeShiftOrigin(roleRow(a))).toBeDefined();
    expect(timeShiftOrigin(roleRow(a))).toBe(timeShiftOrigin(roleRow(b)));
    const scheduler = { username: "system:kube-scheduler", groups: [] };
    const schedulerBinds = (s: SandboxState) =>
      run(s, {
        method: "POST",
        path: "/api/v1/namespaces/default/pods/p/binding",
        user: scheduler,
        body: { apiVersion: "v1", kind: "Binding", metadata: { name: "p" }, target: { name: "x" } },
      }).response.code;
    // Allowed (404: no such pod) in both, forbidden for alice in both.
    expect(schedulerBinds(a)).toBe(404);
    expect(schedulerBinds(b)).toBe(404);
    expect(aliceLists(a)).toBe(403);
    expect(aliceLists(b)).toBe(403);
    // A's own change: alice bound, the scheduler's binding removed; B keeps the template's.
    a = bindAlice(at(a, 1));
    a = run(a, {
      method: "DELETE",
      path: "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:kube-scheduler",
    }).state;
    for (let i = 0; i < 2; i++) {
      expect(aliceLists(a)).toBe(200);
      expect(schedulerBinds(a)).toBe(403);
      expect(aliceLists(b)).toBe(403);
      expect(schedulerBinds(b)).toBe(404);
    }
  });
});
