// What `kubeadm init` installs besides the static pods: the CoreDNS Deployment with its
// kube-dns Service, the kube-proxy DaemonSet, their ServiceAccounts, and the `kubernetes`
// Service with its Endpoints (kept by the API server itself), as kubeadm 1.28 creates them.
import type { KubeObject } from "../apiserver/object";
import { dnsImage } from "../kubeadm/images";
import type { ClusterConfiguration } from "../kubeadm/types";
import { CONTROL_PLANE_LABEL } from "./nodes";

export function coreDNSDeployment(cfg: ClusterConfiguration): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { labels: { "k8s-app": "kube-dns" }, name: "coredns", namespace: "kube-system" },
    spec: {
      replicas: 2,
      selector: { matchLabels: { "k8s-app": "kube-dns" } },
      strategy: { rollingUpdate: { maxUnavailable: 1 }, type: "RollingUpdate" },
      template: {
        metadata: { labels: { "k8s-app": "kube-dns" } },
        spec: {
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  podAffinityTerm: {
                    labelSelector: {
                      matchExpressions: [{ key: "k8s-app", operator: "In", values: ["kube-dns"] }],
                    },
                    topologyKey: "kubernetes.io/hostname",
                  },
                  weight: 100,
                },
              ],
            },
          },
          containers: [
            {
              args: ["-conf", "/etc/coredns/Corefile"],
              image: dnsImage(cfg),
              imagePullPolicy: "IfNotPresent",
              livenessProbe: {
                failureThreshold: 5,
                httpGet: { path: "/health", port: 8080, scheme: "HTTP" },
                initialDelaySeconds: 60,
                successThreshold: 1,
                timeoutSeconds: 5,
              },
              name: "coredns",
              ports: [
                { containerPort: 53, name: "dns", protocol: "UDP" },
                { containerPort: 53, name: "dns-tcp", protocol: "TCP" },
                { containerPort: 9153, name: "metrics", protocol: "TCP" },
              ],
              readinessProbe: { httpGet: { path: "/ready", port: 8181, scheme: "HTTP" } },
              resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] },
                readOnlyRootFilesystem: true,
              },
              volumeMounts: [{ mountPath: "/etc/coredns", name: "config-volume", readOnly: true }],
            },
          ],
          dnsPolicy: "Default",
          nodeSelector: { "kubernetes.io/os": "linux" },
          priorityClassName: "system-cluster-critical",
          serviceAccountName: "coredns",
          tolerations: [
            { key: "CriticalAddonsOnly", operator: "Exists" },
            { effect: "NoSchedule", key: CONTROL_PLANE_LABEL },
          ],
          volumes: [
            {
              configMap: { items: [{ key: "Corefile", path: "Corefile" }], name: "coredns" },
              name: "config-volume",
            },
          ],
        },
      },
    },
  };
}

export function kubeDNSService(clusterDNSIP: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
      labels: {
        "k8s-app": "kube-dns",
        "kubernetes.io/cluster-service": "true",
        "kubernetes.io/name": "CoreDNS",
      },
      name: "kube-dns",
      namespace: "kube-system",
    },
    spec: {
      clusterIP: clusterDNSIP,
      ports: [
        { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
        { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
        { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
      ],
      selector: { "k8s-app": "kube-dns" },
    },
  };
}

export function kubeProxyDaemonSet(cfg: ClusterConfiguration): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { labels: { "k8s-app": "kube-proxy" }, name: "kube-proxy", namespace: "kube-system" },
    spec: {
      selector: { matchLabels: { "k8s-app": "kube-proxy" } },
      template: {
        metadata: { labels: { "k8s-app": "kube-proxy" } },
        spec: {
          containers: [
            {
              command: [
                "/usr/local/bin/kube-proxy",
                "--config=/var/lib/kube-proxy/config.conf",
                "--hostname-override=$(NODE_NAME)",
              ],
              env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
              image: `${cfg.imageRepository}/kube-proxy:${cfg.kubernetesVersion}`,
              imagePullPolicy: "IfNotPresent",
              name: "kube-proxy",
              securityContext: { privileged: true },
              volumeMounts: [
                { mountPath: "/var/lib/kube-proxy", name: "kube-proxy" },
                { mountPath: "/run/xtables.lock", name: "xtables-lock" },
                { mountPath: "/lib/modules", name: "lib-modules", readOnly: true },
              ],
            },
          ],
          hostNetwork: true,
          nodeSelector: { "kubernetes.io/os": "linux" },
          priorityClassName: "system-node-critical",
          serviceAccountName: "kube-proxy",
          tolerations: [{ operator: "Exists" }],
          volumes: [
            { configMap: { name: "kube-proxy" }, name: "kube-proxy" },
            { hostPath: { path: "/run/xtables.lock", type: "FileOrCreate" }, name: "xtables-lock" },
            { hostPath: { path: "/lib/modules" }, name: "lib-modules" },
          ],
        },
      },
      updateStrategy: { type: "RollingUpdate" },
    },
  };
}

export function serviceAccount(name: string): KubeObject {
  return { apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace: "kube-system" } };
}

/**
 * The `kubernetes` Service with its Endpoints and EndpointSlice: the API server's own endpoint
 * reconciler keeps these (one address per running kube-apiserver).
 */
export function kubernetesService(
  serviceIP: string,
  apiServerIPs: readonly string[],
  bindPort: number,
): KubeObject[] {
  return [
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        labels: { component: "apiserver", provider: "kubernetes" },
        name: "kubernetes",
        namespace: "default",
      },
      spec: {
        clusterIP: serviceIP,
        ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: bindPort }],
        sessionAffinity: "None",
        type: "ClusterIP",
      },
    },
    {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: {
        labels: { "endpointslice.kubernetes.io/skip-mirror": "true" },
        name: "kubernetes",
        namespace: "default",
      },
      subsets: [
        {
          addresses: apiServerIPs.map((ip) => ({ ip })),
          ports: [{ name: "https", port: bindPort, protocol: "TCP" }],
        },
      ],
    },
    {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: {
        labels: { "kubernetes.io/service-name": "kubernetes" },
        name: "kubernetes",
        namespace: "default",
      },
      addressType: serviceIP.includes(":") ? "IPv6" : "IPv4",
      endpoints: apiServerIPs.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
      ports: [{ name: "https", port: bindPort, protocol: "TCP" }],
    },
  ];
}
