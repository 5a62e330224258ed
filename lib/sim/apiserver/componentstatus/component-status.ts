// GET /api/v1/componentstatuses (kubectl get cs): deprecated since 1.19 but still served by
// 1.28. The apiserver probes, from its own host, kube-scheduler (127.0.0.1:10259/healthz),
// kube-controller-manager (127.0.0.1:10257/healthz) and every --etcd-servers endpoint
// (etcd-0, etcd-1, ...), with nothing stored. The probes' outcome here follows the simulated
// components: the control-plane machine, its static pod manifests, and the etcd members.

import { memberHealth } from "../../etcd/health";
import type { EtcdCluster } from "../../etcd/cluster";
import type { SandboxState } from "../../state";
import { ApiError, newMethodNotSupported } from "../errors";
import type { KubeObject } from "../object";

export const COMPONENT_STATUS_WARNING = "v1 ComponentStatus is deprecated in v1.19+";

interface Condition {
  type: "Healthy";
  status: "True" | "False";
  message?: string;
  error?: string;
}

const status = (name: string, c: Condition): KubeObject =>
  ({
    kind: "ComponentStatus",
    apiVersion: "v1",
    // A zero metav1.Time serialises as null.
    metadata: { name, creationTimestamp: null as unknown as string },
    conditions: [c],
  }) as KubeObject;

const refused = (url: string, hostPort: string): Condition => ({
  type: "Healthy",
  status: "False",
  // The HTTP prober reports a failed GET as a Failure whose data is the error text.
  message: `Get "${url}": dial tcp ${hostPort}: connect: connection refused`,
});

/** The control-plane node the apiserver answering runs on, and its static pods. */
function apiServerHost(state: SandboxState): { node: string; pods: readonly KubeObject[] } {
  const world = state.world;
  if (!world) return { node: "", pods: [] };
  for (const node of Object.keys(world.staticPods).sort()) {
    const pods = world.staticPods[node] ?? [];
    if (pods.some((p) => p.metadata.name?.startsWith("kube-apiserver-"))) return { node, pods };
  }
  return { node: "", pods: [] };
}

function httpComponent(
  name: string,
  podPrefix: string,
  port: number,
  host: { node: string; pods: readonly KubeObject[] },
  state: SandboxState,
): KubeObject {
  const running =
    host.node !== "" &&
    (state.world?.machines[host.node]?.running ?? true) &&
    host.pods.some((p) => p.metadata.name?.startsWith(podPrefix));
  const url = `https://127.0.0.1:${port}/healthz`;
  return status(
    name,
    running
      ? { type: "Healthy", status: "True", message: "ok" }
      : refused(url, `127.0.0.1:${port}`),
  );
}

function etcdServers(pods: readonly KubeObject[]): string[] {
  const api = pods.find((p) => p.metadata.name?.startsWith("kube-apiserver-"));
  const containers = ((api?.spec as { containers?: { command?: string[] }[] } | undefined)
    ?.containers ?? [])[0];
  const flag = (containers?.command ?? []).find((a) => a.startsWith("--etcd-servers="));
  return flag ? flag.slice("--etcd-servers=".length).split(",") : ["https://127.0.0.1:2379"];
}

function etcdStatus(i: number, url: string, node: string, etcd: EtcdCluster): KubeObject {
  const local = /^https?:\/\/(127\.0\.0\.1|localhost)(:|$)/.test(url);
  const member = etcd.members.find((m) =>
    local ? m.name === node || etcd.members.length === 1 : m.clientURL === url,
  );
  const healthy = member ? memberHealth(etcd, member).health : false;
  return status(
    `etcd-${i}`,
    healthy
      ? { type: "Healthy", status: "True", message: "ok" }
      : {
          type: "Healthy",
          status: "False",
          error: "error getting data from etcd: context deadline exceeded",
        },
  );
}

/** Every component the apiserver checks, in kubectl's usual order. */
export function componentStatuses(state: SandboxState, etcd: EtcdCluster): KubeObject[] {
  const host = apiServerHost(state);
  return [
    httpComponent("scheduler", "kube-scheduler-", 10259, host, state),
    httpComponent("controller-manager", "kube-controller-manager-", 10257, host, state),
    ...etcdServers(host.pods).map((url, i) => etcdStatus(i, url, host.node, etcd)),
  ];
}

/** GET of one component; an unknown name is a plain error, which the apiserver answers 500. */
export function componentStatus(state: SandboxState, etcd: EtcdCluster, name: string): KubeObject {
  const found = componentStatuses(state, etcd).find((c) => c.metadata.name === name);
  if (!found) {
    throw new ApiError({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      // A plain Go error: ErrorToAPIStatus gives it no reason.
      message: `Component not found: ${name}`,
      code: 500,
    });
  }
  return found;
}

/** The list body: a ComponentStatusList; like any typed list's, its items carry no kind. */
export function componentStatusList(state: SandboxState, etcd: EtcdCluster): unknown {
  return {
    kind: "ComponentStatusList",
    apiVersion: "v1",
    metadata: {},
    items: componentStatuses(state, etcd).map(({ kind: _k, apiVersion: _v, ...item }) => {
      void _k;
      void _v;
      return item;
    }),
  };
}

export interface ComponentStatusRequest {
  verb: string;
  name: string;
  namespace: string;
}

/** The answer to a request for componentstatuses, with the deprecation warning header. */
export function serveComponentStatuses(
  state: SandboxState,
  etcd: EtcdCluster,
  req: ComponentStatusRequest,
): { kind: "object"; code: number; body: unknown; warnings: string[] } | undefined {
  if (req.namespace) return undefined;
  const warnings = [COMPONENT_STATUS_WARNING];
  if (req.verb === "get")
    return { kind: "object", code: 200, body: componentStatus(state, etcd, req.name), warnings };
  if (req.verb === "list")
    return { kind: "object", code: 200, body: componentStatusList(state, etcd), warnings };
  throw newMethodNotSupported({ group: "", resource: "componentstatuses" }, req.verb);
}
