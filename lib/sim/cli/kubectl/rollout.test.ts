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
});
