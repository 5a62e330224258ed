// The default/kubernetes Service and its Endpoints, which kube-apiserver's bootstrap controller
// maintains: the first IP of the service CIDR, port 443 named "https" to the secure port.
import type { KubeObject } from "../object";

export interface KubernetesServiceInput {
  clusterIP: string;
  /** The API servers' advertise addresses (one per control-plane node). */
  endpoints: readonly string[];
  securePort?: number;
}

export function kubernetesServiceObjects(input: KubernetesServiceInput): KubeObject[] {
  const port = input.securePort ?? 6443;
  const labels = { component: "apiserver", provider: "kubernetes" };
  return [
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kubernetes", namespace: "default", labels },
      spec: {
        clusterIP: input.clusterIP,
        clusterIPs: [input.clusterIP],
        internalTrafficPolicy: "Cluster",
        ipFamilies: ["IPv4"],
        ipFamilyPolicy: "SingleStack",
        ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: port }],
        sessionAffinity: "None",
        type: "ClusterIP",
      },
      status: { loadBalancer: {} },
    },
    {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: {
        name: "kubernetes",
        namespace: "default",
        labels: { "endpointslice.kubernetes.io/skip-mirror": "true" },
      },
      subsets: [
        {
          addresses: input.endpoints.map((ip) => ({ ip })),
          ports: [{ name: "https", port, protocol: "TCP" }],
        },
      ],
    },
  ];
}
