import { beforeAll, describe, expect, it } from "vitest";
import { COURSE_HA_CONFIG } from "../../kubeadm/fixtures";
import { labTerminal } from "../testing";
import { kubeadmLab } from "./testing";

describe("kubeadm on the control-plane host", { timeout: 30_000 }, () => {
  let run: ReturnType<typeof labTerminal>["run"];
  beforeAll(() => {
    run = labTerminal("kubeadm").run;
  });

  it("version is the v1.28.0 release the cluster runs", async () => {
    expect((await run("kubeadm version")).stdout).toBe(
      'kubeadm version: &version.Info{Major:"1", Minor:"28", GitVersion:"v1.28.0", GitCommit:"855e7c48de7388eb330da0f8d9d2394ee818fb8d", GitTreeState:"clean", BuildDate:"2023-08-15T10:20:15Z", GoVersion:"go1.20.7", Compiler:"gc", Platform:"linux/amd64"}\n',
    );
    const nodes = await run(
      "kubectl get nodes -o jsonpath={.items[0].status.nodeInfo.kubeletVersion}",
    );
    expect(nodes.stdout).toBe("v1.28.0");
  });

  it("token list shows the init token with its TTL", async () => {
    const r = await run("kubeadm token list");
    expect(r.stdout.split("\n")[0]).toMatch(
      /^TOKEN\s+TTL\s+EXPIRES\s+USAGES\s+DESCRIPTION\s+EXTRA GROUPS$/,
    );
    expect(r.stdout).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}\s+23h\s/m);
  });

  it("certs check-expiration, config print init-defaults, config images list", async () => {
    expect((await run("kubeadm certs check-expiration")).stdout).toMatch(/apiserver\s+/);
    expect((await run("kubeadm config print init-defaults")).stdout).toMatch(
      /^apiVersion: kubeadm\.k8s\.io\/v1beta3\n/,
    );
    expect((await run("kubeadm config images list")).stdout.split("\n")[0]).toBe(
      "registry.k8s.io/kube-apiserver:v1.28.0",
    );
  });

  it("unknown subcommands and flags fail like kubeadm", async () => {
    expect((await run("kubeadm bogus")).stderr).toBe(
      'unknown command "bogus" for "kubeadm"\nTo see the stack trace of this error execute with --v=5 or higher\n',
    );
    expect((await run("kubeadm init --bogus")).stderr).toMatch(/^unknown flag: --bogus\n/);
  });

  it("config validate reads the workspace file: the course's metadata block is an unknown field", async () => {
    const lab = kubeadmLab("kubeadm-validate", {
      "ha.yaml": COURSE_HA_CONFIG,
      "fixed.yaml": COURSE_HA_CONFIG.replace("metadata:\n  name: ha-cluster\n", ""),
    });
    const bad = await lab.run("kubeadm config validate --config ha.yaml");
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr).toContain('unknown field "metadata"');
    expect(bad.stderr).toMatch(
      /To see the stack trace of this error execute with --v=5 or higher\n$/,
    );
    expect(await lab.run("kubeadm config validate --config fixed.yaml")).toEqual({
      stdout: "ok\n",
      stderr: "",
      exitCode: 0,
    });
    expect((await lab.run("kubeadm config validate")).stderr).toBe(
      "the --config flag is mandatory\nTo see the stack trace of this error execute with --v=5 or higher\n",
    );
    expect((await lab.run("kubeadm config validate --config nope.yaml")).stderr).toBe(
      "open nope.yaml: no such file or directory\nTo see the stack trace of this error execute with --v=5 or higher\n",
    );
  });
});
