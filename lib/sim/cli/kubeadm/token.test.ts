import { describe, expect, it } from "vitest";
import { kubeadmLab } from "./testing";

describe("kubeadm token create / delete", () => {
  it("a created token is listed, stored as a Secret and accepted by join; delete removes it", async () => {
    const lab = kubeadmLab("kubeadm-token");
    const c = await lab.run(
      "kubeadm token create abcdef.0123456789abcdef --ttl 2h --print-join-command",
    );
    expect(c.stdout).toMatch(
      /^kubeadm join 192\.168\.56\.10:6443 --token abcdef\.0123456789abcdef --discovery-token-ca-cert-hash sha256:[0-9a-f]{64} \n$/,
    );
    expect((await lab.run("kubeadm token list")).stdout).toMatch(
      /^abcdef\.0123456789abcdef\s+2h\s+2026-01-05T11:00:00Z\s+authentication,signing\s+<none>\s/m,
    );
    expect(
      (await lab.run("kubectl get secret -n kube-system bootstrap-token-abcdef -o name")).stdout,
    ).toBe("secret/bootstrap-token-abcdef\n");
    const hash = /sha256:[0-9a-f]{64}/.exec(c.stdout)![0];
    const join = await lab.run(
      `kubeadm join 192.168.56.10:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash ${hash}`,
    );
    expect(join.exitCode).toBe(0);
    expect(join.stdout).toContain("This node has joined the cluster:");
    lab.env.advance(20_000);
    expect((await lab.run("kubectl get nodes -o name")).stdout).toBe(
      "node/master1\nnode/worker1\nnode/worker2\nnode/worker3\n",
    );

    expect((await lab.run("kubeadm token delete abcdef")).stdout).toBe(
      'bootstrap token "abcdef" deleted\n',
    );
    expect((await lab.run("kubeadm token list")).stdout).not.toContain("abcdef.");
    expect(
      (await lab.run("kubectl get secret -n kube-system bootstrap-token-abcdef")).exitCode,
    ).toBe(1);
    const again = await lab.run("kubeadm token delete abcdef");
    expect(again.stderr).toBe(
      'failed to delete bootstrap token "abcdef": secrets "bootstrap-token-abcdef" not found\nTo see the stack trace of this error execute with --v=5 or higher\n',
    );
    expect((await lab.run("kubeadm token create bad")).exitCode).toBe(1);
  }, 30_000);
});
