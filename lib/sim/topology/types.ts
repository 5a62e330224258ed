// The cluster description the engine loads: which machines exist, which objects the API
// server starts with, the etcd members, and what each machine's files contain.
import type { KubeObject } from "../apiserver/object";
import type { CertRecord } from "../kubeadm/certs";
import type { InitConfiguration } from "../kubeadm/types";
import type { StaticPodManifest } from "./static-pods";

export type NodeRole = "control-plane" | "worker";

export interface MachineSpec {
  name: string;
  role: NodeRole;
  /** InternalIP (192.168.56.x). */
  ip: string;
  /** The node's share of the pod network ("" when no podSubnet is configured). */
  podCIDR: string;
  cpu: string;
  memoryKi: number;
}

export interface EtcdMemberSpec {
  name: string;
  /** Host or IP the member is reached at. */
  address: string;
  peerURL: string;
  clientURL: string;
}

export interface EtcdTopology {
  /** "stacked": one member per control-plane node (etcd-<node> static pods); "external": separate hosts. */
  mode: "stacked" | "external";
  members: EtcdMemberSpec[];
}

export interface BootstrapTokenRecord {
  token: string;
  description: string;
  /** Expiry in epoch ms (null: never expires). */
  expires: number | null;
  usages: string[];
  groups: string[];
}

export interface ClusterTopology {
  config: InitConfiguration;
  kubernetesVersion: string;
  /** host:port every kubeconfig and join command uses. */
  apiServerEndpoint: string;
  /** First IP of the service subnet: the `kubernetes` Service. */
  kubernetesServiceIP: string;
  /** Tenth IP of the service subnet: kube-dns. */
  clusterDNSIP: string;
  machines: MachineSpec[];
  etcd: EtcdTopology;
  /** Objects the API server starts with (no uid/resourceVersion: the store assigns them). */
  objects: KubeObject[];
  /** Static pod manifests per control-plane node, as the kubelet reads them from disk. */
  staticPods: Record<string, StaticPodManifest[]>;
  certificates: CertRecord[];
  tokens: BootstrapTokenRecord[];
  /** When `kubeadm init` ran (virtual time, epoch ms). */
  initTime: number;
}
