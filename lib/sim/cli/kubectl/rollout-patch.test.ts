import { beforeAll, describe, expect, it } from "vitest";
import { labTerminal } from "../testing";

describe("kubectl patch, taint and rollout", () => {
  let run: ReturnType<typeof labTerminal>["run"];
  let lab: ReturnType<typeof labTerminal>;
  beforeAll(async () => {
    lab = labTerminal("rollout");
    run = lab.run;
    await run("kubectl create deployment web --image=nginx:1.25 --replicas=2");
  });

  it("patch with each patch type", async () => {
    expect((await run(`kubectl patch deployment web -p '{"spec":{"replicas":3}}'`)).stdout).toBe(
      "deployment.apps/web patched\n",
    );
    expect(
      (
        await run(
          `kubectl patch deployment web --type=merge -p '{"metadata":{"labels":{"x":"y"}}}'`,
        )
      ).stdout,
    ).toBe("deployment.apps/web patched\n");
    expect(
      (
        await run(
          `kubectl patch deployment web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":2}]'`,
        )
      ).stdout,
    ).toBe("deployment.apps/web patched\n");
    expect((await run("kubectl get deploy web -o jsonpath={.spec.replicas}")).stdout).toBe("2");
    expect((await run(`kubectl patch deployment web --type=bogus -p '{}'`)).stderr).toBe(
      'error: --type must be one of [json merge strategic], not "bogus"\n',
    );
  });

  it("taint and untaint a node", async () => {
    expect((await run("kubectl taint nodes worker2 dedicated=lab:NoSchedule")).stdout).toBe(
      "node/worker2 tainted\n",
    );
    expect((await run("kubectl get node worker2 -o jsonpath='{.spec.taints[0].key}'")).stdout).toBe(
      "dedicated",
    );
    expect((await run("kubectl taint nodes worker2 dedicated=lab:NoSchedule")).stderr).toMatch(
      /already has dedicated taint/,
    );
    expect((await run("kubectl taint nodes worker2 dedicated:NoSchedule-")).stdout).toBe(
      "node/worker2 untainted\n",
    );
  });

  it("rollout status, restart, history and undo", async () => {
    expect((await run("kubectl rollout status deployment/web")).stdout).toMatch(
      /^Waiting for deployment "web" rollout to finish: /,
    );
    lab.env.advance(60_000);
    expect((await run("kubectl rollout status deployment/web")).stdout).toBe(
      'deployment "web" successfully rolled out\n',
    );
    await run(
      `kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}'`,
    );
    const history = (await run("kubectl rollout history deployment/web")).stdout;
    expect(history).toMatch(
      /^deployment\.apps\/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n/,
    );
    expect((await run("kubectl rollout undo deployment/web")).stdout).toBe(
      "deployment.apps/web rolled back\n",
    );
    expect(
      (await run("kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}"))
        .stdout,
    ).toBe("nginx:1.25");
    expect((await run("kubectl rollout restart deployment/web")).stdout).toBe(
      "deployment.apps/web restarted\n",
    );
  });
});
