import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../testing";

// Each test builds the lesson's cluster: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

// Texts from kubectl 1.28 draining a worker of a sandbox over the REST face.
describe("kubectl drain", () => {
  it("refuses DaemonSet pods without --ignore-daemonsets, as kubectl does (node stays cordoned)", async () => {
    const { run } = labTerminal("drain-ds");
    const r = await run("kubectl drain worker1");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("node/worker1 cordoned\n");
    expect(r.stderr).toMatch(
      /^error: unable to drain node "worker1" due to error:cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/kube-proxy-\w+, continuing command\.\.\.\nThere are pending nodes to be drained:\n worker1\ncannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/kube-proxy-\w+\n$/,
    );
    expect((await run("kubectl get node worker1 -o jsonpath={.spec.unschedulable}")).stdout).toBe(
      "true",
    );
  });

  it("evicts the other pods with --ignore-daemonsets and warns about the DaemonSet ones", async () => {
    const { run, env } = labTerminal("drain-ok");
    await run("kubectl create deployment web --image=nginx --replicas=4");
    env.advance(5000);
    const before = (
      await run("kubectl get pods -A -o wide --field-selector spec.nodeName=worker1 --no-headers")
    ).stdout;
    const r = await run("kubectl drain worker1 --ignore-daemonsets");
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(
      /^Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-\w+\n$/,
    );
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("node/worker1 cordoned");
    expect(lines.at(-1)).toBe("node/worker1 drained");
    const evicting = lines.filter((l) => l.startsWith("evicting pod "));
    expect(evicting.length).toBeGreaterThan(0);
    expect(lines.filter((l) => / evicted$/.test(l))).toHaveLength(evicting.length);
    for (const l of evicting) expect(before).toContain(l.split("/")[1]);
    // The evicted pods go; the Deployment brings its replicas back on other nodes.
    env.advance(60_000);
    const after = (await run("kubectl get pods -o wide --no-headers -l app=web")).stdout;
    expect(after).not.toContain("worker1");
    expect(after.trimEnd().split("\n")).toHaveLength(4);
  });

  it("bare pods need --force; emptyDir pods need --delete-emptydir-data", async () => {
    const { run, env } = labTerminal("drain-force");
    const pod = (name: string, extra = "") =>
      `echo 'apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  nodeName: worker2
  containers: [{name: c, image: nginx${extra ? ", volumeMounts: [{name: s, mountPath: /s}]" : ""}}]
  ${extra}' | kubectl apply -f -`;
    await run(pod("bare"));
    await run(pod("scratch", "volumes: [{name: s, emptyDir: {}}]"));
    env.advance(3000);
    const r = await run("kubectl drain worker2 --ignore-daemonsets");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      'error: unable to drain node "worker2" due to error:[cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch, cannot delete Pods declare no controller (use --force to override): default/bare], continuing command...\n',
    );
    const ok = await run(
      "kubectl drain worker2 --ignore-daemonsets --force --delete-emptydir-data",
    );
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain("node/worker2 already cordoned\n");
    expect(ok.stdout).toContain("pod/bare evicted\n");
    expect(ok.stderr).toContain("deleting Pods with local storage: default/scratch");
    expect(ok.stderr).toContain(
      "deleting Pods that declare no controller: default/bare, default/scratch",
    );
  });

  it("usage and unknown node errors", async () => {
    const { run } = labTerminal("drain-errors");
    expect((await run("kubectl drain")).stderr).toBe(
      "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n",
    );
    expect((await run("kubectl drain nope")).stderr).toBe(
      'Error from server (NotFound): nodes "nope" not found\n',
    );
  });
});
