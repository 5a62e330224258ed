// `kubeadm join`: a new machine added to an existing topology. A worker brings its Node; a
// control plane also brings its static pods (and, with stacked etcd, a new etcd member that
// joins the existing ones) and becomes an endpoint of the `kubernetes` Service.
import type { KubeObject } from "../apiserver/object";
import { joinHostPort } from "../kubeadm/host-port";
import { formatCidr, parseCidrList } from "../kubeadm/net";
import { argValue } from "../kubeadm/types";
import { Rng } from "../random";
import { labIP, MAX_CONTROL_PLANES, MAX_WORKERS } from "./machines";
import { etcdManifest } from "./etcd-manifest";
import { mirrorPod } from "./mirror-pods";
import { nodeObject } from "./nodes";
import {
  kubeAPIServerManifest,
  kubeControllerManagerManifest,
  kubeSchedulerManifest,
  type StaticPodManifest,
} from "./static-pods";
import type { ClusterTopology, MachineSpec, NodeRole } from "./types";

export interface JoinResult {
  topology: ClusterTopology;
  machine: MachineSpec;
  /** Objects to create through the API server (the Node, mirror pods). */
  created: KubeObject[];
}

function nextPodCIDR(t: ClusterTopology): string {
  const pod = parseCidrList(t.config.cluster.networking.podSubnet)?.[0];
  if (!pod) return "";
  const maskArg = pod.family === 4 ? "node-cidr-mask-size-ipv4" : "node-cidr-mask-size-ipv6";
  const mask = Number(
    argValue(t.config.cluster.controllerManager.extraArgs, maskArg) ?? (pod.family === 4 ? 24 : 64),
  );
  const used = new Set(t.machines.map((m) => m.podCIDR));
  const size = 1n << BigInt((pod.family === 4 ? 32 : 128) - mask);
  const capacity = 1n << BigInt(mask - pod.prefix);
  for (let i = 0n; i < capacity; i++) {
    const cidr = formatCidr({ family: pod.family, base: pod.base + size * i, prefix: mask });
    if (!used.has(cidr)) return cidr;
  }
  return ""; // the pod network is exhausted: the node gets no podCIDR, as in Kubernetes
}

export function joinMachine(
  t: ClusterTopology,
  role: NodeRole,
  now: number,
  seed: string,
): JoinResult {
  const same = t.machines.filter((m) => m.role === role);
  if (role === "control-plane" && same.length >= MAX_CONTROL_PLANES)
    throw new RangeError("too many control-plane nodes");
  if (role === "worker" && same.length >= MAX_WORKERS)
    throw new RangeError("too many worker nodes");
  const prefix = role === "control-plane" ? "master" : "worker";
  let n = same.length + 1;
  while (t.machines.some((m) => m.name === `${prefix}${n}`)) n++;
  let offset = (role === "control-plane" ? 10 : 20) + n - 1;
  while (t.machines.some((m) => m.ip === labIP(offset))) offset++;
  const machine: MachineSpec = {
    name: `${prefix}${n}`,
    role,
    ip: labIP(offset),
    podCIDR: nextPodCIDR(t),
    cpu: role === "control-plane" ? "2" : "4",
    memoryKi: role === "control-plane" ? 4025796 : 8148952,
  };
  const rng = Rng.fromSeed(`${seed}/${machine.name}`);
  const c = t.config.cluster;
  const created: KubeObject[] = [
    nodeObject(machine, {
      kubeletVersion: t.kubernetesVersion,
      criSocket: t.config.nodeRegistration.criSocket,
      now,
      rng,
    }),
  ];
  const next: ClusterTopology = {
    ...t,
    machines: [...t.machines, machine],
    staticPods: { ...t.staticPods },
  };
  if (role === "control-plane") {
    const host = {
      nodeName: machine.name,
      advertiseAddress: machine.ip,
      bindPort: t.config.localAPIEndpoint.bindPort,
    };
    const manifests: StaticPodManifest[] = [];
    if (c.etcd.local) {
      const member = {
        name: machine.name,
        address: machine.ip,
        peerURL: `https://${joinHostPort(machine.ip, 2380)}`,
        clientURL: `https://${joinHostPort(machine.ip, 2379)}`,
      };
      const members = [...t.etcd.members, member];
      next.etcd = { ...t.etcd, members };
      manifests.push(etcdManifest(t.config, host, members));
    }
    manifests.push(
      kubeAPIServerManifest(t.config, host),
      kubeControllerManagerManifest(t.config),
      kubeSchedulerManifest(t.config),
    );
    next.staticPods[machine.name] = manifests;
    created.push(...manifests.map((m) => mirrorPod(m, machine.name, now)));
  }
  next.objects = [...t.objects, ...created];
  return { topology: next, machine, created };
}
