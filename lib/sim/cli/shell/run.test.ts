import { beforeAll, describe, expect, it } from "vitest";
import { labTerminal } from "../testing";

describe("the terminal's command lines", () => {
  let lab: ReturnType<typeof labTerminal>;
  beforeAll(() => {
    lab = labTerminal("shell");
  });

  it("pipes stdout from stage to stage", async () => {
    const r = await lab.run("kubectl get pods -n kube-system | grep kube-proxy | wc -l");
    expect(r).toMatchObject({ stdout: "3\n", exitCode: 0 });
    expect((await lab.run("kubectl get nodes | head -1")).stdout).toMatch(/^NAME\s+STATUS/);
  });

  it("unknown programs and kubectl commands get the real texts and codes", async () => {
    expect(await lab.run("kubecl get pods")).toEqual({
      stdout: "",
      stderr: "kubecl: command not found\n",
      exitCode: 127,
    });
    expect(await lab.run("kubectl foo")).toEqual({
      stdout: "",
      // Captured from kubectl 1.28: cobra suggests "top" (Levenshtein distance 2).
      stderr: 'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n',
      exitCode: 1,
    });
    expect((await lab.run("kubectl get pods --foo")).stderr).toBe(
      "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n",
    );
  });

  it("hostile input never throws: quotes, control characters, huge lines", async () => {
    expect((await lab.run('kubectl get "pods')).exitCode).toBe(2);
    expect((await lab.run("kubectl get\u0000 nodes\u0007 -o name")).stdout).toBe(
      "node/master1\nnode/worker1\nnode/worker2\n",
    );
    const huge = await lab.run(`kubectl get pods ${"x".repeat(100 * 1024)}`);
    expect(huge.exitCode).toBe(2);
    expect(huge.stderr).toMatch(/너무 깁니다/);
    expect(await lab.run("   ")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
  });

  it("clear, history, help", async () => {
    expect((await lab.run("clear")).clear).toBe(true);
    expect((await lab.run("history", { history: ["kubectl get pods", "history"] })).stdout).toBe(
      "    1  kubectl get pods\n    2  history\n",
    );
    expect((await lab.run("help")).stdout).toMatch(/실습 터미널/);
  });

  it("cat and ls of the control-plane host's files", async () => {
    expect((await lab.run("ls /etc/kubernetes/manifests")).stdout).toBe(
      "etcd.yaml  kube-apiserver.yaml  kube-controller-manager.yaml  kube-scheduler.yaml\n",
    );
    const manifest = await lab.run(
      "cat /etc/kubernetes/manifests/kube-apiserver.yaml | grep -- --etcd-servers",
    );
    expect(manifest.stdout).toMatch(/--etcd-servers=https:\/\/127\.0\.0\.1:2379/);
    expect((await lab.run("ls /etc/kubernetes/pki")).stdout).toMatch(/\bca\.crt\b/);
    expect(await lab.run("cat /nope")).toEqual({
      stdout: "",
      stderr: "cat: /nope: No such file or directory\n",
      exitCode: 1,
    });
  });

  it("audit log, kubelet journal and tcpdump summarise the simulated API traffic", async () => {
    await lab.run("kubectl create namespace audited");
    const audit = await lab.run('tail -n 50 /var/log/audit.log | grep "namespaces"');
    expect(audit.stdout).toMatch(/"verb":"create"/);
    const journal = await lab.run("journalctl -u kubelet");
    expect(journal.exitCode).toBe(0);
    const dump = await lab.run("tcpdump -i any port 6443 -n");
    expect(dump.stdout).toMatch(/listening on any/);
    expect(dump.stdout).toMatch(/> 192\.168\.56\.10\.6443: .*\/api\/v1\/namespaces/);
  });
});
