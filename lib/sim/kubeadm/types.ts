// The kubeadm configuration after decoding and defaulting: kubeadm's *internal* types, which
// both v1beta3 (extraArgs as a map) and v1beta4 (extraArgs as a name/value list) convert into.

export interface Arg {
  name: string;
  value: string;
}

export interface HostPathMount {
  name: string;
  hostPath: string;
  mountPath: string;
  readOnly: boolean;
  pathType: string;
}

export interface ControlPlaneComponent {
  extraArgs: Arg[];
  extraVolumes: HostPathMount[];
}

export interface LocalEtcd {
  dataDir: string;
  imageRepository: string;
  imageTag: string;
  extraArgs: Arg[];
  serverCertSANs: string[];
  peerCertSANs: string[];
}

export interface ExternalEtcd {
  endpoints: string[];
  caFile: string;
  certFile: string;
  keyFile: string;
}

export interface ClusterConfiguration {
  kubernetesVersion: string;
  controlPlaneEndpoint: string;
  clusterName: string;
  certificatesDir: string;
  imageRepository: string;
  networking: { serviceSubnet: string; podSubnet: string; dnsDomain: string };
  etcd: { local: LocalEtcd | null; external: ExternalEtcd | null };
  apiServer: ControlPlaneComponent & { certSANs: string[]; timeoutForControlPlane: string };
  controllerManager: ControlPlaneComponent;
  scheduler: ControlPlaneComponent;
  dns: { imageRepository: string; imageTag: string };
  featureGates: Record<string, boolean>;
  /** v1beta4 only (kubeadm 1.31+): the key type for generated certificates. */
  encryptionAlgorithm?: string;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface NodeRegistration {
  name: string;
  criSocket: string;
  /** null means "not set": kubeadm then adds the control-plane taint. */
  taints: Taint[] | null;
  kubeletExtraArgs: Arg[];
  ignorePreflightErrors: string[];
  imagePullPolicy: string;
}

export interface BootstrapToken {
  token: string;
  description: string;
  ttl: string;
  /** RFC 3339 expiry when given instead of a TTL. */
  expires: string;
  usages: string[];
  groups: string[];
}

export interface InitConfiguration {
  /** The API version the file was written in (kubeadm.k8s.io/v1beta3 when defaulted). */
  apiVersion: string;
  bootstrapTokens: BootstrapToken[];
  nodeRegistration: NodeRegistration;
  localAPIEndpoint: { advertiseAddress: string; bindPort: number };
  certificateKey: string;
  skipPhases: string[];
  cluster: ClusterConfiguration;
  /** Component config documents passed through (KubeletConfiguration, KubeProxyConfiguration). */
  kubelet: Record<string, unknown> | null;
  kubeProxy: Record<string, unknown> | null;
}

export interface JoinConfiguration {
  apiVersion: string;
  nodeRegistration: NodeRegistration;
  caCertPath: string;
  discovery: {
    bootstrapToken: {
      token: string;
      apiServerEndpoint: string;
      caCertHashes: string[];
      unsafeSkipCAVerification: boolean;
    } | null;
    file: { kubeConfigPath: string } | null;
    tlsBootstrapToken: string;
    timeout: string;
  };
  controlPlane: {
    localAPIEndpoint: { advertiseAddress: string; bindPort: number };
    certificateKey: string;
  } | null;
  skipPhases: string[];
}

/** Arg lookup with kubeadm's "last one wins" rule (GetArgValue with index -1). */
export function argValue(args: readonly Arg[], name: string): string | undefined {
  for (let i = args.length - 1; i >= 0; i--) if (args[i]!.name === name) return args[i]!.value;
  return undefined;
}
