import { beforeAll, describe, expect, it } from "vitest";
import { CREATE_SUBCOMMANDS } from "../kubectl/create-flag-tables";
import { KUBECTL_COMMANDS } from "../kubectl/kubectl";
import { labTerminal } from "../testing";
import { ETCDCTL_HELP, KUBEADM_HELP } from "./help";
import { COMMANDS } from "./run";

describe("help (Korean)", () => {
  let lab: ReturnType<typeof labTerminal>;
  let help: string;
  beforeAll(async () => {
    lab = labTerminal("help");
    help = (await lab.run("help")).stdout;
  });

  it("lists every kubectl subcommand and every shell command", () => {
    expect(help).toMatch(/^Kubelab 실습 터미널/);
    for (const c of Object.keys(KUBECTL_COMMANDS)) expect(help).toMatch(new RegExp(`\\b${c}\\b`));
    expect(help).toContain("auth can-i/whoami");
    for (const c of Object.keys(COMMANDS))
      expect(help).toMatch(new RegExp(`(^|[\\s,(])${c}\\b`, "m"));
  });

  it("lists kubectl create's generators, and each one it lists is one kubectl create knows", async () => {
    for (const g of CREATE_SUBCOMMANDS) {
      expect(help).toContain(g);
      const [sub, types] = g.split(" ");
      for (const type of types ? types.split("/") : [""]) {
        const r = await lab.run(
          `kubectl create ${sub} ${type} x --dry-run=client`.replace("  ", " "),
        );
        expect(r.stderr, g).not.toMatch(/unknown command/);
      }
    }
  });

  it("lists kubeadm's commands, and each one it lists is one kubeadm knows", async () => {
    for (const c of KUBEADM_HELP) expect(help).toContain(c);
    for (const words of [
      "init",
      "reset",
      "join",
      "config validate",
      "config print init-defaults",
      "config print join-defaults",
      "config images list",
      "token list",
      "token create",
      "token delete",
      "certs check-expiration",
      "version",
    ]) {
      const r = await lab.run(`kubeadm ${words} --dry-run`);
      expect(r.stderr, `kubeadm ${words}`).not.toMatch(/unknown command/);
    }
  });

  it("lists etcdctl's commands, and each one it lists is one etcdctl knows", async () => {
    for (const c of ETCDCTL_HELP) expect(help).toContain(c);
    for (const words of [
      "get a",
      "put a b",
      "del a",
      "lease list",
      "member list",
      "endpoint health",
      "endpoint status",
      "snapshot status nope.db",
      "compaction 1",
      "defrag",
      "alarm list",
      "version",
    ]) {
      const r = await lab.run(`etcdctl ${words}`);
      expect(r.stderr, `etcdctl ${words}`).not.toMatch(/unknown command/);
    }
  });
});
