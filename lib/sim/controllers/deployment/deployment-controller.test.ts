import { describe, expect, it } from "vitest";
import { LabCluster } from "../../cluster/lab-cluster";
import { deploymentManifest, T0 } from "../../scenarios/fixtures";

const REV = "deployment.kubernetes.io/revision";

describe("Deployment controller", () => {
  const lab = new LabCluster({ seed: "deploy", now: T0 });
  const replicaSets = () => lab.list("apps", "replicasets", "default");
  const setImage = (image: string) =>
    lab.request(
      "PATCH",
      "/apis/apps/v1/namespaces/default/deployments/web",
      { spec: { template: { spec: { containers: [{ name: "web", image }] } } } },
      "application/strategic-merge-patch+json",
    );

  it("creates <name>-<pod-template-hash> at revision 1 and reaches Available", () => {
    lab.request(
      "POST",
      "/apis/apps/v1/namespaces/default/deployments",
      deploymentManifest("web", 3),
    );
    const [rs] = replicaSets();
    const hash = rs!.metadata.labels!["pod-template-hash"]!;
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs!.metadata.annotations).toMatchObject({
      [REV]: "1",
      "deployment.kubernetes.io/desired-replicas": "3",
      "deployment.kubernetes.io/max-replicas": "4",
    });
    // the Deployment carries its newest ReplicaSet's revision (kubectl rollout history reads it)
    const deployment = () => lab.get("apps", "deployments", "default", "web")!;
    expect(deployment().metadata.annotations?.[REV]).toBe("1");
    expect(deployment().metadata.generation).toBe(1);
    expect(lab.eventsFor("web")[0]).toMatchObject({
      reason: "ScalingReplicaSet",
      message: `Scaled up replica set web-${hash} to 3`,
    });
    lab.advance(5_000);
    const d = lab.get("apps", "deployments", "default", "web")!;
    const status = d.status as {
      availableReplicas: number;
      updatedReplicas: number;
      conditions: { type: string; reason: string; message: string }[];
    };
    expect(status.availableReplicas).toBe(3);
    expect(status.updatedReplicas).toBe(3);
    expect(status.conditions.map((c) => `${c.type}/${c.reason}`)).toEqual([
      "Available/MinimumReplicasAvailable",
      "Progressing/NewReplicaSetAvailable",
    ]);
    expect(status.conditions[1]!.message).toBe(
      `ReplicaSet "web-${hash}" has successfully progressed.`,
    );
  });

  it("rolls out a new template within maxSurge, scaling the old ReplicaSet down", () => {
    const old = replicaSets()[0]!.metadata.name;
    setImage("nginx:1.26");
    const next = replicaSets().find((r) => r.metadata.name !== old)!;
    expect(next.metadata.annotations?.[REV]).toBe("2");
    expect(lab.get("apps", "deployments", "default", "web")!.metadata.annotations?.[REV]).toBe("2");
    const total = replicaSets().reduce((n, r) => n + (r.spec as { replicas: number }).replicas, 0);
    expect(total).toBeLessThanOrEqual(4);
    lab.advance(30_000);
    const byName = Object.fromEntries(
      replicaSets().map((r) => [r.metadata.name, (r.spec as { replicas: number }).replicas]),
    );
    expect(byName).toEqual({ [old!]: 0, [next.metadata.name!]: 3 });
    const messages = lab.eventsFor("web").map((e) => e.message);
    expect(messages).toContain(`Scaled down replica set ${old} to 2 from 3`);
    expect(
      messages.some((m) => m.startsWith(`Scaled up replica set ${next.metadata.name} to `)),
    ).toBe(true);
  });

  it("moves the old ReplicaSet to revision 3 on rollback (rollout undo)", () => {
    const first = replicaSets().find((r) => r.metadata.annotations?.[REV] === "1")!.metadata.name!;
    setImage("nginx:1.25");
    lab.advance(30_000);
    const back = lab.get("apps", "replicasets", "default", first)!;
    expect(back.metadata.annotations).toMatchObject({
      [REV]: "3",
      "deployment.kubernetes.io/revision-history": "1",
    });
    expect((back.spec as { replicas: number }).replicas).toBe(3);
    expect(replicaSets()).toHaveLength(2);
    const d = lab.get("apps", "deployments", "default", "web")!;
    expect(d.metadata.annotations?.[REV]).toBe("3");
    // a status write does not count as a spec change
    expect(d.metadata.generation).toBe(3);
  });
});
