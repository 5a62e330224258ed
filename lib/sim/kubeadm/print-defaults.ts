// `kubeadm config print init-defaults` / `join-defaults`: the static defaults with kubeadm's
// placeholders (token abcdef.0123456789abcdef, advertiseAddress 1.2.3.4, node name "node"),
// marshalled with sorted keys as sigs.k8s.io/yaml does. kubeadm 1.28 prints v1beta3; 1.31+
// prints v1beta4 (timeouts in InitConfiguration, encryptionAlgorithm, validity periods, proxy).
import { KubeadmError } from "./errors";

const V1BETA3_INIT = `apiVersion: kubeadm.k8s.io/v1beta3
bootstrapTokens:
- groups:
  - system:bootstrappers:kubeadm:default-node-token
  token: abcdef.0123456789abcdef
  ttl: 24h0m0s
  usages:
  - signing
  - authentication
kind: InitConfiguration
localAPIEndpoint:
  advertiseAddress: 1.2.3.4
  bindPort: 6443
nodeRegistration:
  criSocket: unix:///var/run/containerd/containerd.sock
  imagePullPolicy: IfNotPresent
  name: node
  taints: null
---
apiServer:
  timeoutForControlPlane: 4m0s
apiVersion: kubeadm.k8s.io/v1beta3
certificatesDir: /etc/kubernetes/pki
clusterName: kubernetes
controllerManager: {}
dns: {}
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: 1.MINOR.0
networking:
  dnsDomain: cluster.local
  serviceSubnet: 10.96.0.0/12
scheduler: {}
`;

const V1BETA4_INIT = `apiVersion: kubeadm.k8s.io/v1beta4
bootstrapTokens:
- groups:
  - system:bootstrappers:kubeadm:default-node-token
  token: abcdef.0123456789abcdef
  ttl: 24h0m0s
  usages:
  - signing
  - authentication
kind: InitConfiguration
localAPIEndpoint:
  advertiseAddress: 1.2.3.4
  bindPort: 6443
nodeRegistration:
  criSocket: unix:///var/run/containerd/containerd.sock
  imagePullPolicy: IfNotPresent
  imagePullSerial: true
  name: node
  taints: null
timeouts:
  controlPlaneComponentHealthCheck: 4m0s
  discovery: 5m0s
  etcdAPICall: 2m0s
  kubeletHealthCheck: 4m0s
  kubernetesAPICall: 1m0s
  tlsBootstrap: 5m0s
  upgradeManifests: 5m0s
---
apiServer: {}
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: kubernetes
controllerManager: {}
dns: {}
encryptionAlgorithm: RSA-2048
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: 1.MINOR.0
networking:
  dnsDomain: cluster.local
  serviceSubnet: 10.96.0.0/12
proxy: {}
scheduler: {}
`;

const V1BETA3_JOIN = `apiVersion: kubeadm.k8s.io/v1beta3
caCertPath: /etc/kubernetes/pki/ca.crt
discovery:
  bootstrapToken:
    apiServerEndpoint: kube-apiserver:6443
    token: abcdef.0123456789abcdef
    unsafeSkipCAVerification: true
  timeout: 5m0s
  tlsBootstrapToken: abcdef.0123456789abcdef
kind: JoinConfiguration
nodeRegistration:
  criSocket: unix:///var/run/containerd/containerd.sock
  imagePullPolicy: IfNotPresent
  name: node
  taints: null
`;

/** "v1.28.0" or "1.28" → 28. */
export function minorOf(version: string): number {
  const m = /^v?1\.(\d+)/.exec(version);
  if (!m) throw new KubeadmError("defaulting", `couldn't parse kubeadm version "${version}"`);
  return Number(m[1]);
}

/** The simulator models kubeadm 1.28 (v1beta3) and, for comparison, 1.31+ (v1beta4). */
function checkSupported(minor: number): void {
  if (minor < 28) {
    throw new KubeadmError(
      "defaulting",
      `kubeadm v1.${minor} is not simulated here (1.28 and 1.31+ are)`,
    );
  }
}

export function printInitDefaults(kubeadmVersion = "v1.28.0"): string {
  const minor = minorOf(kubeadmVersion);
  checkSupported(minor);
  const text = minor >= 31 ? V1BETA4_INIT : V1BETA3_INIT;
  return text.replace("1.MINOR.0", `1.${minor}.0`);
}

export function printJoinDefaults(kubeadmVersion = "v1.28.0"): string {
  const minor = minorOf(kubeadmVersion);
  checkSupported(minor);
  if (minor >= 31) {
    throw new KubeadmError("defaulting", "join-defaults of kubeadm 1.31+ is not simulated here");
  }
  return V1BETA3_JOIN;
}
