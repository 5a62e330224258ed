import { describe, expect, it } from "vitest";
import { describeKey, statusOf } from "./sandbox-view";

describe("describeKey", () => {
  it("reads resource, namespace and name from a namespaced key and the object", () => {
    const pod = {
      metadata: { name: "web-1", namespace: "default" },
      spec: { nodeName: "worker1" },
      status: { phase: "Running" },
    };
    expect(describeKey("/registry/pods/default/web-1", JSON.stringify(pod), 42)).toEqual({
      key: "/registry/pods/default/web-1",
      resource: "pods",
      namespace: "default",
      name: "web-1",
      status: "Running · worker1",
      modRevision: 42,
    });
  });

  it("handles cluster-scoped keys and values that are not JSON", () => {
    const node = {
      metadata: { name: "worker1" },
      status: { conditions: [{ type: "Ready", status: "False" }] },
    };
    expect(describeKey("/registry/minions/worker1", JSON.stringify(node), 3)).toMatchObject({
      resource: "minions",
      namespace: null,
      name: "worker1",
      status: "NotReady",
    });
    expect(describeKey("/registry/custom/a/b", "hello", 9)).toMatchObject({
      resource: "custom",
      namespace: "a",
      name: "b",
      status: "",
    });
    expect(describeKey("foo", "bar", 1)).toMatchObject({ resource: "foo", name: "foo" });
  });
});

describe("statusOf", () => {
  it("summarises pods, nodes and deployments as kubectl get would", () => {
    expect(statusOf("pods", { status: {} })).toBe("Pending");
    expect(statusOf("nodes", { status: { conditions: [{ type: "Ready", status: "True" }] } })).toBe(
      "Ready",
    );
    expect(statusOf("deployments", { spec: { replicas: 3 }, status: { readyReplicas: 2 } })).toBe(
      "2/3",
    );
    expect(statusOf("configmaps", {})).toBe("");
  });
});
