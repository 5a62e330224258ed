// The console output of `kubeadm join` (kubeadm 1.28) for a worker and for an additional
// control-plane node (stacked etcd), and the validation of the command line against the
// cluster: the token must exist and not be expired, the endpoint must be the cluster's.
import type { ClusterTopology, MachineSpec } from "../topology/types";
import { apiServerAltNames } from "./certs";
import { KubeadmError } from "./errors";
import type { CommandOutput } from "./init-output";

export interface JoinRequest {
  endpoint: string;
  token: string;
  controlPlane: boolean;
  /** The machine that runs the command (already added to the topology by the caller). */
  machine: MachineSpec;
  now: number;
}

/** What the discovery step checks before anything is written. */
export function checkJoin(t: ClusterTopology, r: JoinRequest): KubeadmError | null {
  if (r.endpoint !== t.apiServerEndpoint) {
    return new KubeadmError(
      "discovery",
      `error execution phase preflight: couldn't validate the identity of the API Server: Get "https://${r.endpoint}/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp ${r.endpoint}: connect: connection refused`,
    );
  }
  const id = r.token.split(".")[0] ?? "";
  const token = t.tokens.find(
    (x) => x.token === r.token && (x.expires === null || x.expires > r.now),
  );
  if (!token) {
    return new KubeadmError(
      "discovery",
      `error execution phase preflight: couldn't validate the identity of the API Server: could not find a JWS signature in the cluster-info ConfigMap for token ID "${id}"`,
    );
  }
  if (r.controlPlane && t.config.cluster.controlPlaneEndpoint === "") {
    return new KubeadmError(
      "discovery",
      "error execution phase preflight: \nOne or more conditions for hosting a new control plane instance is not satisfied.\n\nunable to add a new control plane instance to a cluster that doesn't have a stable controlPlaneEndpoint address\n\nPlease ensure that:\n* The cluster has a stable controlPlaneEndpoint address.\n* The certificates that must be shared among control plane instances are provided.\n\n",
    );
  }
  return null;
}

const PREFLIGHT = [
  "[preflight] Running pre-flight checks",
  "[preflight] Reading configuration from the cluster...",
  "[preflight] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'",
];

export function kubeadmJoinOutput(t: ClusterTopology, r: JoinRequest): CommandOutput {
  const problem = checkJoin(t, r);
  if (problem) {
    return { stdout: `${PREFLIGHT[0]}\n`, stderr: problem.toStderr(), exitCode: problem.exitCode };
  }
  const m = r.machine;
  if (!r.controlPlane) {
    return {
      stdout:
        [
          ...PREFLIGHT,
          '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
          '[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"',
          "[kubelet-start] Starting the kubelet",
          "[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap...",
          "",
          "This node has joined the cluster:",
          "* Certificate signing request was sent to apiserver and a response was received.",
          "* The Kubelet was informed of the new secure connection details.",
          "",
          "Run 'kubectl get nodes' on the control-plane to see this node join the cluster.",
          "",
        ].join("\n") + "\n",
      stderr: "",
      exitCode: 0,
    };
  }
  const stacked = t.config.cluster.etcd.local !== null;
  const sans = apiServerAltNames(t.config, { nodeName: m.name, advertiseAddress: m.ip });
  const etcdSans = `DNS names [localhost ${m.name}] and IPs [${m.ip} 127.0.0.1 ::1]`;
  // A joining control plane creates its own serving/client certificates in this order.
  const etcdCerts = stacked
    ? [
        '[certs] Generating "etcd/peer" certificate and key',
        `[certs] etcd/peer serving cert is signed for ${etcdSans}`,
        '[certs] Generating "etcd/healthcheck-client" certificate and key',
        '[certs] Generating "etcd/server" certificate and key',
        `[certs] etcd/server serving cert is signed for ${etcdSans}`,
        '[certs] Generating "apiserver-etcd-client" certificate and key',
      ]
    : [];
  const lines = [
    ...PREFLIGHT,
    "[preflight] Running pre-flight checks before initializing the new control plane instance",
    "[preflight] Pulling images required for setting up a Kubernetes cluster",
    "[preflight] This might take a minute or two, depending on the speed of your internet connection",
    "[preflight] You can also perform this action in beforehand using 'kubeadm config images pull'",
    '[download-certs] Downloading the certificates in Secret "kubeadm-certs" in the "kube-system" Namespace',
    `[download-certs] Saving the certificates to the folder: "${t.config.cluster.certificatesDir}"`,
    `[certs] Using certificateDir folder "${t.config.cluster.certificatesDir}"`,
    '[certs] Generating "apiserver" certificate and key',
    `[certs] apiserver serving cert is signed for DNS names [${sans.dnsNames.join(" ")}] and IPs [${sans.ips.join(" ")}]`,
    '[certs] Generating "apiserver-kubelet-client" certificate and key',
    '[certs] Generating "front-proxy-client" certificate and key',
    ...etcdCerts,
    `[certs] Valid certificates and keys now exist in "${t.config.cluster.certificatesDir}"`,
    '[certs] Using the existing "sa" key',
    "[kubeconfig] Generating kubeconfig files",
    '[kubeconfig] Using kubeconfig folder "/etc/kubernetes"',
    '[kubeconfig] Writing "admin.conf" kubeconfig file',
    '[kubeconfig] Writing "controller-manager.conf" kubeconfig file',
    '[kubeconfig] Writing "scheduler.conf" kubeconfig file',
    '[control-plane] Using manifest folder "/etc/kubernetes/manifests"',
    '[control-plane] Creating static Pod manifest for "kube-apiserver"',
    '[control-plane] Creating static Pod manifest for "kube-controller-manager"',
    '[control-plane] Creating static Pod manifest for "kube-scheduler"',
    ...(stacked ? ["[check-etcd] Checking that the etcd cluster is healthy"] : []),
    '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
    '[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"',
    "[kubelet-start] Starting the kubelet",
    "[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap...",
    ...(stacked
      ? [
          "[etcd] Announced new etcd member joining to the existing etcd cluster",
          '[etcd] Creating static Pod manifest for "etcd"',
          "[etcd] Waiting for the new etcd member to join the cluster. This can take up to 40s",
        ]
      : []),
    "The 'update-status' phase is deprecated and will be removed in a future release. Currently it performs no operation",
    `[mark-control-plane] Marking the node ${m.name} as control-plane by adding the labels: [node-role.kubernetes.io/control-plane node.kubernetes.io/exclude-from-external-load-balancers]`,
    `[mark-control-plane] Marking the node ${m.name} as control-plane by adding the taints [node-role.kubernetes.io/control-plane:NoSchedule]`,
    "",
    "This node has joined the cluster and a new control plane instance was created:",
    "",
    "* Certificate signing request was sent to apiserver and approval was received.",
    "* The Kubelet was informed of the new secure connection details.",
    "* Control plane label and taint were applied to the new node.",
    "* The Kubernetes control plane instances scaled up.",
    ...(stacked ? ["* A new etcd member was added to the local/stacked etcd cluster."] : []),
    "",
    "To start administering your cluster from this node, you need to run the following as a regular user:",
    "",
    "\tmkdir -p $HOME/.kube",
    "\tsudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config",
    "\tsudo chown $(id -u):$(id -g) $HOME/.kube/config",
    "",
    "Run 'kubectl get nodes' to see this node join the cluster.",
    "",
  ];
  return { stdout: `${lines.join("\n")}\n`, stderr: "", exitCode: 0 };
}
