// Each machine's small virtual filesystem: the static pod manifests, the kubeconfig files,
// /etc/kubernetes/pki (names kubeadm creates, with placeholder contents: the simulator holds no
// keys) and the kubelet's config. Derived from the topology on demand, so nothing is stored.
import { pkiFiles } from "../kubeadm/certs";
import { toGoYaml } from "./go-yaml";
import { placeholderCaData, placeholderPem } from "./placeholders";
import { kubeletConfigDocument } from "./config-maps";
import type { ClusterTopology } from "./types";

export interface MachineFiles {
  /** Absolute path → file content. */
  files: Record<string, string>;
  /** Directories that exist even when empty (an empty manifests folder on workers). */
  dirs: string[];
}

function kubeconfig(
  cluster: string,
  server: string,
  user: string,
  clientCert: "embedded" | string,
): string {
  const userBlock =
    clientCert === "embedded"
      ? `    client-certificate-data: ${placeholderCaData()}\n    client-key-data: ${placeholderCaData()}\n`
      : `    client-certificate: ${clientCert}\n    client-key: ${clientCert}\n`;
  return (
    `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${placeholderCaData()}\n` +
    `    server: ${server}\n  name: ${cluster}\ncontexts:\n- context:\n    cluster: ${cluster}\n` +
    `    user: ${user}\n  name: ${user}@${cluster}\ncurrent-context: ${user}@${cluster}\nkind: Config\n` +
    `preferences: {}\nusers:\n- name: ${user}\n  user:\n${userBlock}`
  );
}

function pemKind(file: string): "CERTIFICATE" | "RSA PRIVATE KEY" | "PUBLIC KEY" {
  if (file.endsWith(".crt")) return "CERTIFICATE";
  if (file.endsWith(".pub")) return "PUBLIC KEY";
  return "RSA PRIVATE KEY";
}

export function machineFiles(t: ClusterTopology, machineName: string): MachineFiles {
  const m = t.machines.find((x) => x.name === machineName);
  if (!m) throw new RangeError(`no machine named ${machineName}`);
  const c = t.config.cluster;
  const clusterName = c.clusterName;
  const server = `https://${t.apiServerEndpoint}`;
  const files: Record<string, string> = {};
  const dirs = [
    "/etc/kubernetes",
    "/etc/kubernetes/manifests",
    c.certificatesDir,
    "/var/lib/kubelet",
  ];
  const kubeletPem = "/var/lib/kubelet/pki/kubelet-client-current.pem";
  files["/etc/kubernetes/kubelet.conf"] = kubeconfig(
    clusterName,
    server,
    `system:node:${m.name}`,
    kubeletPem,
  );
  files["/var/lib/kubelet/config.yaml"] = toGoYaml(
    kubeletConfigDocument(t.clusterDNSIP, c.networking.dnsDomain, t.config.kubelet),
  );
  files[`${c.certificatesDir}/ca.crt`] = placeholderPem("CERTIFICATE", "ca.crt");
  if (m.role === "control-plane") {
    const local = `https://${m.ip.includes(":") ? `[${m.ip}]` : m.ip}:${t.config.localAPIEndpoint.bindPort}`;
    files["/etc/kubernetes/admin.conf"] = kubeconfig(
      clusterName,
      server,
      "kubernetes-admin",
      "embedded",
    );
    // controller-manager and scheduler talk to their own node's API server.
    files["/etc/kubernetes/controller-manager.conf"] = kubeconfig(
      clusterName,
      local,
      "system:kube-controller-manager",
      "embedded",
    );
    files["/etc/kubernetes/scheduler.conf"] = kubeconfig(
      clusterName,
      local,
      "system:kube-scheduler",
      "embedded",
    );
    for (const manifest of t.staticPods[m.name] ?? []) {
      files[`/etc/kubernetes/manifests/${manifest.metadata.name}.yaml`] = toGoYaml(manifest);
    }
    for (const f of pkiFiles(t.certificates)) {
      files[`${c.certificatesDir}/${f}`] = placeholderPem(pemKind(f), f);
    }
    const ext = c.etcd.external;
    if (ext) {
      // Files the administrator copied in for the external etcd cluster.
      for (const f of [ext.caFile, ext.certFile, ext.keyFile]) {
        if (f) files[f] = placeholderPem(pemKind(f), `${f} (external etcd)`);
      }
    } else {
      dirs.push(`${c.certificatesDir}/etcd`, c.etcd.local?.dataDir ?? "/var/lib/etcd");
    }
  }
  return { files, dirs: [...new Set(dirs)].sort() };
}
