// The pod row of `kubectl get pods`: READY, STATUS, RESTARTS as
// pkg/printers/internalversion printPod computes them in 1.28 (init containers,
// restartable sidecars, waiting/terminated reasons, Terminating, "(Xm ago)").

import type { KubeObject } from "../object";
import { AGE_COLUMN, NAME_COLUMN, col, since } from "./format";
import type { KindPrinter, TableRowCondition } from "./types";

interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}
interface ContainerStatus {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}
interface Condition {
  type: string;
  status: string;
  reason?: string;
}
interface PodShape {
  metadata: KubeObject["metadata"];
  spec?: {
    nodeName?: string;
    containers?: { name: string }[];
    initContainers?: { name: string; restartPolicy?: string }[];
    readinessGates?: { conditionType: string }[];
  };
  status?: {
    phase?: string;
    reason?: string;
    conditions?: Condition[];
    podIPs?: { ip: string }[];
    nominatedNodeName?: string;
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
  };
}

const COMPLETED: TableRowCondition[] = [
  {
    type: "Completed",
    status: "True",
    reason: "Succeeded",
    message: "The pod has completed successfully.",
  },
];
const FAILED: TableRowCondition[] = [
  { type: "Completed", status: "True", reason: "Failed", message: "The pod failed." },
];

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (!b) return a;
  if (!a) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
  conditions?: TableRowCondition[];
}

/** READY, STATUS and RESTARTS of one pod at virtual time `now`. */
export function podSummary(pod: PodShape, now: number): PodSummary {
  const spec = pod.spec ?? {};
  const st = pod.status ?? {};
  const inits = spec.initContainers ?? [];
  const restartable = (name: string) =>
    inits.find((c) => c.name === name)?.restartPolicy === "Always";
  let restarts = 0;
  let sidecarRestarts = 0;
  let total =
    (spec.containers ?? []).length + inits.filter((c) => c.restartPolicy === "Always").length;
  let ready = 0;
  let lastRestart: string | undefined;
  let lastSidecarRestart: string | undefined;
  let reason = st.reason || st.phase || "";
  if (st.conditions?.some((c) => c.type === "PodScheduled" && c.reason === "SchedulingGated")) {
    reason = "SchedulingGated";
  }
  const conditions =
    st.phase === "Succeeded" ? COMPLETED : st.phase === "Failed" ? FAILED : undefined;

  let initializing = false;
  const initStatuses = st.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    restarts += c.restartCount ?? 0;
    lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt);
    if (restartable(c.name)) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, c.lastState?.terminated?.finishedAt);
    }
    const term = c.state?.terminated;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (restartable(c.name) && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (term) {
      reason = term.reason
        ? `Init:${term.reason}`
        : term.signal
          ? `Init:Signal:${term.signal}`
          : `Init:ExitCode:${term.exitCode ?? 0}`;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== "PodInitializing") {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${inits.length}`;
    }
    initializing = true;
    break;
  }
  const initialized = st.conditions?.some((c) => c.type === "Initialized" && c.status === "True");
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = st.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt);
      const s = c.state ?? {};
      if (s.waiting?.reason) reason = s.waiting.reason;
      else if (s.terminated?.reason) reason = s.terminated.reason;
      else if (s.terminated) {
        reason = s.terminated.signal
          ? `Signal:${s.terminated.signal}`
          : `ExitCode:${s.terminated.exitCode ?? 0}`;
      } else if (c.ready && s.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === "Completed" && hasRunning) {
      reason = st.conditions?.some((c) => c.type === "Ready" && c.status === "True")
        ? "Running"
        : "NotReady";
    }
  }
  if (pod.metadata.deletionTimestamp) {
    reason = st.reason === "NodeLost" ? "Unknown" : "Terminating";
  }
  total = Math.max(total, 0);
  const restartText =
    restarts !== 0 && lastRestart
      ? `${restarts} (${since(lastRestart, now)} ago)`
      : String(restarts);
  return {
    ready: `${ready}/${total}`,
    status: reason,
    restarts: restartText,
    ...(conditions ? { conditions } : {}),
  };
}

export const podPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col("Ready", "The aggregate readiness state of this pod for accepting traffic."),
    col("Status", "The aggregate status of the containers in this pod."),
    col(
      "Restarts",
      "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
    ),
    AGE_COLUMN,
    col(
      "IP",
      "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.",
      1,
    ),
    col("Node", "NodeName indicates in which node this pod is scheduled.", 1),
    col(
      "Nominated Node",
      "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.",
      1,
    ),
    col(
      "Readiness Gates",
      "If specified, all readiness gates will be evaluated for pod readiness.",
      1,
    ),
  ],
  row(obj, now) {
    const pod = obj as PodShape;
    const s = podSummary(pod, now);
    const gates = pod.spec?.readinessGates ?? [];
    let readinessGates = "<none>";
    if (gates.length > 0) {
      const trueCount = gates.filter(
        (g) => pod.status?.conditions?.find((c) => c.type === g.conditionType)?.status === "True",
      ).length;
      readinessGates = `${trueCount}/${gates.length}`;
    }
    return {
      cells: [
        pod.metadata.name,
        s.ready,
        s.status,
        s.restarts,
        since(pod.metadata.creationTimestamp, now),
        pod.status?.podIPs?.[0]?.ip || "<none>",
        pod.spec?.nodeName || "<none>",
        pod.status?.nominatedNodeName || "<none>",
        readinessGates,
      ],
      ...(s.conditions ? { conditions: s.conditions } : {}),
    };
  },
};
