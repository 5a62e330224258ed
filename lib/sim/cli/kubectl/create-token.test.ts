import { createPublicKey, verify } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { signingKey } from "../../apiserver/authn/token-request";
import { CliError } from "../errors";
import { labTerminal } from "../testing";
import { parseGoDuration } from "./create-token";

vi.setConfig({ testTimeout: 30_000 });

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;

describe("parseGoDuration (time.ParseDuration)", () => {
  it("reads unit sequences, fractions and signs", () => {
    expect(parseGoDuration("1h30m")).toBe(5400e9);
    expect(parseGoDuration("1.5h")).toBe(5400e9);
    expect(parseGoDuration("1500ms")).toBe(1.5e9);
    expect(parseGoDuration("-2s")).toBe(-2e9);
    expect(parseGoDuration("0")).toBe(0);
  });
  it("fails as pflag reports Go's errors", () => {
    const err = (s: string) => {
      try {
        parseGoDuration(s);
      } catch (e) {
        if (e instanceof CliError) return e.stderr.split("\n")[0];
      }
      return "no error";
    };
    expect(err("10")).toBe(
      'error: invalid argument "10" for "--duration" flag: time: missing unit in duration "10"',
    );
    expect(err("3x")).toBe(
      'error: invalid argument "3x" for "--duration" flag: time: unknown unit "x" in duration "3x"',
    );
    expect(err("h")).toBe(
      'error: invalid argument "h" for "--duration" flag: time: invalid duration "h"',
    );
  });
});

describe("kubectl create token (TokenRequest on serviceaccounts/token)", () => {
  it("prints a JWT signed with the sandbox's key, with the service account's claims", async () => {
    const { run, env } = labTerminal("token-claims");
    await run("kubectl create serviceaccount robot");
    const r = await run("kubectl create token robot --duration=2h");
    expect(r.exitCode).toBe(0);
    const jwt = r.stdout.trim();
    const [header, payload, signature] = jwt.split(".") as [string, string, string];
    const { key } = signingKey((await env.state()).seed);
    expect(
      verify(
        "sha256",
        Buffer.from(`${header}.${payload}`),
        { key: createPublicKey(key), dsaEncoding: "ieee-p1363" },
        Buffer.from(signature, "base64url"),
      ),
    ).toBe(true);
    const sa = await env.request({
      method: "GET",
      path: "/api/v1/namespaces/default/serviceaccounts/robot",
    });
    const claims = claimsOf(jwt);
    expect(claims).toMatchObject({
      aud: ["https://kubernetes.default.svc.cluster.local"],
      iss: "https://kubernetes.default.svc.cluster.local",
      sub: "system:serviceaccount:default:robot",
      "kubernetes.io": {
        namespace: "default",
        serviceaccount: {
          name: "robot",
          uid: (("body" in sa ? sa.body : {}) as { metadata: { uid: string } }).metadata.uid,
        },
      },
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(7200);
  });

  it("binds a token to a Secret and rejects a pod running as another service account", async () => {
    const { run, env } = labTerminal("token-bound");
    await run("kubectl create serviceaccount robot");
    await run("kubectl create secret generic s --from-literal=a=b");
    const r = await run(
      "kubectl create token robot --bound-object-kind=Secret --bound-object-name=s --audience=vault",
    );
    const secret = await env.request({
      method: "GET",
      path: "/api/v1/namespaces/default/secrets/s",
    });
    expect(claimsOf(r.stdout.trim())).toMatchObject({
      aud: ["vault"],
      "kubernetes.io": {
        secret: {
          name: "s",
          uid: (("body" in secret ? secret.body : {}) as { metadata: { uid: string } }).metadata
            .uid,
        },
      },
    });
    await run("kubectl run p --image=nginx");
    expect(
      (await run("kubectl create token robot --bound-object-kind=Pod --bound-object-name=p"))
        .stderr,
    ).toBe(
      'error: failed to create token: cannot bind token for serviceaccount "robot" to pod running with different serviceaccount name.\n',
    );
  });

  it("answers as kube-apiserver for a missing account and a too short lifetime", async () => {
    const { run } = labTerminal("token-errors");
    expect((await run("kubectl create token ghost")).stderr).toBe(
      'error: failed to create token: serviceaccounts "ghost" not found\n',
    );
    expect((await run("kubectl create token default --duration=5m")).stderr).toBe(
      'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n',
    );
    expect(
      (await run("kubectl create token default --bound-object-kind=Node --bound-object-name=n"))
        .stderr,
    ).toBe("error: supported --bound-object-kind values are Pod, Secret\n");
  });
});
