import { describe, expect, it } from "vitest";
import { defaultPlugins } from "../handler/default-plugins";
import { bodyOf, runner } from "../handler/test-run";
import { bareState } from "../handler/test-support";

const run = runner(defaultPlugins);
const RBAC = "/apis/rbac.authorization.k8s.io/v1";

describe("SelfSubjectRulesReview", () => {
  it("lists the rules of the caller's bindings in the namespace", () => {
    let state = bareState();
    const create = (path: string, body: unknown) => {
      const r = run(state, { method: "POST", path, body });
      expect(r.response.code).toBe(201);
      state = r.state;
    };
    create("/api/v1/namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "dev" },
    });
    create(`${RBAC}/clusterroles`, {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "reviewer" },
      rules: [
        {
          apiGroups: ["authorization.k8s.io"],
          resources: ["selfsubjectrulesreviews"],
          verbs: ["create"],
        },
      ],
    });
    create(`${RBAC}/clusterrolebindings`, {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "reviewer" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "reviewer" },
      subjects: [{ kind: "User", name: "bob", apiGroup: "rbac.authorization.k8s.io" }],
    });
    create(`${RBAC}/namespaces/dev/roles`, {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "pod-reader", namespace: "dev" },
      rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }],
    });
    create(`${RBAC}/namespaces/dev/rolebindings`, {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "bob-reads", namespace: "dev" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "pod-reader" },
      subjects: [{ kind: "User", name: "bob", apiGroup: "rbac.authorization.k8s.io" }],
    });
    const ask = (namespace: string) =>
      run(state, {
        method: "POST",
        path: "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
        body: { spec: { namespace } },
        user: { username: "bob", groups: [] },
      });
    const dev = ask("dev");
    expect(dev.response.code).toBe(201);
    expect(bodyOf(dev)).toMatchObject({
      kind: "SelfSubjectRulesReview",
      spec: { namespace: "dev" },
      status: {
        incomplete: false,
        nonResourceRules: [],
        resourceRules: expect.arrayContaining([
          { verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] },
          {
            verbs: ["create"],
            apiGroups: ["authorization.k8s.io"],
            resources: ["selfsubjectrulesreviews"],
          },
        ]),
      },
    });
    const other = bodyOf<{ status: { resourceRules: unknown[] } }>(ask("default"));
    expect(other.status.resourceRules).toHaveLength(1);
  });
});
