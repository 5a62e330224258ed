// Resource usage as the simulated kubelets would report it to metrics-server. The
// simulator runs no workloads, so usage is derived, deterministically, from what
// the pods request: a running container uses 30–80 % of its requests (a small idle
// baseline when it requests nothing), a node the sum of its running pods plus the
// host's own processes. The same sandbox always shows the same figures, and both
// faces (the terminal's `kubectl top` and the REST metrics.k8s.io API) read them here.

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import { parseQuantity, quantityMilliValue, quantityValue } from "../../quantity/quantity";

const KI = 1024;
const MI = 1024 * 1024;

export interface Usage {
  milliCpu: number;
  /** Working-set bytes, a whole number of KiB as cAdvisor reports them. */
  bytes: number;
}

/** A stable number in [0, 1) from a name (FNV-1a). */
function unit(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

const wholeKi = (bytes: number) => Math.round(bytes / KI) * KI;

/** Derived usage of one container: 30–80 % of its requests, or a small idle baseline. */
export function containerUsage(pod: any, container: any): Usage {
  const u = unit(`${pod.metadata?.uid}/${container.name}`);
  const req = container.resources?.requests ?? {};
  const cpu = req.cpu ? quantityMilliValue(parseQuantity(String(req.cpu))) : 0;
  const mem = req.memory ? quantityValue(parseQuantity(String(req.memory))) : 0;
  return {
    milliCpu: cpu ? Math.max(1, Math.round(cpu * (0.3 + 0.5 * u))) : 1 + Math.round(4 * u),
    bytes: wholeKi(mem ? mem * (0.3 + 0.5 * u) : (4 + 28 * u) * MI),
  };
}

export function sumUsage(all: readonly Usage[], base: Usage = { milliCpu: 0, bytes: 0 }): Usage {
  return all.reduce(
    (s, u) => ({ milliCpu: s.milliCpu + u.milliCpu, bytes: s.bytes + u.bytes }),
    base,
  );
}

export function podUsage(pod: any): Usage {
  return sumUsage((pod.spec?.containers ?? []).map((c: any) => containerUsage(pod, c)));
}

/** A node: its running pods plus the host's own processes (kubelet, container runtime, OS). */
export function nodeUsage(node: any, podsOnNode: readonly any[]): Usage {
  const name = String(node.metadata?.name ?? "");
  const host = {
    milliCpu: 40 + Math.round(40 * unit(name)),
    bytes: wholeKi((500 + 300 * unit(`${name}/mem`)) * MI),
  };
  return sumUsage(podsOnNode.filter(isRunning).map(podUsage), host);
}

export const isRunning = (pod: any) => pod.status?.phase === "Running";

/** metrics-server scrapes only kubelets that answer: a node whose Ready condition is True. */
export function nodeReports(node: any): boolean {
  const ready = (node.status?.conditions ?? []).find((c: any) => c.type === "Ready");
  return ready?.status === "True";
}
