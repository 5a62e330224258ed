import { describe, expect, it } from "vitest";
import { LabCluster } from "../../cluster/lab-cluster";
import { T0 } from "../../scenarios/fixtures";

describe("namespace controller and ServiceAccount controller", () => {
  const lab = new LabCluster({ seed: "ns", now: T0 });

  it("gives a new namespace its default ServiceAccount", () => {
    lab.request("POST", "/api/v1/namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "team" },
    });
    expect(lab.get("", "serviceaccounts", "team", "default")).toBeDefined();
  });

  it("empties a deleted namespace and then removes it", () => {
    lab.request("POST", "/api/v1/namespaces/team/configmaps", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cfg" },
      data: { a: "1" },
    });
    lab.request("POST", "/api/v1/namespaces/team/pods", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    });
    lab.advance(5_000);
    const r = lab.request("DELETE", "/api/v1/namespaces/team");
    expect(r.code).toBe(200);
    expect(lab.list("", "configmaps", "team")).toHaveLength(0);
    expect(lab.list("", "pods", "team")).toHaveLength(0);
    expect(lab.get("", "namespaces", undefined, "team")).toBeUndefined();
  });
});
