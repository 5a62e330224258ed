// kube-controller-manager's controllers as control loops, in their sync order.

import type { ControlLoop } from "../engine";
import type { ActiveCheck } from "./shared/controller";
import { daemonSetController } from "./daemonset/daemonset-controller";
import { deploymentController } from "./deployment/deployment-controller";
import { disruptionController } from "./disruption/disruption-controller";
import { endpointsController } from "./endpoints/endpoints-controller";
import { endpointSliceController } from "./endpointslice/endpointslice-controller";
import { garbageCollector } from "./garbage-collector/garbage-collector";
import { jobController } from "./job/job-controller";
import { namespaceController } from "./namespace/namespace-controller";
import { nodeLifecycleController } from "./node-lifecycle/node-lifecycle-controller";
import { replicaSetController } from "./replicaset/replicaset-controller";
import { resourceQuotaController } from "./resourcequota/resourcequota-controller";
import { serviceAccountController } from "./serviceaccount/serviceaccount-controller";

export function controllerLoops(active?: ActiveCheck): ControlLoop[] {
  return [
    nodeLifecycleController(active),
    deploymentController(active),
    replicaSetController(active),
    daemonSetController(active),
    jobController(active),
    endpointsController(active),
    endpointSliceController(active),
    serviceAccountController(active),
    resourceQuotaController(active),
    disruptionController(active),
    garbageCollector(active),
    namespaceController(active),
  ];
}
