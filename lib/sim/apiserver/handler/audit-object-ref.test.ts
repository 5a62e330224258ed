import { describe, expect, it } from "vitest";
import { bareState } from "./test-support";
import { bodyOf, pod, runner } from "./test-run";

const run = runner();
const PODS = "/api/v1/namespaces/default/pods";

describe("audit objectRef completed from the request object (LogRequestObject)", () => {
  it("a create names the object from the body's metadata.name", () => {
    const r = run(bareState(), { method: "POST", path: PODS, body: pod("web") });
    expect(JSON.stringify(r.audit.objectRef)).toBe(
      '{"resource":"pods","namespace":"default","name":"web","apiVersion":"v1"}',
    );
  });

  it("a generateName create has no name: the body is logged before the name is generated", () => {
    const body = { ...pod(""), metadata: { generateName: "web-" } };
    const r = run(bareState(), { method: "POST", path: PODS, body });
    expect(r.response.code).toBe(201);
    expect(r.audit.objectRef).toEqual({ resource: "pods", namespace: "default", apiVersion: "v1" });
  });

  it("an update adds the body's uid and resourceVersion, in ObjectReference field order", () => {
    const created = run(bareState(), { method: "POST", path: PODS, body: pod("web") });
    const obj = bodyOf<{ metadata: { uid: string; resourceVersion: string } }>(created);
    const r = run(created.state, {
      method: "PUT",
      path: `${PODS}/web`,
      body: { ...obj, metadata: { ...obj.metadata, labels: { a: "b" } } },
    });
    expect(r.response.code).toBe(200);
    expect(JSON.stringify(r.audit.objectRef)).toBe(
      `{"resource":"pods","namespace":"default","name":"web","uid":"${obj.metadata.uid}",` +
        `"apiVersion":"v1","resourceVersion":"${obj.metadata.resourceVersion}"}`,
    );
  });

  it("a forbidden create logs no request object", () => {
    const r = run(bareState(), {
      method: "POST",
      path: PODS,
      body: pod("web"),
      user: { username: "alice", groups: [] },
    });
    expect(r.response.code).toBe(403);
    expect(r.audit.objectRef).toEqual({ resource: "pods", namespace: "default", apiVersion: "v1" });
  });
});
