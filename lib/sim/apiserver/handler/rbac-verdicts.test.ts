// RBAC verdicts are kept per policy snapshot and request attributes: a repeat gets the same
// answer, and any attribute RBAC reads (user, groups, verb, resource, name...) tells requests apart.
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock";
import { ADMIN_USER, createSandbox, defaultBootstrap, handle } from "../../engine";
import type { SandboxState } from "../../state";
import type { ApiRequest, UserInfo } from "./types";

const T0 = Date.UTC(2026, 3, 1, 8, 0, 0);
const RBAC = "/apis/rbac.authorization.k8s.io/v1/namespaces/default";

function run(state: SandboxState, req: Omit<ApiRequest, "user"> & { user?: UserInfo }) {
  return handle(state, { user: ADMIN_USER, ...req }, fixedClock(T0));
}

function policy(): SandboxState {
  let s = createSandbox({ seed: "verdicts", now: T0, bootstrap: defaultBootstrap() }).state;
  for (const name of ["a", "b"]) {
    s = run(s, {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name } },
    }).state;
  }
  s = run(s, {
    method: "POST",
    path: `${RBAC}/roles`,
    body: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "read-a" },
      rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"], resourceNames: ["a"] }],
    },
  }).state;
  return run(s, {
    method: "POST",
    path: `${RBAC}/rolebindings`,
    body: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "readers" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "read-a" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "readers" }],
    },
  }).state;
}

const get = (s: SandboxState, user: UserInfo, name: string, method: "GET" | "DELETE" = "GET") =>
  run(s, { method, path: `/api/v1/namespaces/default/configmaps/${name}`, user }).response.code;

describe("RBAC verdicts kept per snapshot", () => {
  it("answers repeats alike and tells apart the name, the verb, the user and the groups", () => {
    const s = policy();
    const reader = { username: "carol", groups: ["readers"] };
    for (let i = 0; i < 3; i++) {
      expect(get(s, reader, "a")).toBe(200);
      expect(get(s, reader, "b")).toBe(403);
      expect(get(s, reader, "a", "DELETE")).toBe(403);
      expect(get(s, { username: "carol", groups: [] }, "a")).toBe(403);
      // Parts that would run together unprefixed ("carolreaders" / "carol" + "readers").
      expect(get(s, { username: "carolreaders", groups: [] }, "a")).toBe(403);
      expect(get(s, { username: "carol", groups: ["read", "ers"] }, "a")).toBe(403);
    }
  });

  it("keeps a name-free verdict for every name only where no resourceNames rule could match", () => {
    // One role: get on configmaps by any name, delete on configmaps "a" only, get on secrets "s".
    let s = policy();
    s = run(s, {
      method: "POST",
      path: `${RBAC}/roles`,
      body: {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "Role",
        metadata: { name: "mixed" },
        rules: [
          { apiGroups: [""], resources: ["configmaps"], verbs: ["get"] },
          { apiGroups: [""], resources: ["configmaps"], verbs: ["delete"], resourceNames: ["a"] },
          { apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: ["s"] },
        ],
      },
    }).state;
    s = run(s, {
      method: "POST",
      path: `${RBAC}/rolebindings`,
      body: {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: "mixed" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "mixed" },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "erin" }],
      },
    }).state;
    const erin = { username: "erin", groups: [] };
    const secret = (name: string) =>
      run(s, { method: "GET", path: `/api/v1/namespaces/default/secrets/${name}`, user: erin })
        .response.code;
    for (let i = 0; i < 2; i++) {
      // Allowed for any name (404: allowed, and absent).
      expect(get(s, erin, "b")).toBe(200);
      expect(get(s, erin, "missing")).toBe(404);
      expect(get(s, erin, "a")).toBe(200);
      // The named rules still tell the names apart, whichever name is asked first.
      expect(get(s, erin, "b", "DELETE")).toBe(403);
      expect(get(s, erin, "a", "DELETE")).toBe(200);
      expect(secret("t")).toBe(403);
      expect(secret("s")).toBe(404);
    }
  });

  it("a binding deleted is seen by the next request (a new snapshot)", () => {
    const s = policy();
    const reader = { username: "dave", groups: ["readers"] };
    expect(get(s, reader, "a")).toBe(200);
    const unbound = run(s, { method: "DELETE", path: `${RBAC}/rolebindings/readers` }).state;
    expect(get(unbound, reader, "a")).toBe(403);
    expect(get(s, reader, "a")).toBe(200);
  });
});
