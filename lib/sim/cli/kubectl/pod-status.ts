// The STATUS and READY cells of a pod, as kubectl 1.28's printPod computes them
// (pkg/printers/internalversion/printers.go).

interface ContainerState {
  waiting?: { reason?: string };
  terminated?: { reason?: string; signal?: number; exitCode?: number };
  running?: unknown;
}
interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: ContainerState;
}
export interface PodLike {
  metadata: { deletionTimestamp?: string };
  spec?: { containers?: unknown[]; initContainers?: unknown[] };
  status?: {
    phase?: string;
    reason?: string;
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
    conditions?: { type: string; status: string }[];
  };
}

export function podStatus(pod: PodLike): string {
  const status = pod.status ?? {};
  let reason = status.reason || status.phase || "";
  let initializing = false;
  const inits = status.initContainerStatuses ?? [];
  inits.forEach((c, i) => {
    if (initializing) return;
    const t = c.state?.terminated;
    if (t && t.exitCode === 0) return;
    initializing = true;
    if (t) {
      reason = t.reason
        ? `Init:${t.reason}`
        : t.signal
          ? `Init:Signal:${t.signal}`
          : `Init:ExitCode:${t.exitCode}`;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== "PodInitializing") {
      reason = `Init:${c.state.waiting.reason}`;
    } else reason = `Init:${i}/${pod.spec?.initContainers?.length ?? inits.length}`;
  });
  if (!initializing) {
    let hasRunning = false;
    for (const c of [...(status.containerStatuses ?? [])].reverse()) {
      const s = c.state ?? {};
      if (s.waiting?.reason) reason = s.waiting.reason;
      else if (s.terminated?.reason) reason = s.terminated.reason;
      else if (s.terminated)
        reason = s.terminated.signal
          ? `Signal:${s.terminated.signal}`
          : `ExitCode:${s.terminated.exitCode}`;
      else if (s.running && c.ready) hasRunning = true;
    }
    if (reason === "Completed" && hasRunning) {
      const ready = status.conditions?.some((c) => c.type === "Ready" && c.status === "True");
      reason = ready ? "Running" : "NotReady";
    }
  }
  if (pod.metadata.deletionTimestamp)
    reason = status.reason === "NodeLost" ? "Unknown" : "Terminating";
  return reason;
}

export function podReady(pod: PodLike): string {
  const statuses = pod.status?.containerStatuses ?? [];
  const ready = statuses.filter((c) => c.ready).length;
  return `${ready}/${pod.spec?.containers?.length ?? statuses.length}`;
}

export function podRestarts(pod: PodLike): number {
  return (pod.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}
