// The console output of `kubeadm init --config f.yaml` (kubeadm 1.28), phase by phase, for a
// topology built from that config. stdout carries the phase lines and the final instructions;
// stderr carries klog warnings. With --dry-run kubeadm writes into a temporary directory, prints
// the static pod manifests it would write and the API calls it would make, and changes nothing.
// Simplification: the dry-run's "[dryrun] Attached object:" dumps of every API object are omitted.
import { toGoYaml } from "../topology/go-yaml";
import type { ClusterTopology } from "../topology/types";
import type { CertRecord } from "./certs";
import { joinCommand } from "./join-command";
import { clusterCaCertHash } from "./token";
import { klogLine } from "./klog";
import type { KlogWarning } from "./load-config";
import { parseHostPort } from "./host-port";

export interface InitOutputOptions {
  dryRun?: boolean;
  /** --upload-certs with the certificate key to print in the control-plane join command. */
  uploadCerts?: boolean;
  certificateKey?: string;
  /** Warnings from loading the config (strict decoding, version fallback...). */
  warnings?: KlogWarning[];
  /** stdout lines before "[init]" ("[config] WARNING: Ignored YAML document ..."). */
  notices?: string[];
  /** "\t[WARNING Name]: ..." lines from ignored or warning-only preflight checks. */
  preflightWarnings?: string[];
  /** Virtual time the command runs at (klog timestamps). */
  now: number;
  /** kubeadm's process id in klog lines. */
  pid: number;
  /** Seconds the control plane took to become healthy (virtual). */
  healthySeconds: number;
  /** Digits of the dry-run temporary directory (os.MkdirTemp suffix). */
  tmpSuffix?: string;
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** stdout and stderr interleaved as a terminal shows them. */
  terminal?: string;
}

function certLines(certs: readonly CertRecord[], external: boolean): string[] {
  const lines: string[] = [];
  for (const c of certs) {
    if (c.kind === "kubeconfig") continue;
    lines.push(`[certs] Generating "${c.baseName}" certificate and key`);
    if (c.serving) {
      lines.push(
        `[certs] ${c.baseName} serving cert is signed for DNS names [${c.dnsNames.join(" ")}] and IPs [${c.ips.join(" ")}]`,
      );
    }
    if (c.baseName === "front-proxy-client" && external) {
      lines.push(
        "[certs] External etcd mode: Skipping etcd/ca certificate authority generation",
        "[certs] External etcd mode: Skipping etcd/server certificate generation",
        "[certs] External etcd mode: Skipping etcd/peer certificate generation",
        "[certs] External etcd mode: Skipping etcd/healthcheck-client certificate generation",
        "[certs] External etcd mode: Skipping apiserver-etcd-client certificate generation",
      );
    }
  }
  lines.push('[certs] Generating "sa" key and public key');
  return lines;
}

function indent(text: string, by: string): string {
  return text
    .replace(/\n$/, "")
    .split("\n")
    .map((l) => by + l)
    .join("\n");
}

/** The instructions printed after a successful init (cmd/init.go initDoneTempl). */
export function initDoneMessage(
  t: ClusterTopology,
  opts: { uploadCerts?: boolean; certificateKey?: string },
): string {
  const token = t.tokens[0]?.token ?? "";
  const hashes = [clusterCaCertHash(t)];
  const base = { endpoint: t.apiServerEndpoint, token, caCertHashes: hashes };
  let s =
    "Your Kubernetes control-plane has initialized successfully!\n\n" +
    "To start using your cluster, you need to run the following as a regular user:\n\n" +
    "  mkdir -p $HOME/.kube\n" +
    "  sudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config\n" +
    "  sudo chown $(id -u):$(id -g) $HOME/.kube/config\n\n" +
    "Alternatively, if you are the root user, you can run:\n\n" +
    "  export KUBECONFIG=/etc/kubernetes/admin.conf\n\n" +
    "You should now deploy a pod network to the cluster.\n" +
    'Run "kubectl apply -f [podnetwork].yaml" with one of the options listed at:\n' +
    "  https://kubernetes.io/docs/concepts/cluster-administration/addons/\n\n";
  if (t.config.cluster.controlPlaneEndpoint !== "") {
    if (opts.uploadCerts) {
      s +=
        "You can now join any number of the control-plane node running the following command on each as root:\n\n" +
        `  ${joinCommand({ ...base, controlPlane: true, certificateKey: opts.certificateKey })}\n\n` +
        "Please note that the certificate-key gives access to cluster sensitive data, keep it secret!\n" +
        "As a safeguard, uploaded-certs will be deleted in two hours; If necessary, you can use\n" +
        '"kubeadm init phase upload-certs --upload-certs" to reload certs afterward.\n\n';
    } else {
      s +=
        "You can now join any number of control-plane nodes by copying certificate authorities\n" +
        "and service account keys on each node and then running the following as root:\n\n" +
        `  ${joinCommand({ ...base, controlPlane: true })}\n\n`;
    }
  }
  s += "Then you can join any number of worker nodes by running the following on each as root:\n\n";
  s += `${joinCommand({ ...base, controlPlane: false })}\n`;
  return s;
}

export function kubeadmInitOutput(t: ClusterTopology, opts: InitOutputOptions): CommandOutput {
  const cfg = t.config;
  const c = cfg.cluster;
  const node = t.machines[0]!;
  const dry = opts.dryRun ?? false;
  const tmp = `/etc/kubernetes/tmp/kubeadm-init-dryrun${opts.tmpSuffix ?? "2914731563"}`;
  const pkiDir = dry ? tmp : c.certificatesDir;
  const kubeDir = dry ? tmp : "/etc/kubernetes";
  const manifestDir = dry ? tmp : "/etc/kubernetes/manifests";
  const kubeletDir = dry ? tmp : "/var/lib/kubelet";
  const external = c.etcd.external !== null;
  // Each warning remembers how many stdout lines preceded it, for the interleaved transcript.
  const stderr: { at: number; w: KlogWarning }[] = (opts.warnings ?? []).map((w) => ({ at: 0, w }));
  const out: string[] = [
    ...(opts.notices ?? []),
    `[init] Using Kubernetes version: ${c.kubernetesVersion}`,
    "[preflight] Running pre-flight checks",
    ...(opts.preflightWarnings ?? []),
  ];
  if (dry)
    out.push("[preflight] Would pull the required images (like 'kubeadm config images pull')");
  else {
    out.push(
      "[preflight] Pulling images required for setting up a Kubernetes cluster",
      "[preflight] This might take a minute or two, depending on the speed of your internet connection",
      "[preflight] You can also perform this action in beforehand using 'kubeadm config images pull'",
    );
  }
  out.push(
    `[certs] Using certificateDir folder "${pkiDir}"`,
    ...certLines(t.certificates, external),
  );
  out.push(`[kubeconfig] Using kubeconfig folder "${kubeDir}"`);
  const portInEndpoint =
    c.controlPlaneEndpoint !== "" && parseHostPort(c.controlPlaneEndpoint).port !== "";
  for (const f of ["admin.conf", "kubelet.conf", "controller-manager.conf", "scheduler.conf"]) {
    // Printed before each kubeconfig file that embeds the endpoint.
    if (portInEndpoint) {
      stderr.push({
        at: out.length,
        w: {
          source: "endpoint.go:57",
          message:
            "[endpoint] WARNING: port specified in controlPlaneEndpoint overrides bindPort in the controlplane address",
        },
      });
    }
    out.push(`[kubeconfig] Writing "${f}" kubeconfig file`);
  }
  out.push(
    `[kubelet-start] Writing kubelet environment file with flags to file "${kubeletDir}/kubeadm-flags.env"`,
    `[kubelet-start] Writing kubelet configuration to file "${kubeletDir}/config.yaml"`,
  );
  if (dry) {
    out.push(
      "[dryrun] Would ensure that /var/lib/kubelet is present",
      "[dryrun] Would restart the kubelet",
    );
  } else {
    out.push("[kubelet-start] Starting the kubelet");
  }
  // kubeadm 1.28 runs kubelet-start before writing the control-plane and etcd manifests.
  out.push(`[control-plane] Using manifest folder "${manifestDir}"`);
  for (const comp of ["kube-apiserver", "kube-controller-manager", "kube-scheduler"]) {
    out.push(`[control-plane] Creating static Pod manifest for "${comp}"`);
  }
  if (!external) out.push(`[etcd] Creating static Pod manifest for local etcd in "${manifestDir}"`);
  if (dry) {
    out.push(
      `[dryrun] Wrote certificates, kubeconfig files and control plane manifests to the "${tmp}" directory`,
      "[dryrun] The certificates or kubeconfig files would not be printed due to their sensitive nature",
      `[dryrun] Please examine the "${tmp}" directory for details about what would be written`,
    );
    for (const m of t.staticPods[node.name] ?? []) {
      out.push(
        `[dryrun] Would write file "/etc/kubernetes/manifests/${m.metadata.name}.yaml" with content:`,
      );
      out.push(indent(toGoYaml(m), "\t"));
    }
  }
  out.push(
    `[wait-control-plane] Waiting for the kubelet to boot up the control plane as static Pods from directory "/etc/kubernetes/manifests". This can take up to ${c.apiServer.timeoutForControlPlane}`,
  );
  if (dry) out.push("[dryrun] Would wait for the API Server's /healthz endpoint to return 'ok'");
  else {
    out.push(
      `[apiclient] All control plane components are healthy after ${opts.healthySeconds.toFixed(6)} seconds`,
    );
  }
  const apiAction = (verb: string, resource: string, gv: string) =>
    dry
      ? [`[dryrun] Would perform action ${verb} on resource "${resource}" in API group "${gv}"`]
      : [];
  out.push(
    '[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace',
  );
  out.push(...apiAction("CREATE", "configmaps", "core/v1"));
  out.push(
    '[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster',
  );
  out.push(...apiAction("CREATE", "configmaps", "core/v1"));
  out.push(
    opts.uploadCerts
      ? '[upload-certs] Storing the certificates in Secret "kubeadm-certs" in the "kube-system" Namespace'
      : "[upload-certs] Skipping phase. Please see --upload-certs",
  );
  if (opts.uploadCerts)
    out.push(`[upload-certs] Using certificate key:\n${opts.certificateKey ?? ""}`);
  const taints = (cfg.nodeRegistration.taints ?? []).map(
    (x) => `${x.key}${x.value ? `=${x.value}` : ""}:${x.effect}`,
  );
  out.push(
    `[mark-control-plane] Marking the node ${node.name} as control-plane by adding the labels: [node-role.kubernetes.io/control-plane node.kubernetes.io/exclude-from-external-load-balancers]`,
  );
  if (taints.length > 0) {
    out.push(
      `[mark-control-plane] Marking the node ${node.name} as control-plane by adding the taints [${taints.join(" ")}]`,
    );
  }
  out.push(...apiAction("GET", "nodes", "core/v1"), ...apiAction("PATCH", "nodes", "core/v1"));
  out.push(
    `[bootstrap-token] Using token: ${t.tokens[0]?.token ?? ""}`,
    "[bootstrap-token] Configuring bootstrap tokens, cluster-info ConfigMap, RBAC Roles",
    "[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to get nodes",
    "[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials",
    "[bootstrap-token] Configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token",
    "[bootstrap-token] Configured RBAC rules to allow certificate rotation for all node client certificates in the cluster",
    '[bootstrap-token] Creating the "cluster-info" ConfigMap in the "kube-public" namespace',
  );
  out.push(
    ...apiAction("CREATE", "secrets", "core/v1"),
    ...apiAction("CREATE", "configmaps", "core/v1"),
  );
  if (!dry) {
    out.push(
      '[kubelet-finalize] Updating "/etc/kubernetes/kubelet.conf" to point to a rotatable kubelet client certificate and key',
    );
  }
  out.push(
    ...apiAction("CREATE", "deployments", "apps/v1"),
    ...apiAction("CREATE", "daemonsets", "apps/v1"),
  );
  out.push(
    "[addons] Applied essential addon: CoreDNS",
    "[addons] Applied essential addon: kube-proxy",
  );
  const done = `\n${initDoneMessage(t, opts)}`;
  const klog = (w: KlogWarning) => klogLine("W", opts.now, opts.pid, w);
  const terminal: string[] = [];
  out.forEach((line, i) => {
    for (const e of stderr) if (e.at === i) terminal.push(klog(e.w));
    terminal.push(line);
  });
  return {
    stdout: `${out.join("\n")}\n${done}`,
    stderr: stderr.map((e) => `${klog(e.w)}\n`).join(""),
    exitCode: 0,
    terminal: `${terminal.join("\n")}\n${done}`,
  };
}
