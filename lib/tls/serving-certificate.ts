// Where the Kubernetes API listener gets its certificate: a configured one in
// production (KUBELAB_TLS_CERT_FILE / KUBELAB_TLS_KEY_FILE, with KUBELAB_TLS_CA_FILE
// for the kubeconfig; the CA defaults to the certificate itself), otherwise the
// app's own CA and serving certificate kept under KUBELAB_TLS_DIR (.data/tls).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  createCertificateAuthority,
  issueServingCertificate,
  type ServingCertificate,
} from "./certificates";

export const DEFAULT_TLS_HOSTS = ["localhost", "127.0.0.1", "::1"];

export interface TlsOptions {
  dir?: string;
  hosts?: readonly string[];
  env?: Record<string, string | undefined>;
}

function read(file: string): string {
  return readFileSync(file, "utf8");
}

function hostsFrom(env: Record<string, string | undefined>, hosts?: readonly string[]): string[] {
  const extra = (env.KUBELAB_TLS_HOSTS ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  return [...new Set([...(hosts ?? DEFAULT_TLS_HOSTS), ...extra])];
}

let pending: Promise<ServingCertificate> | undefined;

/** The listener's certificate; generated once and kept on disk (0600 keys) for restarts. */
export function servingCertificate(opts: TlsOptions = {}): Promise<ServingCertificate> {
  pending ??= loadOrCreate(opts).catch((err: unknown) => {
    pending = undefined;
    throw err;
  });
  return pending;
}

export async function loadOrCreate(opts: TlsOptions = {}): Promise<ServingCertificate> {
  const env = opts.env ?? process.env;
  if (env.KUBELAB_TLS_CERT_FILE && env.KUBELAB_TLS_KEY_FILE) {
    const certPem = read(env.KUBELAB_TLS_CERT_FILE);
    return {
      certPem,
      keyPem: read(env.KUBELAB_TLS_KEY_FILE),
      caPem: env.KUBELAB_TLS_CA_FILE ? read(env.KUBELAB_TLS_CA_FILE) : certPem,
    };
  }
  const dir = opts.dir ?? env.KUBELAB_TLS_DIR ?? path.join(process.cwd(), ".data", "tls");
  const files = {
    caCert: path.join(dir, "ca.crt"),
    caKey: path.join(dir, "ca.key"),
    cert: path.join(dir, "apiserver.crt"),
    key: path.join(dir, "apiserver.key"),
    hosts: path.join(dir, "apiserver.hosts"),
  };
  const hosts = hostsFrom(env, opts.hosts);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let ca: { certPem: string; keyPem: string };
  if (existsSync(files.caCert) && existsSync(files.caKey)) {
    ca = { certPem: read(files.caCert), keyPem: read(files.caKey) };
  } else {
    ca = await createCertificateAuthority();
    writeFileSync(files.caKey, ca.keyPem, { mode: 0o600 });
    writeFileSync(files.caCert, ca.certPem);
  }
  // Re-issue the serving certificate when the host list changed (new public name).
  const sameHosts = existsSync(files.hosts) && read(files.hosts) === hosts.join(",");
  if (sameHosts && existsSync(files.cert) && existsSync(files.key)) {
    return { caPem: ca.certPem, certPem: read(files.cert), keyPem: read(files.key) };
  }
  const issued = await issueServingCertificate(ca, hosts);
  writeFileSync(files.key, issued.keyPem, { mode: 0o600 });
  writeFileSync(files.cert, issued.certPem);
  writeFileSync(files.hosts, hosts.join(","));
  return issued;
}
