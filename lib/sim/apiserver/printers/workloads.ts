// Deployments, ReplicaSets, DaemonSets and StatefulSets as kube-apiserver 1.28 prints them.

import type { KubeObject } from "../object";
import {
  AGE_COLUMN,
  NAME_COLUMN,
  col,
  formatLabelSelector,
  formatLabels,
  since,
  type LabelSelector,
} from "./format";
import type { KindPrinter } from "./types";

type Any = Record<string, unknown>;
interface Workload {
  metadata: KubeObject["metadata"];
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: {
      spec?: {
        containers?: { name: string; image?: string }[];
        nodeSelector?: Record<string, string>;
      };
    };
  };
  status?: Any;
}

const num = (v: unknown) => (typeof v === "number" ? v : 0);
const containers = (w: Workload) => w.spec?.template?.spec?.containers ?? [];
const names = (w: Workload) =>
  containers(w)
    .map((c) => c.name)
    .join(",");
const images = (w: Workload) =>
  containers(w)
    .map((c) => c.image ?? "")
    .join(",");

const CONTAINERS = col("Containers", "Names of each container in the template.", 1);
const IMAGES = col("Images", "Images referenced by each container in the template.", 1);
const SELECTOR = col(
  "Selector",
  "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.",
  1,
);

export const deploymentPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col("Ready", "Number of the pod with ready state"),
    col(
      "Up-to-date",
      "Total number of non-terminated pods targeted by this deployment that have the desired template spec.",
    ),
    col(
      "Available",
      "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.",
    ),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(obj, now) {
    const d = obj as Workload;
    const s = d.status ?? {};
    return {
      cells: [
        d.metadata.name,
        `${num(s.readyReplicas)}/${num(d.spec?.replicas)}`,
        num(s.updatedReplicas),
        num(s.availableReplicas),
        since(d.metadata.creationTimestamp, now),
        names(d),
        images(d),
        formatLabelSelector(d.spec?.selector),
      ],
    };
  },
};

export const replicaSetPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col(
      "Desired",
      "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller",
    ),
    col(
      "Current",
      "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller",
    ),
    col(
      "Ready",
      "readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition.",
    ),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    col(
      "Selector",
      "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
      1,
    ),
  ],
  row(obj, now) {
    const r = obj as Workload;
    const s = r.status ?? {};
    return {
      cells: [
        r.metadata.name,
        num(r.spec?.replicas),
        num(s.replicas),
        num(s.readyReplicas),
        since(r.metadata.creationTimestamp, now),
        names(r),
        images(r),
        formatLabelSelector(r.spec?.selector),
      ],
    };
  },
};

export const daemonSetPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col(
      "Desired",
      "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/",
    ),
    col(
      "Current",
      "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/",
    ),
    col(
      "Ready",
      "numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.",
    ),
    col("Up-to-date", "The total number of nodes that are running updated daemon pod"),
    col(
      "Available",
      "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)",
    ),
    col(
      "Node Selector",
      "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/",
    ),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    col(
      "Selector",
      "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
      1,
    ),
  ],
  row(obj, now) {
    const d = obj as Workload;
    const s = d.status ?? {};
    return {
      cells: [
        d.metadata.name,
        num(s.desiredNumberScheduled),
        num(s.currentNumberScheduled),
        num(s.numberReady),
        num(s.updatedNumberScheduled),
        num(s.numberAvailable),
        formatLabels(d.spec?.template?.spec?.nodeSelector),
        since(d.metadata.creationTimestamp, now),
        names(d),
        images(d),
        formatLabelSelector(d.spec?.selector),
      ],
    };
  },
};

export const statefulSetPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col("Ready", "Number of the pod with ready state"),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
  ],
  row(obj, now) {
    const d = obj as Workload;
    const s = d.status ?? {};
    return {
      cells: [
        d.metadata.name,
        `${num(s.readyReplicas)}/${num(d.spec?.replicas)}`,
        since(d.metadata.creationTimestamp, now),
        names(d),
        images(d),
      ],
    };
  },
};
