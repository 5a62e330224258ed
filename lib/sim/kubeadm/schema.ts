// The Go types of the kubeadm configuration kinds, reduced to what decoding needs: field names
// (for strict decoding's "unknown field" errors), JSON kinds (for "cannot unmarshal" errors)
// and the Go names kubeadm's errors print. v1beta3 is what kubeadm 1.28 reads; v1beta4 is what
// kubeadm 1.31+ reads (extraArgs as name/value lists, timeouts moved to Init/JoinConfiguration).

export type FieldSpec =
  | { t: "string" }
  | { t: "bool" }
  | { t: "int32" }
  /** metav1.Duration / metav1.Time: strings in JSON. */
  | { t: "duration" }
  | { t: "strings" }
  | { t: "stringMap" }
  | { t: "boolMap" }
  /** Nested values kubeadm passes through without a closed schema (component config blocks). */
  | { t: "any" }
  | { t: "object"; go: string; fields: Readonly<Record<string, FieldSpec>> }
  | { t: "list"; go: string; of: FieldSpec };

const str: FieldSpec = { t: "string" };
const bool: FieldSpec = { t: "bool" };
const int32: FieldSpec = { t: "int32" };
const duration: FieldSpec = { t: "duration" };
const strings: FieldSpec = { t: "strings" };
const stringMap: FieldSpec = { t: "stringMap" };
const boolMap: FieldSpec = { t: "boolMap" };
const any: FieldSpec = { t: "any" };
const obj = (go: string, fields: Record<string, FieldSpec>): FieldSpec => ({
  t: "object",
  go,
  fields,
});
const list = (go: string, of: FieldSpec): FieldSpec => ({ t: "list", go, of });

export type KubeadmApiVersion = "v1beta3" | "v1beta4";

const TYPE_META = { apiVersion: str, kind: str };

function argsSpec(v: KubeadmApiVersion): FieldSpec {
  return v === "v1beta3" ? stringMap : list("[]v1beta4.Arg", obj("Arg", { name: str, value: str }));
}
const envSpec = list("[]v1.EnvVar", any);

const hostPathMount = obj("HostPathMount", {
  name: str,
  hostPath: str,
  mountPath: str,
  readOnly: bool,
  pathType: str,
});

function controlPlaneComponent(v: KubeadmApiVersion, go: string, extra: Record<string, FieldSpec>) {
  const fields: Record<string, FieldSpec> = {
    extraArgs: argsSpec(v),
    extraVolumes: list(`[]${v}.HostPathMount`, hostPathMount),
    ...extra,
  };
  if (v === "v1beta4") fields.extraEnvs = envSpec;
  return obj(go, fields);
}

function nodeRegistration(v: KubeadmApiVersion): FieldSpec {
  const fields: Record<string, FieldSpec> = {
    name: str,
    criSocket: str,
    taints: list("[]v1.Taint", obj("Taint", { key: str, value: str, effect: str, timeAdded: any })),
    kubeletExtraArgs: argsSpec(v),
    ignorePreflightErrors: strings,
    imagePullPolicy: str,
  };
  if (v === "v1beta4") fields.imagePullSerial = bool;
  return obj("NodeRegistrationOptions", fields);
}

const apiEndpoint = obj("APIEndpoint", { advertiseAddress: str, bindPort: int32 });
const patches = obj("Patches", { directory: str });
const bootstrapToken = obj("BootstrapToken", {
  token: str,
  description: str,
  ttl: duration,
  expires: duration,
  usages: strings,
  groups: strings,
});
const timeouts = obj("Timeouts", {
  controlPlaneComponentHealthCheck: duration,
  kubeletHealthCheck: duration,
  kubernetesAPICall: duration,
  etcdAPICall: duration,
  tlsBootstrap: duration,
  discovery: duration,
  upgradeManifests: duration,
});

function clusterConfiguration(v: KubeadmApiVersion): FieldSpec {
  const etcdLocal: Record<string, FieldSpec> = {
    imageRepository: str,
    imageTag: str,
    dataDir: str,
    extraArgs: argsSpec(v),
    serverCertSANs: strings,
    peerCertSANs: strings,
  };
  if (v === "v1beta4") etcdLocal.extraEnvs = envSpec;
  const apiServerExtra: Record<string, FieldSpec> = { certSANs: strings };
  if (v === "v1beta3") apiServerExtra.timeoutForControlPlane = duration;
  const dns: Record<string, FieldSpec> = { imageRepository: str, imageTag: str };
  if (v === "v1beta4") dns.disabled = bool;
  const fields: Record<string, FieldSpec> = {
    ...TYPE_META,
    etcd: obj("Etcd", {
      local: obj("LocalEtcd", etcdLocal),
      external: obj("ExternalEtcd", {
        endpoints: strings,
        caFile: str,
        certFile: str,
        keyFile: str,
      }),
    }),
    networking: obj("Networking", { serviceSubnet: str, podSubnet: str, dnsDomain: str }),
    kubernetesVersion: str,
    controlPlaneEndpoint: str,
    apiServer: controlPlaneComponent(v, "APIServer", apiServerExtra),
    controllerManager: controlPlaneComponent(v, "ControlPlaneComponent", {}),
    scheduler: controlPlaneComponent(v, "ControlPlaneComponent", {}),
    dns: obj("DNS", dns),
    certificatesDir: str,
    imageRepository: str,
    featureGates: boolMap,
    clusterName: str,
  };
  if (v === "v1beta4") {
    fields.proxy = obj("Proxy", { disabled: bool });
    fields.encryptionAlgorithm = str;
    fields.certificateValidityPeriod = duration;
    fields.caCertificateValidityPeriod = duration;
  }
  return obj("ClusterConfiguration", fields);
}

function initConfiguration(v: KubeadmApiVersion): FieldSpec {
  const fields: Record<string, FieldSpec> = {
    ...TYPE_META,
    bootstrapTokens: list("[]v1.BootstrapToken", bootstrapToken),
    nodeRegistration: nodeRegistration(v),
    localAPIEndpoint: apiEndpoint,
    certificateKey: str,
    skipPhases: strings,
    patches,
  };
  if (v === "v1beta4") {
    fields.dryRun = bool;
    fields.timeouts = timeouts;
  }
  return obj("InitConfiguration", fields);
}

function joinConfiguration(v: KubeadmApiVersion): FieldSpec {
  const discovery: Record<string, FieldSpec> = {
    bootstrapToken: obj("BootstrapTokenDiscovery", {
      token: str,
      apiServerEndpoint: str,
      caCertHashes: strings,
      unsafeSkipCAVerification: bool,
    }),
    file: obj("FileDiscovery", { kubeConfigPath: str }),
    tlsBootstrapToken: str,
  };
  if (v === "v1beta3") discovery.timeout = duration;
  const fields: Record<string, FieldSpec> = {
    ...TYPE_META,
    nodeRegistration: nodeRegistration(v),
    caCertPath: str,
    discovery: obj("Discovery", discovery),
    controlPlane: obj("JoinControlPlane", { localAPIEndpoint: apiEndpoint, certificateKey: str }),
    skipPhases: strings,
    patches,
  };
  if (v === "v1beta4") {
    fields.dryRun = bool;
    fields.timeouts = timeouts;
  }
  return obj("JoinConfiguration", fields);
}

// Component configs: kubeadm decodes them with their own Go types; the simulator checks the
// top-level field names (the most common typo) and passes nested blocks through.
const KUBELET_FIELDS = `enableServer staticPodPath syncFrequency fileCheckFrequency httpCheckFrequency
staticPodURL staticPodURLHeader address port readOnlyPort tlsCertFile tlsPrivateKeyFile
tlsCipherSuites tlsMinVersion rotateCertificates serverTLSBootstrap authentication authorization
registryPullQPS registryBurst eventRecordQPS eventBurst enableDebuggingHandlers
enableContentionProfiling healthzPort healthzBindAddress oomScoreAdj clusterDomain clusterDNS
streamingConnectionIdleTimeout nodeStatusUpdateFrequency nodeStatusReportFrequency
nodeLeaseDurationSeconds imageMinimumGCAge imageGCHighThresholdPercent imageGCLowThresholdPercent
volumeStatsAggPeriod kubeletCgroups systemCgroups cgroupRoot cgroupsPerQOS cgroupDriver
cpuManagerPolicy cpuManagerPolicyOptions cpuManagerReconcilePeriod memoryManagerPolicy
topologyManagerPolicy topologyManagerScope topologyManagerPolicyOptions qosReserved
runtimeRequestTimeout hairpinMode maxPods podCIDR podPidsLimit resolvConf runOnce cpuCFSQuota
cpuCFSQuotaPeriod nodeStatusMaxImages maxOpenFiles contentType kubeAPIQPS kubeAPIBurst
serializeImagePulls maxParallelImagePulls evictionHard evictionSoft evictionSoftGracePeriod
evictionPressureTransitionPeriod evictionMaxPodGracePeriod evictionMinimumReclaim podsPerCore
enableControllerAttachDetach protectKernelDefaults makeIPTablesUtilChains iptablesMasqueradeBit
iptablesDropBit featureGates failSwapOn memorySwap containerLogMaxSize containerLogMaxFiles
configMapAndSecretChangeDetectionStrategy systemReserved kubeReserved reservedSystemCPUs
showHiddenMetricsForVersion systemReservedCgroup kubeReservedCgroup enforceNodeAllocatable
allowedUnsafeSysctls volumePluginDir providerID kernelMemcgNotification logging
enableSystemLogHandler enableSystemLogQuery shutdownGracePeriod shutdownGracePeriodCriticalPods
shutdownGracePeriodByPodPriority reservedMemory enableProfilingHandler enableDebugFlagsHandler
seccompDefault memoryThrottlingFactor registerWithTaints registerNode tracing
localStorageCapacityIsolation containerRuntimeEndpoint imageServiceEndpoint`;

const KUBE_PROXY_FIELDS = `featureGates bindAddress healthzBindAddress metricsBindAddress
bindAddressHardFail enableProfiling clusterCIDR hostnameOverride clientConnection iptables ipvs
oomScoreAdj mode portRange conntrack configSyncPeriod nodePortAddresses winkernel
showHiddenMetricsForVersion detectLocalMode detectLocal logging`;

function openTopLevel(go: string, names: string): FieldSpec {
  const fields: Record<string, FieldSpec> = { ...TYPE_META };
  for (const n of names.split(/\s+/)) if (n) fields[n] = any;
  return obj(go, fields);
}

export interface KindSchema {
  group: string;
  version: string;
  kind: string;
  spec: FieldSpec;
}

const KUBEADM_KINDS = ["InitConfiguration", "ClusterConfiguration", "JoinConfiguration"] as const;
export type KubeadmKind = (typeof KUBEADM_KINDS)[number];

function kubeadmSpec(v: KubeadmApiVersion, kind: KubeadmKind): FieldSpec {
  if (kind === "InitConfiguration") return initConfiguration(v);
  if (kind === "ClusterConfiguration") return clusterConfiguration(v);
  return joinConfiguration(v);
}

/**
 * The kinds a kubeadm binary of the given minor version has registered. kubeadm 1.28 knows
 * kubeadm.k8s.io/v1beta3 only; 1.31+ also v1beta4.
 */
export function registeredKinds(kubeadmMinor: number): KindSchema[] {
  const versions: KubeadmApiVersion[] = kubeadmMinor >= 31 ? ["v1beta3", "v1beta4"] : ["v1beta3"];
  const out: KindSchema[] = [];
  for (const v of versions) {
    for (const kind of KUBEADM_KINDS) {
      out.push({ group: "kubeadm.k8s.io", version: v, kind, spec: kubeadmSpec(v, kind) });
    }
  }
  out.push({
    group: "kubelet.config.k8s.io",
    version: "v1beta1",
    kind: "KubeletConfiguration",
    spec: openTopLevel("KubeletConfiguration", KUBELET_FIELDS),
  });
  out.push({
    group: "kubeproxy.config.k8s.io",
    version: "v1alpha1",
    kind: "KubeProxyConfiguration",
    spec: openTopLevel("KubeProxyConfiguration", KUBE_PROXY_FIELDS),
  });
  return out;
}

export function isKubeadmKind(kind: string): kind is KubeadmKind {
  return (KUBEADM_KINDS as readonly string[]).includes(kind);
}
