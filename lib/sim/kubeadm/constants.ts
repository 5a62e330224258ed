// Well-known values of kubeadm 1.28 (cmd/kubeadm/app/constants): versions of the images it
// deploys, default paths, ports and subnets. One place, so manifests, printed defaults and the
// init output can never disagree.

/** The Kubernetes version the simulator runs (the course text uses v1.28.0). */
export const KUBERNETES_VERSION = "v1.28.0";
/** constants.CurrentKubernetesVersion as `kubeadm config print init-defaults` prints it. */
export const CURRENT_KUBERNETES_VERSION_TEXT = "1.28.0";
/** The oldest control plane kubeadm 1.28 deploys (MinimumControlPlaneVersion). */
export const MINIMUM_CONTROL_PLANE_MINOR = 27;

export const ETCD_IMAGE_TAG = "3.5.9-0";
export const COREDNS_IMAGE_TAG = "v1.10.1";
export const PAUSE_IMAGE_TAG = "3.9";
export const DEFAULT_IMAGE_REPOSITORY = "registry.k8s.io";

export const CONTAINERD_VERSION = "containerd://1.7.13";
export const OS_IMAGE = "Ubuntu 22.04.3 LTS";
export const KERNEL_VERSION = "5.15.0-88-generic";

export const DEFAULT_SERVICE_SUBNET = "10.96.0.0/12";
export const DEFAULT_DNS_DOMAIN = "cluster.local";
export const DEFAULT_CLUSTER_NAME = "kubernetes";
export const DEFAULT_CERTIFICATES_DIR = "/etc/kubernetes/pki";
export const DEFAULT_ETCD_DATA_DIR = "/var/lib/etcd";
export const DEFAULT_CRI_SOCKET = "unix:///var/run/containerd/containerd.sock";
export const DEFAULT_BIND_PORT = 6443;
export const DEFAULT_TOKEN_TTL = "24h0m0s";
export const DEFAULT_TOKEN_GROUP = "system:bootstrappers:kubeadm:default-node-token";
export const DEFAULT_CA_CERT_PATH = "/etc/kubernetes/pki/ca.crt";
export const DEFAULT_TIMEOUT_FOR_CONTROL_PLANE = "4m0s";
export const DEFAULT_DISCOVERY_TIMEOUT = "5m0s";

export const KUBERNETES_DIR = "/etc/kubernetes";
export const MANIFESTS_DIR = "/etc/kubernetes/manifests";

/** constants.MinimumAddressesInServiceSubnet / MinimumAddressesInPodSubnet. */
export const MIN_ADDRESSES_IN_SERVICE_SUBNET = 10;
export const MIN_ADDRESSES_IN_POD_SUBNET = 4;
/** constants.MaximumBitsForServiceSubnet: a /12 is the largest IPv4 service range. */
export const MAX_BITS_FOR_SERVICE_SUBNET = 20;
/** constants.PodSubnetNodeMaskMaxDiff. */
export const POD_SUBNET_NODE_MASK_MAX_DIFF = 16;

/** The kubeadm API groups and versions the simulated kubeadm knows. */
export const KUBEADM_GROUP = "kubeadm.k8s.io";
export const KUBELET_CONFIG_GROUP = "kubelet.config.k8s.io";
export const KUBE_PROXY_CONFIG_GROUP = "kubeproxy.config.k8s.io";

/** The placeholder token `kubeadm config print init-defaults` prints (PlaceholderToken). */
export const PLACEHOLDER_TOKEN = "abcdef.0123456789abcdef";

/** Where the two Go schemes live, as kubeadm names them in "no kind registered" errors. */
export const KUBEADM_SCHEME_NAME =
  "k8s.io/kubernetes/cmd/kubeadm/app/apis/kubeadm/scheme/scheme.go:31";
