import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCertificateAuthority, issueServingCertificate } from "./certificates";
import { loadOrCreate } from "./serving-certificate";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("certificates", () => {
  it("issues a serving certificate the CA verifies, for the given names", async () => {
    const ca = await createCertificateAuthority();
    const served = await issueServingCertificate(ca, ["localhost", "127.0.0.1"]);
    const caCert = new X509Certificate(ca.certPem);
    const cert = new X509Certificate(served.certPem);
    expect(caCert.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.checkHost("localhost")).toBe("localhost");
    expect(cert.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(cert.checkHost("example.com")).toBeUndefined();
  });

  it("a TLS client trusting only the CA connects", async () => {
    const ca = await createCertificateAuthority();
    const served = await issueServingCertificate(ca, ["localhost", "127.0.0.1"]);
    const server = createServer({ cert: served.certPem, key: served.keyPem }, (_q, s) =>
      s.end("ok"),
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const body = await new Promise<string>((resolve, reject) => {
      request({ host: "127.0.0.1", port, ca: ca.certPem, path: "/" }, (res) => {
        let s = "";
        res.on("data", (c: Buffer) => (s += c.toString()));
        res.on("end", () => resolve(s));
      })
        .on("error", reject)
        .end();
    });
    server.close();
    expect(body).toBe("ok");
  });

  it("keeps the generated CA across restarts and re-issues for new hosts", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kubelab-tls-"));
    dirs.push(dir);
    const first = await loadOrCreate({ dir, env: {} });
    const again = await loadOrCreate({ dir, env: {} });
    expect(again).toEqual(first);
    const moved = await loadOrCreate({ dir, env: { KUBELAB_TLS_HOSTS: "lab.example.org" } });
    expect(moved.caPem).toBe(first.caPem);
    expect(new X509Certificate(moved.certPem).checkHost("lab.example.org")).toBe("lab.example.org");
  });
});
