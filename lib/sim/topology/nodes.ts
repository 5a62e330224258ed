// v1 Node objects as a kubeadm-built node registers itself (kubelet) and is then marked by
// kubeadm (control-plane label and taint). Capacity figures are those of small lab VMs.
import type { KubeObject } from "../apiserver/object";
import { formatTime } from "../clock";
import type { Rng } from "../random";
import {
  CONTAINERD_VERSION,
  DEFAULT_CRI_SOCKET,
  KERNEL_VERSION,
  OS_IMAGE,
} from "../kubeadm/constants";
import type { Taint } from "../kubeadm/types";
import type { MachineSpec } from "./types";

export const CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";
export const EXCLUDE_LB_LABEL = "node.kubernetes.io/exclude-from-external-load-balancers";
export const CONTROL_PLANE_TAINT: Taint = { key: CONTROL_PLANE_LABEL, effect: "NoSchedule" };

/** Kubelet's reserve between capacity and allocatable (eviction-hard memory.available 100Mi). */
const MEMORY_RESERVE_KI = 102400;
const EPHEMERAL_CAPACITY_KI = 20134592;
const EPHEMERAL_ALLOCATABLE = "18698430040";

function readyConditions(time: string) {
  const c = (type: string, status: string, reason: string, message: string) => ({
    lastHeartbeatTime: time,
    lastTransitionTime: time,
    message,
    reason,
    status,
    type,
  });
  return [
    c(
      "MemoryPressure",
      "False",
      "KubeletHasSufficientMemory",
      "kubelet has sufficient memory available",
    ),
    c("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
    c("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
    c("Ready", "True", "KubeletReady", "kubelet is posting ready status. AppArmor enabled"),
  ];
}

export interface NodeOptions {
  kubeletVersion: string;
  criSocket?: string;
  /** Taints from nodeRegistration (control-plane nodes default to the control-plane taint). */
  taints?: Taint[];
  now: number;
  rng: Rng;
}

export function nodeObject(m: MachineSpec, opts: NodeOptions): KubeObject {
  const labels: Record<string, string> = {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": m.name,
    "kubernetes.io/os": "linux",
  };
  if (m.role === "control-plane") {
    labels[CONTROL_PLANE_LABEL] = "";
    labels[EXCLUDE_LB_LABEL] = "";
  }
  const taints = opts.taints ?? (m.role === "control-plane" ? [CONTROL_PLANE_TAINT] : []);
  const spec: Record<string, unknown> = {};
  if (m.podCIDR !== "") {
    spec.podCIDR = m.podCIDR;
    spec.podCIDRs = [m.podCIDR];
  }
  if (taints.length > 0) spec.taints = taints.map((t) => ({ ...t }));
  const time = formatTime(opts.now);
  const resources = (memoryKi: number, ephemeral: string) => ({
    cpu: m.cpu,
    "ephemeral-storage": ephemeral,
    "hugepages-1Gi": "0",
    "hugepages-2Mi": "0",
    memory: `${memoryKi}Ki`,
    pods: "110",
  });
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: m.name,
      labels,
      annotations: {
        "kubeadm.alpha.kubernetes.io/cri-socket": opts.criSocket ?? DEFAULT_CRI_SOCKET,
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec,
    status: {
      addresses: [
        { address: m.ip, type: "InternalIP" },
        { address: m.name, type: "Hostname" },
      ],
      allocatable: resources(m.memoryKi - MEMORY_RESERVE_KI, EPHEMERAL_ALLOCATABLE),
      capacity: resources(m.memoryKi, `${EPHEMERAL_CAPACITY_KI}Ki`),
      conditions: readyConditions(time),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: "amd64",
        bootID: opts.rng.uuid(),
        containerRuntimeVersion: CONTAINERD_VERSION,
        kernelVersion: KERNEL_VERSION,
        kubeProxyVersion: opts.kubeletVersion,
        kubeletVersion: opts.kubeletVersion,
        machineID: opts.rng.hex(32),
        operatingSystem: "linux",
        osImage: OS_IMAGE,
        systemUUID: opts.rng.uuid(),
      },
    },
  };
}
