// The CA and serving certificate of the Kubernetes API listener. Real kubectl only
// sends a bearer token over TLS and verifies the server against the kubeconfig's
// certificate-authority-data, so the app keeps its own small CA (ECDSA P-256, made
// with @peculiar/x509 over Node's WebCrypto) when no certificate is configured.

// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect polyfill first.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface ServingCertificate {
  /** PEM of the CA that signed `certPem`: goes into the kubeconfig. */
  caPem: string;
  certPem: string;
  /** PKCS#8 PEM private key of the serving certificate. */
  keyPem: string;
}

const EC_ALG = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

function serial(): string {
  // Positive 16-byte serial: clear the top bit so DER does not read it as negative.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString("hex");
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey("pkcs8", key);
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

async function importPrivateKey(pem: string): Promise<CryptoKey> {
  const der = x509.PemConverter.decode(pem)[0];
  if (!der) throw new Error("no PEM block in the CA key");
  return webcrypto.subtle.importKey("pkcs8", der, EC_ALG, true, ["sign"]);
}

export interface CertificateAuthority {
  certPem: string;
  keyPem: string;
}

/** A self-signed CA named like kubeadm's ("kubernetes"), valid ten years. */
export async function createCertificateAuthority(
  now = new Date(),
  commonName = "kubelab-ca",
): Promise<CertificateAuthority> {
  const keys = (await webcrypto.subtle.generateKey(EC_ALG, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}`,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 3650 * DAY_MS),
    signingAlgorithm: EC_ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign |
          x509.KeyUsageFlags.cRLSign |
          x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString("pem"), keyPem: await privateKeyPem(keys.privateKey) };
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":");
}

/** A serving certificate for `hosts` (DNS names and IP addresses), signed by `ca`, valid one year. */
export async function issueServingCertificate(
  ca: CertificateAuthority,
  hosts: readonly string[],
  now = new Date(),
): Promise<ServingCertificate> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await importPrivateKey(ca.keyPem);
  const keys = (await webcrypto.subtle.generateKey(EC_ALG, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: "CN=kube-apiserver",
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 365 * DAY_MS),
    signingAlgorithm: EC_ALG,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        hosts.map((h) => ({ type: isIp(h) ? ("ip" as const) : ("dns" as const), value: h })),
      ),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return {
    caPem: ca.certPem,
    certPem: cert.toString("pem"),
    keyPem: await privateKeyPem(keys.privateKey),
  };
}
