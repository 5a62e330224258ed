// The lab's machines: control planes master1..N on 192.168.56.10+, workers worker1..M on
// 192.168.56.20+, each given its /24 (node-cidr-mask-size) of the pod network in join order.
import { formatCidr, parseCidrList } from "../kubeadm/net";
import type { InitConfiguration } from "../kubeadm/types";
import { argValue } from "../kubeadm/types";
import type { MachineSpec } from "./types";

export const MAX_CONTROL_PLANES = 7;
export const MAX_WORKERS = 100;

/** 192.168.56.<offset> for offsets up to 249, then onwards in 192.168.57.x. */
export function labIP(offset: number): string {
  return `192.168.${56 + Math.floor(offset / 250)}.${offset % 250}`;
}

function podCIDRs(cfg: InitConfiguration, count: number): string[] {
  const pod = parseCidrList(cfg.cluster.networking.podSubnet)?.[0];
  if (!pod) return Array<string>(count).fill("");
  const maskArg = pod.family === 4 ? "node-cidr-mask-size-ipv4" : "node-cidr-mask-size-ipv6";
  const mask = Number(
    argValue(cfg.cluster.controllerManager.extraArgs, maskArg) ?? (pod.family === 4 ? 24 : 64),
  );
  const bits = pod.family === 4 ? 32 : 128;
  const size = 1n << BigInt(bits - mask);
  const capacity = 1n << BigInt(mask - pod.prefix);
  return Array.from({ length: count }, (_, i) =>
    BigInt(i) < capacity
      ? formatCidr({ family: pod.family, base: pod.base + size * BigInt(i), prefix: mask })
      : "",
  );
}

export function labMachines(
  cfg: InitConfiguration,
  controlPlanes: number,
  workers: number,
): MachineSpec[] {
  if (!Number.isInteger(controlPlanes) || controlPlanes < 1 || controlPlanes > MAX_CONTROL_PLANES) {
    throw new RangeError(`a lab cluster has 1 to ${MAX_CONTROL_PLANES} control-plane nodes`);
  }
  if (!Number.isInteger(workers) || workers < 0 || workers > MAX_WORKERS) {
    throw new RangeError(`a lab cluster has 0 to ${MAX_WORKERS} worker nodes`);
  }
  const cidrs = podCIDRs(cfg, controlPlanes + workers);
  const out: MachineSpec[] = [];
  for (let i = 0; i < controlPlanes; i++) {
    const first = i === 0;
    out.push({
      name: first ? cfg.nodeRegistration.name : `master${i + 1}`,
      role: "control-plane",
      ip: first ? cfg.localAPIEndpoint.advertiseAddress : labIP(10 + i),
      podCIDR: cidrs[i]!,
      cpu: "2",
      memoryKi: 4025796,
    });
  }
  for (let i = 0; i < workers; i++) {
    out.push({
      name: `worker${i + 1}`,
      role: "worker",
      ip: labIP(20 + i),
      podCIDR: cidrs[controlPlanes + i]!,
      cpu: "4",
      memoryKi: 8148952,
    });
  }
  return out;
}
