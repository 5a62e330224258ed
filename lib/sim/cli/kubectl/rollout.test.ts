import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../testing";

vi.setConfig({ testTimeout: 30_000 });

describe("kubectl rollout TYPE/NAME", () => {
  it("status of daemon sets in both argument forms; kinds without a viewer fail", async () => {
    const { run } = labTerminal("rollout-kinds");
    const ok = 'daemon set "kube-proxy" successfully rolled out\n';
    expect((await run("kubectl rollout status ds/kube-proxy -n kube-system")).stdout).toBe(ok);
    expect((await run("kubectl rollout status daemonset kube-proxy -n kube-system")).stdout).toBe(
      ok,
    );
    await run("kubectl run p --image=nginx");
    expect((await run("kubectl rollout status pod/p")).stderr).toBe(
      "error: no status viewer has been implemented for Pod\n",
    );
    expect((await run("kubectl rollout history pod/p")).stderr).toBe(
      'error: no history viewer has been implemented for "Pod"\n',
    );
    // DaemonSet history needs ControllerRevisions, which the simulated API does not serve.
    const dsHistory = await run("kubectl rollout history ds/kube-proxy -n kube-system");
    expect(dsHistory.stderr).toMatch(
      /^error: unable to find history controlled by DaemonSet kube-proxy: /,
    );
    expect(dsHistory.exitCode).toBe(1);
    expect((await run("kubectl rollout restart ds/kube-proxy -n kube-system")).stdout).toBe(
      "daemonset.apps/kube-proxy restarted\n",
    );
  });

  it("history --revision prints that revision's pod template with raw tabs", async () => {
    const { run } = labTerminal("rollout-revision");
    await run("kubectl create deployment web --image=nginx:1.25");
    const r = await run("kubectl rollout history deployment/web --revision=1");
    expect(r.stdout).toMatch(
      /^deployment\.apps\/web with revision #1\nPod Template:\n {2}Labels:\tapp=web\n\tpod-template-hash=\w+\n {2}Containers:\n {3}nginx:\n {4}Image:\tnginx:1\.25\n/,
    );
    expect(r.stdout.endsWith("\n\n")).toBe(true);
    expect((await run("kubectl rollout history deployment/web --revision=9")).stderr).toBe(
      "error: unable to find the specified revision\n",
    );
  });

  it("undo --dry-run: server patches nothing and says so; client prints the template", async () => {
    const { run, env } = labTerminal("rollout-undo-dry");
    await run("kubectl create deployment web --image=nginx:1.25");
    env.advance(5_000);
    await run(
      `kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}'`,
    );
    env.advance(5_000);
    const image = async () =>
      (await run("kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}"))
        .stdout;
    const before = await image();
    expect((await run("kubectl rollout undo deploy/web --dry-run=server")).stdout).toBe(
      "deployment.apps/web rolled back (server dry run)\n",
    );
    expect(await image()).toBe(before);
    const client = await run("kubectl rollout undo deploy/web --dry-run=client");
    expect(client.stdout).toMatch(/^deployment\.apps\/web Pod Template:\n {2}Labels:\tapp=web\n/);
    expect(client.stdout.endsWith(" (dry run)\n")).toBe(true);
    expect(await image()).toBe(before);
  });
});
