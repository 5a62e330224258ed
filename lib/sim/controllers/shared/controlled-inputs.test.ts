import { describe, expect, it } from "vitest";
import { LabCluster } from "../../cluster/lab-cluster";
import { deploymentManifest, T0 } from "../../scenarios/fixtures";
import { deploymentInputs } from "../deployment/deployment-controller";
import { replicaSetInputs } from "../replicaset/replicaset-controller";
import type { ControllerContext } from "./controller";

// A controller's per-key inputs decide whether a key is reconciled again (controller.ts):
// the same inputs, by identity, and no write last time - skipped. These pin what the
// Deployment and ReplicaSet controllers count as news for a key.
describe("per-key inputs of the Deployment and ReplicaSet controllers", () => {
  const lab = new LabCluster({ seed: "inputs", now: T0 });
  const ctx = { state: () => lab.state } as ControllerContext;
  const deploys = "/apis/apps/v1/namespaces/default/deployments";
  lab.request("POST", deploys, deploymentManifest("a", 2));
  lab.request("POST", deploys, deploymentManifest("b", 2));
  lab.advance(5_000);
  const rsOf = (app: string) =>
    lab
      .list("apps", "replicasets", "default")
      .find((rs) => rs.metadata.name!.startsWith(`${app}-`))!;
  const same = (x: unknown[] | undefined, y: unknown[] | undefined) =>
    x!.length === y!.length && x!.every((v, i) => v === y![i]);

  it("leave a Deployment's inputs as they were when another Deployment scales", () => {
    const before = deploymentInputs(ctx, "default/a");
    const rsBefore = replicaSetInputs(ctx, `default/${rsOf("a").metadata.name}`);
    lab.request(
      "PATCH",
      `${deploys}/b/scale`,
      { spec: { replicas: 3 } },
      "application/merge-patch+json",
    );
    lab.advance(5_000);
    // b's ReplicaSet and pods changed (3 pods, new status); a's and its pods did not.
    expect(same(deploymentInputs(ctx, "default/a"), before)).toBe(true);
    expect(same(replicaSetInputs(ctx, `default/${rsOf("a").metadata.name}`), rsBefore)).toBe(true);
    expect(same(deploymentInputs(ctx, "default/b"), deploymentInputs(ctx, "default/a"))).toBe(
      false,
    );
  });

  it("change when the key's own ReplicaSet or pods change, or an orphan pod appears", () => {
    const d = deploymentInputs(ctx, "default/a");
    const rsKey = `default/${rsOf("a").metadata.name}`;
    const rs = replicaSetInputs(ctx, rsKey);
    lab.request(
      "PATCH",
      `${deploys}/a/scale`,
      { spec: { replicas: 1 } },
      "application/merge-patch+json",
    );
    lab.advance(5_000);
    expect(same(deploymentInputs(ctx, "default/a"), d)).toBe(false);
    const afterScale = replicaSetInputs(ctx, rsKey);
    expect(same(afterScale, rs)).toBe(false);
    // A bare pod (no controller) may be adopted by any ReplicaSet whose selector matches it.
    lab.request("POST", "/api/v1/namespaces/default/pods", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "stray", labels: { app: "other" } },
      spec: { containers: [{ name: "c", image: "nginx:1.25" }] },
    });
    expect(same(replicaSetInputs(ctx, rsKey), afterScale)).toBe(false);
  });
});
