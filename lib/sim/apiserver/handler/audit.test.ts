import { describe, expect, it } from "vitest";
import { bareState, T0, testPlugins } from "./test-support";
import { pod, runner } from "./test-run";

describe("audit log", () => {
  it("records one audit.k8s.io/v1 Event per request with user, objectRef, code and decision", () => {
    const run = runner(
      testPlugins([], {
        authorize: () => ({ allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "x"' }),
      }),
    );
    const r = run(
      bareState(),
      {
        method: "POST",
        path: "/api/v1/namespaces/default/pods",
        body: pod("web"),
        userAgent: "kubectl/v1.28.15",
        sourceIP: "10.0.0.7",
      },
      T0 + 123,
    );
    expect(r.audit).toEqual({
      kind: "Event",
      apiVersion: "audit.k8s.io/v1",
      level: "Metadata",
      auditID: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4/),
      stage: "ResponseComplete",
      requestURI: "/api/v1/namespaces/default/pods",
      verb: "create",
      user: { username: "kubernetes-admin", groups: ["system:masters", "system:authenticated"] },
      sourceIPs: ["10.0.0.7"],
      userAgent: "kubectl/v1.28.15",
      objectRef: { resource: "pods", namespace: "default", name: "web", apiVersion: "v1" },
      responseStatus: { metadata: {}, code: 201 },
      requestReceivedTimestamp: "2026-01-05T09:00:00.123000Z",
      stageTimestamp: "2026-01-05T09:00:00.123000Z",
      annotations: {
        "authorization.k8s.io/decision": "allow",
        "authorization.k8s.io/reason": 'RBAC: allowed by ClusterRoleBinding "x"',
      },
    });
    expect(r.state.journal.audit.at(-1)).toEqual(r.audit);
  });

  it("records failures with their status and a forbid decision", () => {
    const run = runner(testPlugins());
    const r = run(bareState(), {
      method: "GET",
      path: "/api/v1/namespaces/default/secrets/db",
      user: { username: "alice", groups: [] },
    });
    expect(r.audit).toMatchObject({
      verb: "get",
      user: { username: "alice", groups: ["system:authenticated"] },
      objectRef: { resource: "secrets", namespace: "default", name: "db", apiVersion: "v1" },
      responseStatus: { code: 403, status: "Failure", reason: "Forbidden" },
      annotations: { "authorization.k8s.io/decision": "forbid" },
    });
  });

  it("gives every request its own auditID and records unauthenticated requests as anonymous", () => {
    const run = runner(testPlugins());
    const r1 = run(bareState(), {
      method: "GET",
      path: "/api/v1/pods",
      user: undefined,
      token: "wrong",
    });
    const r2 = run(r1.state, { method: "GET", path: "/api/v1/pods" });
    expect(r1.audit.user).toEqual({
      username: "system:anonymous",
      groups: ["system:unauthenticated"],
    });
    expect(r1.audit.responseStatus.code).toBe(401);
    expect(r2.audit.auditID).not.toBe(r1.audit.auditID);
    expect(r2.state.journal.audit).toHaveLength(2);
  });
});
