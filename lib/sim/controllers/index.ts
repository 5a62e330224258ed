// kube-controller-manager's controllers as control loops, in their sync order.

import type { ControlLoop } from "../engine";
import type { ActiveCheck } from "./shared/controller";
import { daemonSetController } from "./daemonset/daemonset-controller";
import { deploymentController } from "./deployment/deployment-controller";
import { garbageCollector } from "./garbage-collector/garbage-collector";
import { namespaceController } from "./namespace/namespace-controller";
import { nodeLifecycleController } from "./node-lifecycle/node-lifecycle-controller";
import { replicaSetController } from "./replicaset/replicaset-controller";

export function controllerLoops(active?: ActiveCheck): ControlLoop[] {
  return [
    nodeLifecycleController(active),
    deploymentController(active),
    replicaSetController(active),
    daemonSetController(active),
    garbageCollector(active),
    namespaceController(active),
  ];
}
