import { describe, expect, it } from "vitest";
import { parseRequestInfo } from "../handler/request-info";
import { auditEvent, type AuditInput } from "./event";

const T = Date.UTC(2026, 0, 5, 9, 0, 0, 123);
const admin = { username: "kubernetes-admin", groups: ["system:masters", "system:authenticated"] };

function input(over: Partial<AuditInput> & Pick<AuditInput, "info">): AuditInput {
  return {
    auditID: "2b3c9f6e-4d1a-4c8b-9e7f-0a1b2c3d4e5f",
    requestURI: over.info.path,
    user: admin,
    code: 200,
    receivedAt: T,
    completedAt: T,
    ...over,
  };
}

// The audit log is persisted and shown as JSON text, so the text (field order included) is
// what must stay the same, not only the values.
describe("audit event JSON", () => {
  it("a create: user, source IP, user agent, objectRef completed from the body, decision", () => {
    const info = parseRequestInfo(
      "POST",
      "/apis/apps/v1/namespaces/default/deployments",
      new URLSearchParams(),
    );
    const event = auditEvent(
      input({
        info,
        user: { ...admin, uid: "u-1" },
        sourceIP: "10.0.0.7",
        userAgent: "kubectl/v1.28.15",
        code: 201,
        requestObject: { metadata: { name: "web", uid: "x-1", resourceVersion: "42" } },
        decision: { allowed: true, reason: "" },
      }),
    );
    expect(JSON.stringify(event)).toBe(
      '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata",' +
        '"auditID":"2b3c9f6e-4d1a-4c8b-9e7f-0a1b2c3d4e5f","stage":"ResponseComplete",' +
        '"requestURI":"/apis/apps/v1/namespaces/default/deployments","verb":"create",' +
        '"user":{"username":"kubernetes-admin","uid":"u-1","groups":["system:masters","system:authenticated"]},' +
        '"sourceIPs":["10.0.0.7"],"userAgent":"kubectl/v1.28.15",' +
        '"responseStatus":{"metadata":{},"code":201},' +
        '"requestReceivedTimestamp":"2026-01-05T09:00:00.123000Z",' +
        '"stageTimestamp":"2026-01-05T09:00:00.123000Z",' +
        '"objectRef":{"resource":"deployments","namespace":"default","name":"web","uid":"x-1",' +
        '"apiGroup":"apps","apiVersion":"v1","resourceVersion":"42"},' +
        '"annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":""}}',
    );
  });

  it("a failure of an anonymous request on a subresource: Failure status, default source IP", () => {
    const info = parseRequestInfo(
      "GET",
      "/api/v1/namespaces/kube-system/pods/etcd-master1/log",
      new URLSearchParams(),
    );
    const event = auditEvent(
      input({
        info,
        user: undefined,
        code: 403,
        failure: { message: "forbidden", reason: "Forbidden" },
        decision: { allowed: false, reason: "" },
      }),
    );
    expect(JSON.stringify(event)).toBe(
      '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata",' +
        '"auditID":"2b3c9f6e-4d1a-4c8b-9e7f-0a1b2c3d4e5f","stage":"ResponseComplete",' +
        '"requestURI":"/api/v1/namespaces/kube-system/pods/etcd-master1/log","verb":"get",' +
        '"user":{"username":"system:anonymous","groups":["system:unauthenticated"]},' +
        '"sourceIPs":["192.168.56.1"],' +
        '"responseStatus":{"metadata":{},"status":"Failure","message":"forbidden","reason":"Forbidden","code":403},' +
        '"requestReceivedTimestamp":"2026-01-05T09:00:00.123000Z",' +
        '"stageTimestamp":"2026-01-05T09:00:00.123000Z",' +
        '"objectRef":{"resource":"pods","namespace":"kube-system","name":"etcd-master1",' +
        '"apiVersion":"v1","subresource":"log"},' +
        '"annotations":{"authorization.k8s.io/decision":"forbid","authorization.k8s.io/reason":""}}',
    );
  });

  it("a non-resource request has no objectRef; a watch is logged at ResponseStarted", () => {
    const health = auditEvent(
      input({ info: parseRequestInfo("GET", "/healthz", new URLSearchParams()) }),
    );
    expect(health).not.toHaveProperty("objectRef");
    expect(health).not.toHaveProperty("annotations");
    const watch = auditEvent(
      input({
        info: parseRequestInfo("GET", "/api/v1/pods", new URLSearchParams("watch=true")),
        stage: "ResponseStarted",
      }),
    );
    expect(watch.stage).toBe("ResponseStarted");
    expect(watch.objectRef).toEqual({ resource: "pods", apiVersion: "v1" });
  });

  it("anonymous events do not share their groups array", () => {
    const info = parseRequestInfo("GET", "/healthz", new URLSearchParams());
    const a = auditEvent(input({ info, user: undefined }));
    a.user.groups!.push("changed");
    expect(auditEvent(input({ info, user: undefined })).user.groups).toEqual([
      "system:unauthenticated",
    ]);
  });

  it("events share their user, source IPs, success status and verdict, which none can change", () => {
    const info = parseRequestInfo(
      "POST",
      "/api/v1/namespaces/default/events",
      new URLSearchParams(),
    );
    const decision = { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "x"' };
    const make = () => auditEvent(input({ info, code: 201, decision, requestObject: {} }));
    const a = make();
    const b = make();
    const json = JSON.stringify(b);
    expect(a.user).toBe(b.user);
    expect(a.sourceIPs).toBe(b.sourceIPs);
    expect(a.responseStatus).toBe(b.responseStatus);
    expect(a.annotations).toBe(b.annotations);
    // ES modules are strict: writing a frozen part throws instead of changing every event.
    expect(() => a.sourceIPs.push("10.0.0.9")).toThrow(TypeError);
    expect(() => ((a.responseStatus as { code: number }).code = 500)).toThrow(TypeError);
    expect(() => ((a.responseStatus.metadata as Record<string, string>).x = "y")).toThrow(
      TypeError,
    );
    expect(() => (a.annotations!["authorization.k8s.io/decision"] = "forbid")).toThrow(TypeError);
    expect(() => (a.user.username = "mallory")).toThrow(TypeError);
    expect(JSON.stringify(b)).toBe(json);
    // A failure's status is its own; a denial has its own annotations.
    const denied = auditEvent(
      input({ info, code: 403, decision: { ...decision, allowed: false }, failure: {} }),
    );
    expect(denied.responseStatus).toEqual({
      metadata: {},
      status: "Failure",
      message: "",
      reason: "",
      code: 403,
    });
    expect(denied.annotations!["authorization.k8s.io/decision"]).toBe("forbid");
  });

  it("a user changed after an event gets a fresh user in the next event", () => {
    const info = parseRequestInfo("GET", "/healthz", new URLSearchParams());
    const user = { username: "alice", groups: ["devs"] };
    expect(auditEvent(input({ info, user })).user).toEqual({ username: "alice", groups: ["devs"] });
    user.username = "bob";
    expect(auditEvent(input({ info, user })).user).toEqual({ username: "bob", groups: ["devs"] });
    user.groups = ["ops"];
    expect(auditEvent(input({ info, user })).user).toEqual({ username: "bob", groups: ["ops"] });
    Object.assign(user, { uid: "u-2" });
    expect(auditEvent(input({ info, user })).user).toEqual({
      username: "bob",
      uid: "u-2",
      groups: ["ops"],
    });
  });
});
