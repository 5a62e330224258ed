// The in-tree plugin registry and kube-scheduler 1.28's default profile ("default-scheduler"):
// plugins in getDefaultPlugins() order with their score weights. Volume plugins
// (VolumeRestrictions, NodeVolumeLimits, VolumeBinding, VolumeZone...) are not modelled because
// the simulator has no PersistentVolumes; PrioritySort and SchedulingGates live in the queue.
import { DefaultPreemption } from "../preemption/default-preemption";
import { ImageLocality } from "../plugins/image-locality/image-locality";
import { InterPodAffinity } from "../plugins/inter-pod-affinity/inter-pod-affinity";
import { NodeAffinity } from "../plugins/node-affinity/node-affinity";
import { NodeName } from "../plugins/node-name/node-name";
import { NodePorts } from "../plugins/node-ports/node-ports";
import { NodeResourcesBalancedAllocation } from "../plugins/node-resources-balanced-allocation/node-resources-balanced-allocation";
import { NodeResourcesFit } from "../plugins/node-resources-fit/node-resources-fit";
import { NodeUnschedulable } from "../plugins/node-unschedulable/node-unschedulable";
import { PodTopologySpread } from "../plugins/pod-topology-spread/pod-topology-spread";
import { TaintToleration } from "../plugins/taint-toleration/taint-toleration";
import { Framework } from "./framework";
import type { Plugin } from "./plugin";
import { SchedulerError } from "./scheduler-error";

/** A factory gets a handle to the framework it belongs to (preemption re-runs its filters). */
export type PluginFactory = (handle: () => Framework) => Plugin;

export const IN_TREE_REGISTRY: Readonly<Record<string, PluginFactory>> = {
  NodeUnschedulable: () => new NodeUnschedulable(),
  NodeName: () => new NodeName(),
  TaintToleration: () => new TaintToleration(),
  NodeAffinity: () => new NodeAffinity(),
  NodePorts: () => new NodePorts(),
  NodeResourcesFit: () => new NodeResourcesFit(),
  PodTopologySpread: () => new PodTopologySpread(),
  InterPodAffinity: () => new InterPodAffinity(),
  DefaultPreemption: (handle) => new DefaultPreemption(handle),
  NodeResourcesBalancedAllocation: () => new NodeResourcesBalancedAllocation(),
  ImageLocality: () => new ImageLocality(),
};

export interface PluginConfig {
  name: string;
  weight?: number;
}

export interface ProfileConfig {
  schedulerName: string;
  plugins: PluginConfig[];
  percentageOfNodesToScore?: number;
}

export const DEFAULT_SCHEDULER_NAME = "default-scheduler";

/** pkg/scheduler/apis/config/v1/default_plugins.go (1.28), minus the unmodelled plugins. */
export const DEFAULT_PROFILE: ProfileConfig = {
  schedulerName: DEFAULT_SCHEDULER_NAME,
  plugins: [
    { name: "NodeUnschedulable" },
    { name: "NodeName" },
    { name: "TaintToleration", weight: 3 },
    { name: "NodeAffinity", weight: 2 },
    { name: "NodePorts" },
    { name: "NodeResourcesFit", weight: 1 },
    { name: "PodTopologySpread", weight: 2 },
    { name: "InterPodAffinity", weight: 2 },
    { name: "DefaultPreemption" },
    { name: "NodeResourcesBalancedAllocation", weight: 1 },
    { name: "ImageLocality", weight: 1 },
  ],
};

export function newFramework(
  profile: ProfileConfig = DEFAULT_PROFILE,
  registry: Readonly<Record<string, PluginFactory>> = IN_TREE_REGISTRY,
): Framework {
  // Plugins are built before the framework that holds them, so they get it lazily.
  const holder: { framework?: Framework } = {};
  const handle = (): Framework => holder.framework!;
  const plugins = profile.plugins.map((config) => {
    const factory = registry[config.name];
    if (!factory)
      throw new SchedulerError("UnknownPlugin", `plugin "${config.name}" does not exist`);
    return {
      plugin: factory(handle),
      ...(config.weight !== undefined ? { weight: config.weight } : {}),
    };
  });
  holder.framework = new Framework(
    profile.schedulerName,
    plugins,
    profile.percentageOfNodesToScore ?? 0,
  );
  return holder.framework;
}
