import { describe, expect, it } from "vitest";
import { labTerminal } from "../testing";

// kubectl's rollback replaces the template (a JSON patch), so labels only the newer
// template has are gone, and the old ReplicaSet becomes the newest revision.
describe("kubectl rollout undo", () => {
  it("restores the previous template exactly and makes its ReplicaSet the next revision", async () => {
    const t = labTerminal("rollout-undo");
    await t.run("kubectl create deployment web --image=nginx");
    await t.run(
      `kubectl patch deploy web -p '{"spec":{"template":{"metadata":{"labels":{"v":"2"}}}}}'`,
    );
    const undo = await t.run("kubectl rollout undo deploy/web");
    expect(undo.stdout).toBe("deployment.apps/web rolled back\n");
    const labels = await t.run(
      "kubectl get deploy web -o jsonpath={.spec.template.metadata.labels}",
    );
    expect(labels.stdout).toBe('{"app":"web"}');
    const history = await t.run("kubectl rollout history deploy/web");
    expect(history.stdout).toBe(
      "deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n",
    );
    const rev = await t.run(
      "kubectl get deploy web -o jsonpath='{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'",
    );
    expect(rev.stdout).toBe("3");
  });

  it("skips a rollback to the template the Deployment already has", async () => {
    const t = labTerminal("rollout-undo-skip");
    await t.run("kubectl create deployment web --image=nginx");
    await t.run(
      `kubectl patch deploy web -p '{"spec":{"template":{"metadata":{"labels":{"v":"2"}}}}}'`,
    );
    const undo = await t.run("kubectl rollout undo deploy/web --to-revision=2");
    expect(undo.stdout).toBe(
      "deployment.apps/web skipped rollback (current template already matches revision 2)\n",
    );
  });
});
