// The RBAC snapshot is reused while the revision log shows no RBAC write: a binding
// written or deleted must be seen by the very next request, on every branch of history.
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock";
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
});
