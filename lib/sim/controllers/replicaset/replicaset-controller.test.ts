import { describe, expect, it } from "vitest";
import { LabCluster } from "../../cluster/lab-cluster";
import { T0 } from "../../scenarios/fixtures";

const rs = (replicas: number) => ({
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: { name: "front" },
  spec: {
    replicas,
    selector: { matchLabels: { tier: "front" } },
    template: {
      metadata: { labels: { tier: "front" } },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    },
  },
});

describe("ReplicaSet controller", () => {
  const lab = new LabCluster({ seed: "rs", now: T0 });
  const pods = () => lab.list("", "pods", "default").filter((p) => !p.metadata.deletionTimestamp);

  it("adopts a matching orphan pod and creates the rest from the template", () => {
    lab.request("POST", "/api/v1/namespaces/default/pods", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "stray", labels: { tier: "front" } },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    });
    lab.advance(2_000);
    lab.request("POST", "/apis/apps/v1/namespaces/default/replicasets", rs(3));
    const owner = lab.get("apps", "replicasets", "default", "front")!;
    expect(pods()).toHaveLength(3);
    for (const p of pods())
      expect(p.metadata.ownerReferences?.[0]).toMatchObject({
        kind: "ReplicaSet",
        name: "front",
        uid: owner.metadata.uid,
        controller: true,
      });
    const created = pods().filter((p) => p.metadata.name !== "stray");
    for (const p of created)
      expect(p.metadata.name).toMatch(/^front-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const events = lab.eventsFor("front");
    expect(
      events
        .filter((e) => e.reason === "SuccessfulCreate")
        .map((e) => e.message)
        .sort(),
    ).toEqual(created.map((p) => `Created pod: ${p.metadata.name}`).sort());
  });

  it("publishes status once the pods are ready", () => {
    lab.advance(5_000);
    const status = lab.get("apps", "replicasets", "default", "front")!.status as Record<
      string,
      number
    >;
    expect(status).toMatchObject({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 1,
    });
  });

  it("scales down, deleting not-ready and newer pods first, with SuccessfulDelete events", () => {
    lab.request(
      "PATCH",
      "/apis/apps/v1/namespaces/default/replicasets/front/scale",
      { spec: { replicas: 1 } },
      "application/merge-patch+json",
    );
    lab.advance(1_000);
    expect(pods()).toHaveLength(1);
    expect(pods()[0]!.metadata.name).toBe("stray"); // the oldest survives
    expect(lab.eventsFor("front").filter((e) => e.reason === "SuccessfulDelete")).toHaveLength(2);
  });
});
