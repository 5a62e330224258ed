import { describe, expect, it } from "vitest";
import { LabCluster } from "../../cluster/lab-cluster";
import { deploymentManifest, T0 } from "../../scenarios/fixtures";

describe("garbage collector", () => {
  it("deletes ReplicaSets and pods of a deleted Deployment (background)", () => {
    const lab = new LabCluster({ seed: "gc-bg", now: T0 });
    lab.request(
      "POST",
      "/apis/apps/v1/namespaces/default/deployments",
      deploymentManifest("web", 2),
    );
    lab.advance(5_000);
    lab.request("DELETE", "/apis/apps/v1/namespaces/default/deployments/web");
    expect(lab.list("apps", "replicasets", "default")).toHaveLength(0);
    expect(lab.list("", "pods", "default")).toHaveLength(0);
  });

  it("orphans the ReplicaSet with propagationPolicy=Orphan", () => {
    const lab = new LabCluster({ seed: "gc-orphan", now: T0 });
    lab.request(
      "POST",
      "/apis/apps/v1/namespaces/default/deployments",
      deploymentManifest("web", 1),
    );
    lab.request("DELETE", "/apis/apps/v1/namespaces/default/deployments/web", {
      apiVersion: "v1",
      kind: "DeleteOptions",
      propagationPolicy: "Orphan",
    });
    expect(lab.get("apps", "deployments", "default", "web")).toBeUndefined();
    const [rs] = lab.list("apps", "replicasets", "default");
    expect(rs).toBeDefined();
    expect(rs!.metadata.ownerReferences ?? []).toEqual([]);
    expect(lab.list("", "pods", "default")).toHaveLength(1);
  });

  it("keeps a foreground-deleted owner until its dependents are gone", () => {
    const lab = new LabCluster({ seed: "gc-fg", now: T0 });
    lab.request(
      "POST",
      "/apis/apps/v1/namespaces/default/deployments",
      deploymentManifest("web", 1),
    );
    lab.advance(5_000);
    lab.request("DELETE", "/apis/apps/v1/namespaces/default/deployments/web", {
      apiVersion: "v1",
      kind: "DeleteOptions",
      propagationPolicy: "Foreground",
    });
    expect(lab.get("apps", "deployments", "default", "web")).toBeUndefined();
    expect(lab.list("apps", "replicasets", "default")).toHaveLength(0);
    expect(lab.list("", "pods", "default")).toHaveLength(0);
  });
});
