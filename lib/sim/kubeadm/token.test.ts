import { describe, expect, it } from "vitest";
import { buildTopology } from "../topology/build";
import { KubeadmError } from "./errors";
import { initDoneMessage } from "./init-output";
import { tokenListOutput } from "./tables";
import { createToken, deleteToken } from "./token";

const NOW = Date.parse("2026-11-26T05:00:00Z");

describe("kubeadm token create / delete", () => {
  const t = buildTopology({ now: NOW, seed: "tok" });

  it("prints the join command on one line, with the same CA hash as init", () => {
    const r = createToken(t, { token: "abcdef.0123456789abcdef", printJoinCommand: true }, NOW);
    const hash = /sha256:[0-9a-f]{64}/.exec(initDoneMessage(t, {}))![0];
    expect(r.stdout).toBe(
      `kubeadm join 192.168.56.10:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash ${hash} \n`,
    );
    expect(r.secret?.metadata.name).toBe("bootstrap-token-abcdef");
    expect(tokenListOutput(r.topology.tokens, NOW + 1000)).toContain(
      "abcdef.0123456789abcdef   23h",
    );
  });

  it("prints just the token by default and supports never-expiring tokens", () => {
    const r = createToken(t, { token: "abcdef.0123456789abcdef", ttl: "0" }, NOW);
    expect(r.stdout).toBe("abcdef.0123456789abcdef\n");
    expect(tokenListOutput(r.topology.tokens, NOW)).toContain(
      "abcdef.0123456789abcdef   <forever>   <never>",
    );
  });

  it("rejects malformed and duplicate tokens with kubeadm's messages", () => {
    expect(() => createToken(t, { token: "nope" }, NOW)).toThrow(
      'the bootstrap token "nope" was not of the form "\\\\A([a-z0-9]{6})\\\\.([a-z0-9]{16})\\\\z"',
    );
    const id = t.tokens[0]!.token.split(".")[0]!;
    expect(() => createToken(t, { token: `${id}.0123456789abcdef` }, NOW)).toThrow(
      `a token with id "${id}" already exists`,
    );
  });

  it("deletes by id or full token", () => {
    const id = t.tokens[0]!.token.split(".")[0]!;
    const r = deleteToken(t, t.tokens[0]!.token);
    expect(r.stdout).toBe(`bootstrap token "${id}" deleted\n`);
    expect(r.topology.tokens).toHaveLength(0);
    try {
      deleteToken(r.topology, id);
      expect.unreachable();
    } catch (e) {
      expect((e as KubeadmError).message).toBe(
        `failed to delete bootstrap token "${id}": secrets "bootstrap-token-${id}" not found`,
      );
    }
  });
});
