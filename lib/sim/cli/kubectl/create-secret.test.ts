import { describe, expect, it } from "vitest";
import { CliError } from "../errors";
import { labTerminal } from "../testing";
import { checkKeyPair } from "./create-secret";

// A self-signed P-256 certificate for shop.example.com, its key, and an unrelated key
// (made with openssl for this test; they protect nothing).
const CERT = `-----BEGIN CERTIFICATE-----
MIIBjDCCATOgAwIBAgIUSzUv+8olBgpfxSToDLOnVhFv2MEwCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQc2hvcC5leGFtcGxlLmNvbTAgFw0yNjExMjYxNDQ1NTFaGA8y
MTI2MTEwMjE0NDU1MVowGzEZMBcGA1UEAwwQc2hvcC5leGFtcGxlLmNvbTBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABMLyjI6qIlMVbYbzrUlQ+VXg3Rzo/FuKu8X/
NYTsFHUyUsJ+XUIyU+y1F3yMPgetEvCJ2bYUi941th3wiDVU03GjUzBRMB0GA1Ud
DgQWBBSUeyabMHQdJs0j7HeMWwOzNwxTbzAfBgNVHSMEGDAWgBSUeyabMHQdJs0j
7HeMWwOzNwxTbzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIARU
gNMQr9n/V8Gk6dXNPt19SpOJ4VezNO3sRyEXxLprAiB+LwTu8SUkQnxSydM71Ojh
q4EaW4v62Qo3W2XtmR++sg==
-----END CERTIFICATE-----
`;
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg85lrBTwMOqkcl6xF
nJbgUTq5h8vE2FZEOtCu1TJOxaKhRANCAATC8oyOqiJTFW2G861JUPlV4N0c6Pxb
irvF/zWE7BR1MlLCfl1CMlPstRd8jD4HrRLwidm2FIveNbYd8Ig1VNNx
-----END PRIVATE KEY-----
`;
const OTHER_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgn8K9NFb9byROuuLC
8fhn5uIsgolD1JOJ35sDYNXXX5qhRANCAAQaaesccRwhSgHopVdaQZC0u4D+5P0o
xpYB1X8tCUO4ptGCH1wXazL1PlSZyOesE+rG9SAUZKh9C/MdteFx1ioI
-----END PRIVATE KEY-----
`;

const failure = (f: () => void) => {
  try {
    f();
  } catch (e) {
    if (e instanceof CliError) return e.stderr;
    throw e;
  }
  return "no error";
};

describe("checkKeyPair: crypto/tls.X509KeyPair's checks and messages", () => {
  it("accepts a matching pair", () => {
    expect(failure(() => checkKeyPair(CERT, KEY))).toBe("no error");
  });
  it("rejects a key of another pair", () => {
    expect(failure(() => checkKeyPair(CERT, OTHER_KEY))).toBe(
      "error: tls: private key does not match public key",
    );
  });
  it("tells switched inputs and missing PEM apart", () => {
    expect(failure(() => checkKeyPair(KEY, CERT))).toBe(
      "error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched",
    );
    expect(failure(() => checkKeyPair(CERT, CERT))).toBe(
      "error: tls: found a certificate rather than a key in the PEM for the private key",
    );
    expect(failure(() => checkKeyPair("hello", KEY))).toBe(
      "error: tls: failed to find any PEM data in certificate input",
    );
    expect(failure(() => checkKeyPair(CERT, "hello"))).toBe(
      "error: tls: failed to find any PEM data in key input",
    );
  });
});

describe("kubectl create secret tls|docker-registry|generic in the terminal", () => {
  const files = { "tls.crt": CERT, "tls.key": KEY, "k/a.txt": "A", "k/b.txt": "B\n" };

  it("stores the PEM files as they are, typed kubernetes.io/tls", async () => {
    const { run, env } = labTerminal("secret-tls", files);
    const r = await run("kubectl create secret tls shop --cert=tls.crt --key=tls.key");
    expect(r).toMatchObject({ stdout: "secret/shop created\n", exitCode: 0 });
    const got = await env.request({
      method: "GET",
      path: "/api/v1/namespaces/default/secrets/shop",
    });
    const body = ("body" in got ? got.body : {}) as { type: string; data: Record<string, string> };
    expect(body.type).toBe("kubernetes.io/tls");
    expect(Buffer.from(body.data["tls.crt"]!, "base64").toString()).toBe(CERT);
    expect(Buffer.from(body.data["tls.key"]!, "base64").toString()).toBe(KEY);
  });

  it("reads a missing file as kubectl words it", async () => {
    const { run } = labTerminal("secret-tls-missing", files);
    expect((await run("kubectl create secret tls t --cert=nope.crt --key=tls.key")).stderr).toBe(
      "error: Cannot read file nope.crt, open nope.crt: no such file or directory\n",
    );
  });

  it("escapes <, & and > in .dockerconfigjson as Go's encoding/json does", async () => {
    const { run } = labTerminal("secret-docker");
    const r = await run(
      "kubectl create secret docker-registry reg --docker-username=u '--docker-password=p<&>' --docker-server=r.io --dry-run=client -o yaml",
    );
    // Measured with kubectl 1.28.
    expect(r.stdout).toContain(
      ".dockerconfigjson: eyJhdXRocyI6eyJyLmlvIjp7InVzZXJuYW1lIjoidSIsInBhc3N3b3JkIjoicFx1MDAzY1x1MDAyNlx1MDAzZSIsImF1dGgiOiJkVHB3UENZKyJ9fX0=\n",
    );
  });

  it("--from-file takes a directory's files under their names", async () => {
    const { run } = labTerminal("secret-dir", files);
    const r = await run("kubectl create secret generic g --from-file=k --dry-run=client -o yaml");
    expect(r.stdout).toContain(`data:\n  a.txt: ${btoa("A")}\n  b.txt: ${btoa("B\n")}\n`);
    expect(r.stdout).not.toContain("type:");
  });
});
