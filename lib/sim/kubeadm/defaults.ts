// Static defaulting (SetDefaults_* of kubeadm v1beta3/v1beta4) and conversion of the decoded
// documents into the internal types. Values the user left out get exactly the defaults
// `kubeadm config print init-defaults` shows.
import {
  DEFAULT_BIND_PORT,
  DEFAULT_CA_CERT_PATH,
  DEFAULT_CERTIFICATES_DIR,
  DEFAULT_CLUSTER_NAME,
  DEFAULT_DISCOVERY_TIMEOUT,
  DEFAULT_DNS_DOMAIN,
  DEFAULT_ETCD_DATA_DIR,
  DEFAULT_IMAGE_REPOSITORY,
  DEFAULT_SERVICE_SUBNET,
  DEFAULT_TIMEOUT_FOR_CONTROL_PLANE,
  DEFAULT_TOKEN_GROUP,
  DEFAULT_TOKEN_TTL,
} from "./constants";
import type {
  Arg,
  BootstrapToken,
  ClusterConfiguration,
  ControlPlaneComponent,
  HostPathMount,
  InitConfiguration,
  JoinConfiguration,
  NodeRegistration,
  Taint,
} from "./types";

type Obj = Record<string, unknown>;

const asObj = (v: unknown): Obj =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {};
const asStr = (v: unknown, d = ""): string => (typeof v === "string" && v !== "" ? v : d);
const asNum = (v: unknown, d: number): number => (typeof v === "number" && v !== 0 ? v : d);
const asBool = (v: unknown): boolean => v === true;
const asStrings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

/** "kubeadm.k8s.io/v1beta3" → true: v1beta3 writes extraArgs as a map. */
const isV1beta3 = (apiVersion: string) => !apiVersion.endsWith("/v1beta4");

/** v1beta3 maps are converted in sorted key order, as kubeadm's conversion does. */
export function toArgs(v: unknown): Arg[] {
  if (Array.isArray(v)) {
    return v.map((a) => ({ name: asStr(asObj(a).name), value: asStr(asObj(a).value) }));
  }
  const m = asObj(v);
  return Object.keys(m)
    .sort()
    .map((name) => ({ name, value: typeof m[name] === "string" ? (m[name] as string) : "" }));
}

function toVolumes(v: unknown): HostPathMount[] {
  if (!Array.isArray(v)) return [];
  return v.map((x) => {
    const o = asObj(x);
    return {
      name: asStr(o.name),
      hostPath: asStr(o.hostPath),
      mountPath: asStr(o.mountPath),
      readOnly: asBool(o.readOnly),
      pathType: asStr(o.pathType),
    };
  });
}

function component(v: unknown): ControlPlaneComponent {
  const o = asObj(v);
  return { extraArgs: toArgs(o.extraArgs), extraVolumes: toVolumes(o.extraVolumes) };
}

/** SetDefaults_ClusterConfiguration and friends, applied to a decoded document (or {}). */
export function defaultClusterConfiguration(doc: Obj, init: Obj = {}): ClusterConfiguration {
  const etcd = asObj(doc.etcd);
  const external = etcd.external ? asObj(etcd.external) : null;
  const localDoc = etcd.local ? asObj(etcd.local) : external ? null : {};
  const networking = asObj(doc.networking);
  const apiServer = asObj(doc.apiServer);
  const dns = asObj(doc.dns);
  const timeouts = asObj(init.timeouts);
  const gates = asObj(doc.featureGates);
  return {
    // "stable-1" makes kubeadm ask dl.k8s.io; NormalizeKubernetesVersion resolves it later.
    kubernetesVersion: asStr(doc.kubernetesVersion, "stable-1"),
    controlPlaneEndpoint: asStr(doc.controlPlaneEndpoint),
    clusterName: asStr(doc.clusterName, DEFAULT_CLUSTER_NAME),
    certificatesDir: asStr(doc.certificatesDir, DEFAULT_CERTIFICATES_DIR),
    imageRepository: asStr(doc.imageRepository, DEFAULT_IMAGE_REPOSITORY),
    networking: {
      serviceSubnet: asStr(networking.serviceSubnet, DEFAULT_SERVICE_SUBNET),
      podSubnet: asStr(networking.podSubnet),
      dnsDomain: asStr(networking.dnsDomain, DEFAULT_DNS_DOMAIN),
    },
    etcd: {
      local: localDoc
        ? {
            dataDir: asStr(localDoc.dataDir, DEFAULT_ETCD_DATA_DIR),
            imageRepository: asStr(localDoc.imageRepository),
            imageTag: asStr(localDoc.imageTag),
            extraArgs: toArgs(localDoc.extraArgs),
            serverCertSANs: asStrings(localDoc.serverCertSANs),
            peerCertSANs: asStrings(localDoc.peerCertSANs),
          }
        : null,
      external: external
        ? {
            endpoints: asStrings(external.endpoints),
            caFile: asStr(external.caFile),
            certFile: asStr(external.certFile),
            keyFile: asStr(external.keyFile),
          }
        : null,
    },
    apiServer: {
      ...component(apiServer),
      certSANs: asStrings(apiServer.certSANs),
      timeoutForControlPlane: asStr(
        apiServer.timeoutForControlPlane ?? timeouts.controlPlaneComponentHealthCheck,
        DEFAULT_TIMEOUT_FOR_CONTROL_PLANE,
      ),
    },
    controllerManager: component(doc.controllerManager),
    scheduler: component(doc.scheduler),
    dns: { imageRepository: asStr(dns.imageRepository), imageTag: asStr(dns.imageTag) },
    ...(typeof doc.encryptionAlgorithm === "string" || doc.apiVersion === "kubeadm.k8s.io/v1beta4"
      ? { encryptionAlgorithm: asStr(doc.encryptionAlgorithm, "RSA-2048") }
      : {}),
    featureGates: Object.fromEntries(
      Object.entries(gates).filter((e): e is [string, boolean] => typeof e[1] === "boolean"),
    ),
  };
}

function defaultToken(v: unknown): BootstrapToken {
  const o = asObj(v);
  const usages = asStrings(o.usages);
  const groups = asStrings(o.groups);
  const expires = asStr(o.expires);
  return {
    token: asStr(o.token),
    description: asStr(o.description),
    ttl: asStr(o.ttl, expires ? "" : DEFAULT_TOKEN_TTL),
    expires,
    usages: usages.length > 0 ? usages : ["signing", "authentication"],
    groups: groups.length > 0 ? groups : [DEFAULT_TOKEN_GROUP],
  };
}

function nodeRegistration(v: unknown): NodeRegistration {
  const o = asObj(v);
  let taints: Taint[] | null = null;
  if (Array.isArray(o.taints)) {
    taints = o.taints.map((t) => {
      const x = asObj(t);
      const taint: Taint = { key: asStr(x.key), effect: asStr(x.effect) };
      if (typeof x.value === "string" && x.value !== "") taint.value = x.value;
      return taint;
    });
  }
  return {
    name: asStr(o.name),
    criSocket: asStr(o.criSocket),
    taints,
    kubeletExtraArgs: toArgs(o.kubeletExtraArgs),
    ignorePreflightErrors: asStrings(o.ignorePreflightErrors),
    imagePullPolicy: asStr(o.imagePullPolicy, "IfNotPresent"),
  };
}

/** SetDefaults_InitConfiguration over the decoded Init and Cluster documents (either may be absent). */
export function defaultInitConfiguration(
  init: Obj | null,
  cluster: Obj | null,
  apiVersion: string,
): InitConfiguration {
  const i = init ?? {};
  const tokens = Array.isArray(i.bootstrapTokens) ? i.bootstrapTokens : [{}];
  const endpoint = asObj(i.localAPIEndpoint);
  return {
    apiVersion,
    bootstrapTokens: tokens.map(defaultToken),
    nodeRegistration: nodeRegistration(i.nodeRegistration),
    localAPIEndpoint: {
      advertiseAddress: asStr(endpoint.advertiseAddress),
      bindPort: asNum(endpoint.bindPort, DEFAULT_BIND_PORT),
    },
    certificateKey: asStr(i.certificateKey),
    skipPhases: asStrings(i.skipPhases),
    cluster: defaultClusterConfiguration(cluster ?? {}, i),
    kubelet: null,
    kubeProxy: null,
  };
}

export function defaultJoinConfiguration(doc: Obj, apiVersion: string): JoinConfiguration {
  const discovery = asObj(doc.discovery);
  const bt = discovery.bootstrapToken ? asObj(discovery.bootstrapToken) : null;
  const file = discovery.file ? asObj(discovery.file) : null;
  const cp = doc.controlPlane ? asObj(doc.controlPlane) : null;
  const cpEndpoint = asObj(cp?.localAPIEndpoint);
  const timeouts = asObj(doc.timeouts);
  const token = bt ? asStr(bt.token) : "";
  return {
    apiVersion,
    nodeRegistration: nodeRegistration(doc.nodeRegistration),
    caCertPath: asStr(doc.caCertPath, DEFAULT_CA_CERT_PATH),
    discovery: {
      bootstrapToken: bt
        ? {
            token,
            apiServerEndpoint: asStr(bt.apiServerEndpoint),
            caCertHashes: asStrings(bt.caCertHashes),
            unsafeSkipCAVerification: asBool(bt.unsafeSkipCAVerification),
          }
        : null,
      file: file ? { kubeConfigPath: asStr(file.kubeConfigPath) } : null,
      // SetDefaults_Discovery: the TLS bootstrap token defaults to the discovery token.
      tlsBootstrapToken: asStr(discovery.tlsBootstrapToken, token),
      timeout: asStr(discovery.timeout ?? timeouts.discovery, DEFAULT_DISCOVERY_TIMEOUT),
    },
    controlPlane: cp
      ? {
          localAPIEndpoint: {
            advertiseAddress: asStr(cpEndpoint.advertiseAddress),
            bindPort: asNum(cpEndpoint.bindPort, DEFAULT_BIND_PORT),
          },
          certificateKey: asStr(cp.certificateKey),
        }
      : null,
    skipPhases: asStrings(doc.skipPhases),
  };
}

export { isV1beta3 };
