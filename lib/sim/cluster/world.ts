// What exists outside the API: the machines (powered on or off) and the static pod
// manifests on their disks. The kubelet of a stopped machine does nothing, so its
// Lease goes stale and the node lifecycle controller takes over - as in a real cluster.

import type { KubeObject } from "../apiserver/object";
import type { InitConfiguration } from "../kubeadm/types";
import { memberAction } from "../etcd/control";
import type { SandboxState } from "../state";

export interface MachineState {
  running: boolean;
  role: "control-plane" | "worker";
  ip: string;
}

export interface WorldState {
  machines: Readonly<Record<string, MachineState>>;
  /** /etc/kubernetes/manifests per machine, as Pod objects (the kubelet mirrors them). */
  staticPods: Readonly<Record<string, readonly KubeObject[]>>;
  /** What `kubeadm init --config` / `kubeadm join` in the terminal built (absent: the lab's default cluster). */
  kubeadm?: KubeadmRecord;
  /** Files commands wrote on the control-plane host (e.g. an etcd snapshot), by absolute path. */
  hostFiles?: Readonly<Record<string, string>>;
}

/** Enough to rebuild the cluster's topology (files, certificates, tokens) deterministically. */
export interface KubeadmRecord {
  config: InitConfiguration;
  controlPlanes: number;
  workers: number;
}

/** Machines the world does not know (nodes a test registered by hand) count as running. */
export function machineRunning(state: SandboxState, node: string): boolean {
  return state.world?.machines[node]?.running ?? true;
}

export function setMachineRunning(
  state: SandboxState,
  node: string,
  running: boolean,
): SandboxState {
  const world = state.world;
  const machine = world?.machines[node];
  if (!world || !machine) throw new RangeError(`unknown machine ${node}`);
  return {
    ...state,
    world: { ...world, machines: { ...world.machines, [node]: { ...machine, running } } },
  };
}

export function staticPodsOf(state: SandboxState, node: string): readonly KubeObject[] {
  return state.world?.staticPods[node] ?? [];
}

/**
 * Powers a machine off or on: its kubelet (and the control-plane components on it)
 * stop or start, and so does a stacked etcd member of the same name.
 */
export function powerMachine(state: SandboxState, node: string, on: boolean): SandboxState {
  const next = setMachineRunning(state, node, on);
  const member = next.etcd.members.find((m) => m.name === node);
  if (!member || member.running === on) return next;
  return memberAction(next, on ? "start" : "stop", node);
}
