// metrics.k8s.io/v1beta1 (NodeMetrics, PodMetrics) as metrics-server serves it:
// get and list only, label/field selectors on the node's or pod's metadata, items
// sorted by (namespace,) name, Running pods on reporting nodes only. The simulator
// has no metrics-server Deployment: its API server answers this group itself from
// the derived usage in ./usage.ts, so `kubectl top` works on both faces.

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import { formatTime } from "../../clock";
import { formatQuantity } from "../../quantity/quantity";
import { newMethodNotSupported, newNotFound } from "../errors";
import type { RequestContext } from "../handler/context";
import type { RequestInfo } from "../handler/request-info";
import type { KubeObject } from "../object";
import { containerUsage, isRunning, nodeReports, nodeUsage, type Usage } from "./usage";

export const METRICS_GROUP = "metrics.k8s.io";
const API_VERSION = "metrics.k8s.io/v1beta1";
/** metrics-server's default --metric-resolution: the window between two kubelet scrapes. */
const WINDOW = "15s";

/** ResourceList as metrics-server encodes it: CPU in (nano)cores, memory as binary bytes. */
export function usageList(u: Usage): { cpu: string; memory: string } {
  return {
    cpu: formatQuantity({
      unscaled: BigInt(u.milliCpu) * 1_000_000n,
      scale: -9,
      format: "DecimalSI",
    }),
    memory: formatQuantity({ unscaled: BigInt(u.bytes), scale: 0, format: "BinarySI" }),
  };
}

function meta(obj: KubeObject, now: number) {
  return {
    name: obj.metadata.name,
    ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
    creationTimestamp: formatTime(now),
    ...(obj.metadata.labels ? { labels: obj.metadata.labels } : {}),
  };
}

const byName = (a: KubeObject, b: KubeObject) => {
  const ka = `${a.metadata.namespace ?? ""}\u0000${a.metadata.name}`;
  const kb = `${b.metadata.namespace ?? ""}\u0000${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

function nodeMetrics(ctx: RequestContext, nodes: readonly KubeObject[]): unknown[] {
  const pods = ctx.lookup.list("", "pods");
  return nodes
    .filter(nodeReports)
    .sort(byName)
    .map((node) => ({
      metadata: meta(node, ctx.now),
      timestamp: formatTime(ctx.now),
      window: WINDOW,
      usage: usageList(
        nodeUsage(
          node,
          pods.filter((p: any) => p.spec?.nodeName === node.metadata.name),
        ),
      ),
    }));
}

function podMetrics(ctx: RequestContext, pods: readonly KubeObject[]): unknown[] {
  const reporting = new Set(
    ctx.lookup
      .list("", "nodes")
      .filter(nodeReports)
      .map((n) => n.metadata.name),
  );
  return pods
    .filter((p: any) => isRunning(p) && reporting.has(p.spec?.nodeName))
    .sort(byName)
    .map((pod: any) => ({
      metadata: meta(pod, ctx.now),
      timestamp: formatTime(ctx.now),
      window: WINDOW,
      containers: (pod.spec?.containers ?? []).map((c: any) => ({
        name: c.name,
        usage: usageList(containerUsage(pod, c)),
      })),
    }));
}

const gr = (resource: string) => ({ group: METRICS_GROUP, resource });

/** GET /apis/metrics.k8s.io/v1beta1/{nodes,[namespaces/<ns>/]pods}[/<name>]. */
export function serveMetrics(
  ctx: RequestContext,
  info: RequestInfo,
  query: URLSearchParams,
): { code: number; body: unknown } {
  const core = ctx.registry().byResource("", "v1", info.resource);
  const kind = info.resource === "nodes" ? "NodeMetrics" : "PodMetrics";
  if (info.verb !== "get" && info.verb !== "list") {
    throw newMethodNotSupported(gr(info.resource), info.verb);
  }
  const metricsOf = (objs: readonly KubeObject[]) =>
    info.resource === "nodes" ? nodeMetrics(ctx, objs) : podMetrics(ctx, objs);
  if (info.verb === "get") {
    const ns = info.resource === "pods" ? info.namespace : "";
    const obj = ctx.lookup.get("", info.resource, ns, info.name);
    if (!obj) throw newNotFound({ group: "", resource: info.resource }, info.name);
    const [item] = metricsOf([obj]);
    // metrics-server's storages are named nodemetrics/podmetrics in their NotFound errors.
    const storage = info.resource === "nodes" ? "nodemetrics" : "podmetrics";
    if (!item) throw newNotFound(gr(storage), ns ? `${ns}/${info.name}` : info.name);
    return { code: 200, body: { kind, apiVersion: API_VERSION, ...(item as object) } };
  }
  const label = query.get("labelSelector") ?? "";
  const field = query.get("fieldSelector") ?? "";
  let objs = ctx.lookup.list("", info.resource, info.namespace || undefined);
  if ((label || field) && core) objs = objs.filter(ctx.plugins.selector(label, field, core));
  return {
    code: 200,
    body: { kind: `${kind}List`, apiVersion: API_VERSION, metadata: {}, items: metricsOf(objs) },
  };
}
