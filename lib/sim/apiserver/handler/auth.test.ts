import { describe, expect, it } from "vitest";
import { bareState, testPlugins } from "./test-support";
import { bodyOf, runner } from "./test-run";

describe("authentication and authorization in the pipeline", () => {
  const run = runner(testPlugins(["alice:list:pods:default"]));

  it("rejects anonymous requests with 401", () => {
    const r = run(bareState(), { method: "GET", path: "/api/v1/pods", user: undefined });
    expect(r.response).toMatchObject({
      code: 401,
      body: { reason: "Unauthorized", message: "Unauthorized" },
    });
  });

  it("accepts a bearer token from the sandbox's token table", () => {
    const r = run(bareState(), {
      method: "GET",
      path: "/api/v1/pods",
      user: undefined,
      token: "admin-token",
    });
    expect(r.response.code).toBe(200);
  });

  it("answers a denied request with the real Forbidden text", () => {
    const alice = { username: "alice", groups: [] };
    expect(
      run(bareState(), { method: "GET", path: "/api/v1/namespaces/default/pods", user: alice })
        .response.code,
    ).toBe(200);
    const denied = run(bareState(), {
      method: "GET",
      path: "/api/v1/namespaces/kube-system/pods",
      user: alice,
    });
    expect(bodyOf(denied)).toMatchObject({
      code: 403,
      reason: "Forbidden",
      message:
        'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "kube-system"',
      details: { kind: "pods" },
    });
    const cluster = run(bareState(), {
      method: "GET",
      path: "/apis/apps/v1/deployments",
      user: alice,
    });
    expect(bodyOf<{ message: string }>(cluster).message).toBe(
      'deployments.apps is forbidden: User "alice" cannot list resource "deployments" in API group "apps" at the cluster scope',
    );
    const sub = run(bareState(), {
      method: "GET",
      path: "/api/v1/namespaces/default/pods/web/log",
      user: alice,
    });
    expect(bodyOf<{ message: string }>(sub).message).toBe(
      'pods "web" is forbidden: User "alice" cannot get resource "pods/log" in API group "" in the namespace "default"',
    );
  });
});
