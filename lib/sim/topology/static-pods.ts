// The control-plane static Pod manifests kubeadm 1.28 writes to /etc/kubernetes/manifests
// (phases/controlplane/manifests.go, phases/etcd/local.go): command lines built from the
// defaults plus the config's extraArgs (sorted, extraArgs win), volumes sorted by name.
import { joinHostPort } from "../kubeadm/host-port";
import type { Arg, ClusterConfiguration, HostPathMount, InitConfiguration } from "../kubeadm/types";
import { argValue } from "../kubeadm/types";

/** BuildArgumentListFromMap: defaults overridden by extraArgs, sorted by flag name. */
export function buildArgs(defaults: Record<string, string>, extra: readonly Arg[]): string[] {
  const merged = new Map<string, string[]>();
  for (const [k, v] of Object.entries(defaults)) merged.set(k, [v]);
  const overridden = new Set<string>();
  for (const a of extra) {
    if (!overridden.has(a.name)) merged.set(a.name, []);
    overridden.add(a.name);
    merged.get(a.name)!.push(a.value);
  }
  return [...merged.keys()].sort().flatMap((k) => merged.get(k)!.map((v) => `--${k}=${v}`));
}

interface Volume {
  name: string;
  hostPath: string;
  type?: string;
  mountPath: string;
  readOnly: boolean;
}

const vol = (name: string, path: string, type: string | undefined, readOnly = true): Volume => ({
  name,
  hostPath: path,
  type,
  mountPath: path,
  readOnly,
});

// Ubuntu's CA directories, mounted read-only into the apiserver and controller-manager.
const CA_DIRS: Volume[] = [
  vol("ca-certs", "/etc/ssl/certs", "DirectoryOrCreate"),
  vol("etc-ca-certificates", "/etc/ca-certificates", "DirectoryOrCreate"),
  vol("usr-local-share-ca-certificates", "/usr/local/share/ca-certificates", "DirectoryOrCreate"),
  vol("usr-share-ca-certificates", "/usr/share/ca-certificates", "DirectoryOrCreate"),
];

function extraVolumes(list: readonly HostPathMount[]): Volume[] {
  return list.map((v) => ({
    name: v.name,
    hostPath: v.hostPath,
    type: v.pathType === "" ? undefined : v.pathType,
    mountPath: v.mountPath,
    readOnly: v.readOnly,
  }));
}

function volumesSpec(volumes: Volume[]) {
  const sorted = [...volumes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    volumeMounts: sorted.map((v) => ({
      mountPath: v.mountPath,
      name: v.name,
      ...(v.readOnly ? { readOnly: true } : {}),
    })),
    volumes: sorted.map((v) => ({
      hostPath: { path: v.hostPath, ...(v.type ? { type: v.type } : {}) },
      name: v.name,
    })),
  };
}

export function probe(
  host: string,
  path: string,
  port: number,
  scheme: string,
  failureThreshold: number,
  initialDelay = true,
) {
  return {
    failureThreshold,
    httpGet: { ...(host ? { host } : {}), path, port, scheme },
    ...(initialDelay ? { initialDelaySeconds: 10 } : {}),
    periodSeconds: failureThreshold === 3 ? 1 : 10,
    timeoutSeconds: 15,
  };
}

/** A manifest as written to disk: `creationTimestamp: null` and `status: {}` included. */
export interface StaticPodManifest {
  apiVersion: "v1";
  kind: "Pod";
  metadata: {
    annotations?: Record<string, string>;
    creationTimestamp: null;
    labels: Record<string, string>;
    name: string;
    namespace: string;
  };
  spec: Record<string, unknown>;
  status: Record<string, never>;
}

export function staticPod(
  name: string,
  annotations: Record<string, string> | undefined,
  container: Record<string, unknown>,
  volumes: Record<string, unknown>[],
): StaticPodManifest {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...(annotations ? { annotations } : {}),
      creationTimestamp: null,
      labels: { component: name, tier: "control-plane" },
      name,
      namespace: "kube-system",
    },
    spec: {
      containers: [container],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: "system-node-critical",
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      volumes,
    },
    status: {},
  };
}

function image(cfg: ClusterConfiguration, component: string): string {
  return `${cfg.imageRepository}/${component}:${cfg.kubernetesVersion}`;
}

/** Directories holding the external etcd certificates that are not mounted already. */
function etcdCertVolumes(cfg: ClusterConfiguration): Volume[] {
  const ext = cfg.etcd.external;
  if (!ext) return [];
  const mounted = [
    cfg.certificatesDir,
    "/etc/ssl/certs",
    "/etc/ca-certificates",
    "/etc/pki",
    "/usr/share/ca-certificates",
    "/usr/local/share/ca-certificates",
  ];
  const dirs: string[] = [];
  for (const file of [ext.caFile, ext.certFile, ext.keyFile]) {
    if (file === "") continue;
    const dir = file.slice(0, file.lastIndexOf("/")) || "/";
    if (mounted.some((m) => dir === m || dir.startsWith(`${m}/`)) || dirs.includes(dir)) continue;
    dirs.push(dir);
  }
  return dirs.map((d, i) => vol(`etcd-certs-${i}`, d, "DirectoryOrCreate"));
}

export interface ControlPlaneHost {
  nodeName: string;
  advertiseAddress: string;
  bindPort: number;
}

export function kubeAPIServerManifest(
  init: InitConfiguration,
  host: ControlPlaneHost,
): StaticPodManifest {
  const cfg = init.cluster;
  const pki = cfg.certificatesDir;
  const defaults: Record<string, string> = {
    "advertise-address": host.advertiseAddress,
    "allow-privileged": "true",
    "authorization-mode": argValue(cfg.apiServer.extraArgs, "authorization-mode") ?? "Node,RBAC",
    "client-ca-file": `${pki}/ca.crt`,
    "enable-admission-plugins": "NodeRestriction",
    "enable-bootstrap-token-auth": "true",
    "kubelet-client-certificate": `${pki}/apiserver-kubelet-client.crt`,
    "kubelet-client-key": `${pki}/apiserver-kubelet-client.key`,
    "kubelet-preferred-address-types": "InternalIP,ExternalIP,Hostname",
    "proxy-client-cert-file": `${pki}/front-proxy-client.crt`,
    "proxy-client-key-file": `${pki}/front-proxy-client.key`,
    "requestheader-allowed-names": "front-proxy-client",
    "requestheader-client-ca-file": `${pki}/front-proxy-ca.crt`,
    "requestheader-extra-headers-prefix": "X-Remote-Extra-",
    "requestheader-group-headers": "X-Remote-Group",
    "requestheader-username-headers": "X-Remote-User",
    "secure-port": String(host.bindPort),
    "service-account-issuer": `https://kubernetes.default.svc.${cfg.networking.dnsDomain}`,
    "service-account-key-file": `${pki}/sa.pub`,
    "service-account-signing-key-file": `${pki}/sa.key`,
    "service-cluster-ip-range": cfg.networking.serviceSubnet,
    "tls-cert-file": `${pki}/apiserver.crt`,
    "tls-private-key-file": `${pki}/apiserver.key`,
  };
  const ext = cfg.etcd.external;
  if (ext) {
    defaults["etcd-servers"] = ext.endpoints.join(",");
    if (ext.caFile) defaults["etcd-cafile"] = ext.caFile;
    if (ext.certFile && ext.keyFile) {
      defaults["etcd-certfile"] = ext.certFile;
      defaults["etcd-keyfile"] = ext.keyFile;
    }
  } else {
    const loopback = host.advertiseAddress.includes(":") ? "::1" : "127.0.0.1";
    defaults["etcd-servers"] =
      argValue(cfg.etcd.local?.extraArgs ?? [], "advertise-client-urls") ??
      `https://${joinHostPort(loopback, 2379)}`;
    defaults["etcd-cafile"] = `${pki}/etcd/ca.crt`;
    defaults["etcd-certfile"] = `${pki}/apiserver-etcd-client.crt`;
    defaults["etcd-keyfile"] = `${pki}/apiserver-etcd-client.key`;
  }
  const extra = cfg.apiServer.extraArgs.filter((a) => a.name !== "authorization-mode");
  const vols = volumesSpec([
    ...CA_DIRS,
    vol("k8s-certs", pki, "DirectoryOrCreate"),
    ...etcdCertVolumes(cfg),
    ...extraVolumes(cfg.apiServer.extraVolumes),
  ]);
  const addr = host.advertiseAddress;
  return staticPod(
    "kube-apiserver",
    {
      "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint": joinHostPort(
        addr,
        host.bindPort,
      ),
    },
    {
      command: ["kube-apiserver", ...buildArgs(defaults, extra)],
      image: image(cfg, "kube-apiserver"),
      imagePullPolicy: "IfNotPresent",
      livenessProbe: probe(addr, "/livez", host.bindPort, "HTTPS", 8),
      name: "kube-apiserver",
      readinessProbe: probe(addr, "/readyz", host.bindPort, "HTTPS", 3, false),
      resources: { requests: { cpu: "250m" } },
      startupProbe: probe(addr, "/livez", host.bindPort, "HTTPS", 24),
      volumeMounts: vols.volumeMounts,
    },
    vols.volumes,
  );
}

/** GetControllerManagerProbeAddress / GetSchedulerProbeAddress: no host for wildcard binds. */
function probeHost(extra: readonly Arg[]): string {
  const bind = argValue(extra, "bind-address");
  if (bind === undefined) return "127.0.0.1";
  return bind === "0.0.0.0" || bind === "::" ? "" : bind;
}

export function kubeControllerManagerManifest(init: InitConfiguration): StaticPodManifest {
  const cfg = init.cluster;
  const pki = cfg.certificatesDir;
  const kubeconfig = "/etc/kubernetes/controller-manager.conf";
  const defaults: Record<string, string> = {
    "authentication-kubeconfig": kubeconfig,
    "authorization-kubeconfig": kubeconfig,
    "bind-address": "127.0.0.1",
    "client-ca-file": `${pki}/ca.crt`,
    "cluster-name": cfg.clusterName,
    "cluster-signing-cert-file": `${pki}/ca.crt`,
    "cluster-signing-key-file": `${pki}/ca.key`,
    controllers: "*,bootstrapsigner,tokencleaner",
    kubeconfig,
    "leader-elect": "true",
    "requestheader-client-ca-file": `${pki}/front-proxy-ca.crt`,
    "root-ca-file": `${pki}/ca.crt`,
    "service-account-private-key-file": `${pki}/sa.key`,
    "use-service-account-credentials": "true",
  };
  if (cfg.networking.podSubnet !== "") {
    defaults["allocate-node-cidrs"] = "true";
    defaults["cluster-cidr"] = cfg.networking.podSubnet;
    if (cfg.networking.serviceSubnet !== "")
      defaults["service-cluster-ip-range"] = cfg.networking.serviceSubnet;
  }
  const vols = volumesSpec([
    ...CA_DIRS,
    vol(
      "flexvolume-dir",
      "/usr/libexec/kubernetes/kubelet-plugins/volume/exec",
      "DirectoryOrCreate",
      false,
    ),
    vol("k8s-certs", pki, "DirectoryOrCreate"),
    vol("kubeconfig", kubeconfig, "FileOrCreate"),
    ...extraVolumes(cfg.controllerManager.extraVolumes),
  ]);
  const host = probeHost(cfg.controllerManager.extraArgs);
  return staticPod(
    "kube-controller-manager",
    undefined,
    {
      command: ["kube-controller-manager", ...buildArgs(defaults, cfg.controllerManager.extraArgs)],
      image: image(cfg, "kube-controller-manager"),
      imagePullPolicy: "IfNotPresent",
      livenessProbe: probe(host, "/healthz", 10257, "HTTPS", 8),
      name: "kube-controller-manager",
      resources: { requests: { cpu: "200m" } },
      startupProbe: probe(host, "/healthz", 10257, "HTTPS", 24),
      volumeMounts: vols.volumeMounts,
    },
    vols.volumes,
  );
}

export function kubeSchedulerManifest(init: InitConfiguration): StaticPodManifest {
  const cfg = init.cluster;
  const kubeconfig = "/etc/kubernetes/scheduler.conf";
  const defaults: Record<string, string> = {
    "authentication-kubeconfig": kubeconfig,
    "authorization-kubeconfig": kubeconfig,
    "bind-address": "127.0.0.1",
    kubeconfig,
    "leader-elect": "true",
  };
  const vols = volumesSpec([
    vol("kubeconfig", kubeconfig, "FileOrCreate"),
    ...extraVolumes(cfg.scheduler.extraVolumes),
  ]);
  const host = probeHost(cfg.scheduler.extraArgs);
  return staticPod(
    "kube-scheduler",
    undefined,
    {
      command: ["kube-scheduler", ...buildArgs(defaults, cfg.scheduler.extraArgs)],
      image: image(cfg, "kube-scheduler"),
      imagePullPolicy: "IfNotPresent",
      livenessProbe: probe(host, "/healthz", 10259, "HTTPS", 8),
      name: "kube-scheduler",
      resources: { requests: { cpu: "100m" } },
      startupProbe: probe(host, "/healthz", 10259, "HTTPS", 24),
      volumeMounts: vols.volumeMounts,
    },
    vols.volumes,
  );
}
