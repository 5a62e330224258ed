// The certificates `kubeadm init` creates (certs/certlist.go of 1.28): names, files, subjects,
// SANs and validity (CAs 10 years, leaf certificates 1 year), computed from the config and the
// virtual clock. The simulator holds no keys: these records are what kubeadm would print.
import { indexedIP, parseCidrList } from "./net";
import { parseHostPort } from "./host-port";
import { parseIP } from "./net";
import type { InitConfiguration } from "./types";

export const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface CertRecord {
  /** Name in `kubeadm certs check-expiration` (etcd-server, apiserver, admin.conf...). */
  name: string;
  /** Name in `kubeadm init` output (etcd/server) and file stem under certificatesDir. */
  baseName: string;
  commonName: string;
  organization: string[];
  /** The CA that signs it ("" for CAs themselves and the sa key pair). */
  caName: "" | "ca" | "etcd-ca" | "front-proxy-ca";
  dnsNames: string[];
  ips: string[];
  notBefore: number;
  notAfter: number;
  /** Kubeconfig files carry an embedded client certificate instead of a .crt file. */
  kind: "ca" | "cert" | "kubeconfig";
  /** Serving certificates get their SAN line printed during init. */
  serving: boolean;
}

/** The etcd member names and addresses kubeadm puts in the etcd serving/peer SANs. */
export interface CertHost {
  nodeName: string;
  advertiseAddress: string;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** certutil.AltNames after RemoveDuplicateAltNames: DNS names sorted, IPs in order. */
function altNames(dns: string[], ips: string[], extra: string[]) {
  const d = [...dns];
  const i = [...ips];
  for (const san of extra) {
    if (parseIP(san)) i.push(san);
    else d.push(san);
  }
  return { dnsNames: unique(d).sort(), ips: unique(i) };
}

export function apiServerAltNames(cfg: InitConfiguration, host: CertHost) {
  const c = cfg.cluster;
  const svc = parseCidrList(c.networking.serviceSubnet)?.[0];
  const dns = [
    host.nodeName,
    "kubernetes",
    "kubernetes.default",
    "kubernetes.default.svc",
    `kubernetes.default.svc.${c.networking.dnsDomain}`,
  ];
  const ips = [svc ? indexedIP(svc, 1) : "10.96.0.1", host.advertiseAddress];
  if (c.controlPlaneEndpoint !== "") {
    const hp = parseHostPort(c.controlPlaneEndpoint);
    if (!hp.error) (parseIP(hp.host) ? ips : dns).push(hp.host);
  }
  return altNames(dns, ips, c.apiServer.certSANs);
}

function etcdAltNames(cfg: InitConfiguration, host: CertHost, kind: "server" | "peer") {
  const local = cfg.cluster.etcd.local;
  const extra = local ? (kind === "server" ? local.serverCertSANs : local.peerCertSANs) : [];
  return altNames([host.nodeName, "localhost"], [host.advertiseAddress, "127.0.0.1", "::1"], extra);
}

/**
 * Every certificate of a control-plane node, in the order `kubeadm init` creates them. With
 * external etcd the etcd CA and its certificates are skipped (kubeadm does not make them).
 */
export function controlPlaneCertificates(
  cfg: InitConfiguration,
  host: CertHost,
  now: number,
): CertRecord[] {
  const ca = (name: string, baseName: string, cn: string): CertRecord => ({
    name,
    baseName,
    commonName: cn,
    organization: [],
    caName: "",
    dnsNames: [],
    ips: [],
    notBefore: now,
    notAfter: now + 10 * YEAR_MS,
    kind: "ca",
    serving: false,
  });
  const leaf = (
    name: string,
    baseName: string,
    cn: string,
    caName: CertRecord["caName"],
    org: string[] = [],
    sans?: { dnsNames: string[]; ips: string[] },
  ): CertRecord => ({
    name,
    baseName,
    commonName: cn,
    organization: org,
    caName,
    dnsNames: sans?.dnsNames ?? [],
    ips: sans?.ips ?? [],
    notBefore: now,
    notAfter: now + YEAR_MS,
    kind: "cert",
    serving: sans !== undefined,
  });
  const external = cfg.cluster.etcd.external !== null;
  const out: CertRecord[] = [
    ca("ca", "ca", "kubernetes"),
    leaf("apiserver", "apiserver", "kube-apiserver", "ca", [], apiServerAltNames(cfg, host)),
    leaf(
      "apiserver-kubelet-client",
      "apiserver-kubelet-client",
      "kube-apiserver-kubelet-client",
      "ca",
      ["system:masters"],
    ),
    ca("front-proxy-ca", "front-proxy-ca", "front-proxy-ca"),
    leaf("front-proxy-client", "front-proxy-client", "front-proxy-client", "front-proxy-ca"),
  ];
  if (!external) {
    out.push(
      ca("etcd-ca", "etcd/ca", "etcd-ca"),
      leaf(
        "etcd-server",
        "etcd/server",
        host.nodeName,
        "etcd-ca",
        [],
        etcdAltNames(cfg, host, "server"),
      ),
      leaf("etcd-peer", "etcd/peer", host.nodeName, "etcd-ca", [], etcdAltNames(cfg, host, "peer")),
      leaf(
        "etcd-healthcheck-client",
        "etcd/healthcheck-client",
        "kube-etcd-healthcheck-client",
        "etcd-ca",
      ),
      leaf(
        "apiserver-etcd-client",
        "apiserver-etcd-client",
        "kube-apiserver-etcd-client",
        "etcd-ca",
      ),
    );
  }
  const kubeconfig = (file: string, cn: string, org: string[]): CertRecord => ({
    ...leaf(file, file, cn, "ca", org),
    kind: "kubeconfig",
  });
  out.push(
    kubeconfig("admin.conf", "kubernetes-admin", ["system:masters"]),
    kubeconfig("controller-manager.conf", "system:kube-controller-manager", []),
    kubeconfig("scheduler.conf", "system:kube-scheduler", []),
  );
  return out;
}

/** Files under certificatesDir for a control-plane node (the sa pair has no certificate). */
export function pkiFiles(certs: readonly CertRecord[]): string[] {
  const files: string[] = [];
  for (const c of certs) {
    if (c.kind === "kubeconfig") continue;
    files.push(`${c.baseName}.crt`, `${c.baseName}.key`);
  }
  files.push("sa.key", "sa.pub");
  return files.sort();
}
