import { beforeAll, describe, expect, it } from "vitest";
import { labTerminal } from "../testing";

describe("kubeadm on the control-plane host", () => {
  let run: ReturnType<typeof labTerminal>["run"];
  beforeAll(() => {
    run = labTerminal("kubeadm").run;
  });

  it("token list shows the init token with its TTL", async () => {
    const r = await run("kubeadm token list");
    expect(r.stdout.split("\n")[0]).toMatch(
      /^TOKEN\s+TTL\s+EXPIRES\s+USAGES\s+DESCRIPTION\s+EXTRA GROUPS$/,
    );
    expect(r.stdout).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}\s+23h\s/m);
  });

  it("certs check-expiration and config print init-defaults", async () => {
    expect((await run("kubeadm certs check-expiration")).stdout).toMatch(/apiserver\s+/);
    expect((await run("kubeadm config print init-defaults")).stdout).toMatch(
      /^apiVersion: kubeadm\.k8s\.io\/v1beta3\n/,
    );
  });

  it("unknown subcommands fail like kubeadm; init says where to run it", async () => {
    expect((await run("kubeadm bogus")).stderr).toMatch(/^unknown command "bogus" for "kubeadm"/);
    expect((await run("kubeadm init --config f.yaml")).exitCode).toBe(1);
  });
});
