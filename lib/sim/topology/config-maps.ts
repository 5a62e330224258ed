// ConfigMaps and the Secret `kubeadm init` writes: kubeadm-config (the uploaded
// ClusterConfiguration), kubelet-config, kube-proxy, coredns, kube-public/cluster-info,
// the bootstrap token, and kube-root-ca.crt (published into every namespace by the
// controller-manager's root-ca-cert-publisher).
import type { KubeObject } from "../apiserver/object";
import { formatTime } from "../clock";
import { clusterConfigurationV1beta3 } from "../kubeadm/marshal";
import type { ClusterConfiguration } from "../kubeadm/types";
import { toGoYaml } from "./go-yaml";
import { placeholderCaData, placeholderPem } from "./placeholders";
import { configMapChecksum } from "./sha256";
import type { BootstrapTokenRecord } from "./types";

function configMap(namespace: string, name: string, data: Record<string, string>): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace }, data };
}

export function kubeadmConfigMap(cfg: ClusterConfiguration): KubeObject {
  return configMap("kube-system", "kubeadm-config", {
    ClusterConfiguration: toGoYaml(clusterConfigurationV1beta3(cfg)),
  });
}

/** The KubeletConfiguration kubeadm 1.28 shares with every node (zero durations included). */
export function kubeletConfigDocument(
  clusterDNSIP: string,
  dnsDomain: string,
  user: Record<string, unknown> | null,
) {
  const base: Record<string, unknown> = {
    apiVersion: "kubelet.config.k8s.io/v1beta1",
    authentication: {
      anonymous: { enabled: false },
      webhook: { cacheTTL: "0s", enabled: true },
      x509: { clientCAFile: "/etc/kubernetes/pki/ca.crt" },
    },
    authorization: {
      mode: "Webhook",
      webhook: { cacheAuthorizedTTL: "0s", cacheUnauthorizedTTL: "0s" },
    },
    cgroupDriver: "systemd",
    clusterDNS: [clusterDNSIP],
    clusterDomain: dnsDomain,
    containerRuntimeEndpoint: "",
    cpuManagerReconcilePeriod: "0s",
    evictionPressureTransitionPeriod: "0s",
    fileCheckFrequency: "0s",
    healthzBindAddress: "127.0.0.1",
    healthzPort: 10248,
    httpCheckFrequency: "0s",
    imageMinimumGCAge: "0s",
    kind: "KubeletConfiguration",
    logging: { flushFrequency: 0, options: { json: { infoBufferSize: "0" } }, verbosity: 0 },
    memorySwap: {},
    nodeStatusReportFrequency: "0s",
    nodeStatusUpdateFrequency: "0s",
    resolvConf: "/run/systemd/resolve/resolv.conf",
    rotateCertificates: true,
    runtimeRequestTimeout: "0s",
    shutdownGracePeriod: "0s",
    shutdownGracePeriodCriticalPods: "0s",
    staticPodPath: "/etc/kubernetes/manifests",
    streamingConnectionIdleTimeout: "0s",
    syncFrequency: "0s",
    volumeStatsAggPeriod: "0s",
  };
  // Fields the user set in a KubeletConfiguration document win over kubeadm's defaults.
  return { ...base, ...(user ?? {}), apiVersion: base.apiVersion, kind: base.kind };
}

/** SignConfigMap: kubeadm marks the component configs it wrote with their checksum. */
function signed(cm: KubeObject): KubeObject {
  const data = cm.data as Record<string, string>;
  cm.metadata.annotations = {
    ...(cm.metadata.annotations ?? {}),
    "kubeadm.kubernetes.io/component-config.hash": configMapChecksum(data),
  };
  return cm;
}

export function kubeletConfigMap(doc: Record<string, unknown>): KubeObject {
  return signed(configMap("kube-system", "kubelet-config", { kubelet: toGoYaml(doc) }));
}

export function kubeProxyConfigMap(
  cfg: ClusterConfiguration,
  apiServerURL: string,
  user: Record<string, unknown> | null,
): KubeObject {
  const config: Record<string, unknown> = {
    apiVersion: "kubeproxy.config.k8s.io/v1alpha1",
    bindAddress: "0.0.0.0",
    bindAddressHardFail: false,
    clientConnection: {
      acceptContentTypes: "",
      burst: 0,
      contentType: "",
      kubeconfig: "/var/lib/kube-proxy/kubeconfig.conf",
      qps: 0,
    },
    clusterCIDR: cfg.networking.podSubnet,
    configSyncPeriod: "0s",
    conntrack: {
      maxPerCore: null,
      min: null,
      tcpCloseWaitTimeout: null,
      tcpEstablishedTimeout: null,
    },
    detectLocal: { bridgeInterface: "", interfaceNamePrefix: "" },
    detectLocalMode: "",
    enableProfiling: false,
    healthzBindAddress: "",
    hostnameOverride: "",
    iptables: {
      localhostNodePorts: null,
      masqueradeAll: false,
      masqueradeBit: null,
      minSyncPeriod: "0s",
      syncPeriod: "0s",
    },
    ipvs: {
      excludeCIDRs: null,
      minSyncPeriod: "0s",
      scheduler: "",
      strictARP: false,
      syncPeriod: "0s",
      tcpFinTimeout: "0s",
      tcpTimeout: "0s",
      udpTimeout: "0s",
    },
    kind: "KubeProxyConfiguration",
    logging: { flushFrequency: 0, options: { json: { infoBufferSize: "0" } }, verbosity: 0 },
    metricsBindAddress: "",
    mode: "",
    nodePortAddresses: null,
    oomScoreAdj: null,
    portRange: "",
    showHiddenMetricsForVersion: "",
    winkernel: {
      enableDSR: false,
      forwardHealthCheckVip: false,
      networkName: "",
      rootHnsEndpointName: "",
      sourceVip: "",
    },
    ...(user ?? {}),
  };
  const kubeconfig =
    "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n" +
    "    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt\n" +
    `    server: ${apiServerURL}\n  name: default\ncontexts:\n- context:\n    cluster: default\n` +
    "    namespace: default\n    user: default\n  name: default\ncurrent-context: default\nusers:\n" +
    "- name: default\n  user:\n    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token";
  return signed({
    ...configMap("kube-system", "kube-proxy", {
      "config.conf": toGoYaml(config),
      "kubeconfig.conf": kubeconfig,
    }),
    metadata: { labels: { app: "kube-proxy" }, name: "kube-proxy", namespace: "kube-system" },
  });
}

export function coreDNSConfigMap(dnsDomain: string): KubeObject {
  const corefile =
    ".:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n" +
    `    kubernetes ${dnsDomain} in-addr.arpa ip6.arpa {\n       pods insecure\n` +
    "       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n" +
    "    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30\n    loop\n" +
    "    reload\n    loadbalance\n}\n";
  return configMap("kube-system", "coredns", { Corefile: corefile });
}

export function clusterInfoConfigMap(apiServerURL: string): KubeObject {
  const kubeconfig =
    "apiVersion: v1\nclusters:\n- cluster:\n" +
    `    certificate-authority-data: ${placeholderCaData()}\n    server: ${apiServerURL}\n  name: \"\"\n` +
    'contexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n';
  return configMap("kube-public", "cluster-info", { kubeconfig });
}

export const ROOT_CA_NAMESPACES = ["default", "kube-node-lease", "kube-public", "kube-system"];

export function rootCAConfigMaps(): KubeObject[] {
  const pem = placeholderPem("CERTIFICATE", "CN=kubernetes");
  return ROOT_CA_NAMESPACES.map((ns) => ({
    ...configMap(ns, "kube-root-ca.crt", { "ca.crt": pem }),
    metadata: {
      annotations: {
        "kubernetes.io/description":
          "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.",
      },
      name: "kube-root-ca.crt",
      namespace: ns,
    },
  }));
}

/** bootstrap-token-<id>: the Secret `kubeadm token list` reads. */
export function bootstrapTokenSecret(t: BootstrapTokenRecord): KubeObject {
  const [id, secret] = t.token.split(".") as [string, string];
  const data: Record<string, string> = {};
  if (t.groups.length > 0) data["auth-extra-groups"] = btoa(t.groups.join(","));
  if (t.description) data.description = btoa(t.description);
  if (t.expires !== null) data.expiration = btoa(formatTime(t.expires));
  data["token-id"] = btoa(id);
  data["token-secret"] = btoa(secret);
  for (const u of t.usages) data[`usage-bootstrap-${u}`] = btoa("true");
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: `bootstrap-token-${id}`, namespace: "kube-system" },
    type: "bootstrap.kubernetes.io/token",
    data,
  };
}
