// What the picture shows when an object is clicked: its YAML as `kubectl get -o yaml`
// prints it, its events (newest last, as `kubectl describe` lists them) and, for a
// pod, "왜 여기에?": the scheduler's newest record for it — each node's filter verdict
// and each score plugin's weighted score, or why no node fits a Pending pod.

import {
  explainRecord,
  PLUGIN_DESCRIPTIONS_KO,
  schedulingRecord,
  type SandboxState,
  type SchedulingRecord,
} from "@/lib/sim";
import type { KubeObject } from "@/lib/sim/apiserver/object";
import { getObject, listObjects } from "@/lib/sim/controllers/shared/cache";
import { toGoYaml } from "@/lib/sim/topology/go-yaml";

export type PictureKind = "pods" | "nodes";

export interface EventLine {
  type: string;
  reason: string;
  message: string;
  count: number;
  source: string;
  lastTimestamp: string;
}

export interface NodeVerdict {
  node: string;
  verdict: "selected" | "feasible" | "rejected";
  /** The filter plugin that rejected the node (later plugins did not run on it). */
  plugin?: string;
  reasons?: readonly string[];
  scores?: { plugin: string; normalized: number; weight: number }[];
  total?: number;
}

export interface WhyHere {
  summary: string;
  selectedNode?: string;
  /** The FailedScheduling message of a pod no node fits. */
  message?: string;
  nodes: NodeVerdict[];
  legend: { plugin: string; description: string }[];
  preemption?: string;
}

export interface ObjectDetail {
  kind: PictureKind;
  namespace?: string;
  name: string;
  yaml: string;
  events: EventLine[];
  /** Pods only; null when the pod never went through the scheduler (static pods, nodeName set). */
  whyHere?: WhyHere | null;
}

export function whyHere(record: SchedulingRecord): WhyHere {
  const lines = explainRecord(record);
  const nodes: NodeVerdict[] = [];
  const scores = record.scores;
  for (const node of record.feasible) {
    const i = scores?.nodes.indexOf(node) ?? -1;
    nodes.push({
      node,
      verdict: node === record.selectedNode ? "selected" : "feasible",
      ...(scores && i >= 0
        ? {
            scores: scores.plugins
              .filter((p) => p.ran)
              .map((p) => ({ plugin: p.plugin, normalized: p.normalized[i]!, weight: p.weight })),
            total: scores.totals[i],
          }
        : {}),
    });
  }
  for (const r of record.rejected) {
    nodes.push({ node: r.node, verdict: "rejected", plugin: r.plugin, reasons: r.reasons });
  }
  nodes.sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || a.node.localeCompare(b.node));
  const used = new Set([
    ...record.filterPlugins,
    ...(scores?.plugins.filter((p) => p.ran).map((p) => p.plugin) ?? []),
  ]);
  return {
    summary: lines[0]?.text ?? "",
    ...(record.selectedNode ? { selectedNode: record.selectedNode } : {}),
    ...(record.message ? { message: record.message } : {}),
    nodes,
    legend: [...used]
      .filter((p) => PLUGIN_DESCRIPTIONS_KO[p])
      .map((plugin) => ({ plugin, description: PLUGIN_DESCRIPTIONS_KO[plugin]! })),
    ...(record.preemption
      ? { preemption: lines.find((l) => l.text.startsWith("선점:"))?.text ?? "" }
      : {}),
  };
}

function eventsOf(state: SandboxState, obj: KubeObject, kind: string): EventLine[] {
  const ns = obj.metadata.namespace ?? "default";
  return listObjects(state, "", "events", ns)
    .filter((e) => {
      const io = (e as { involvedObject?: { kind?: string; name?: string } }).involvedObject;
      return io?.kind === kind && io.name === obj.metadata.name;
    })
    .map((e) => {
      const ev = e as KubeObject & {
        type?: string;
        reason?: string;
        message?: string;
        count?: number;
        source?: { component?: string };
        reportingComponent?: string;
        lastTimestamp?: string;
        eventTime?: string;
      };
      return {
        type: ev.type ?? "Normal",
        reason: ev.reason ?? "",
        message: ev.message ?? "",
        count: ev.count ?? 1,
        source: ev.source?.component ?? ev.reportingComponent ?? "",
        lastTimestamp: ev.lastTimestamp ?? ev.eventTime ?? "",
      };
    })
    .sort((a, b) => a.lastTimestamp.localeCompare(b.lastTimestamp));
}

/** The detail of one pod or node, or null when it does not exist (any more). */
export function objectDetail(
  state: SandboxState,
  kind: PictureKind,
  name: string,
  namespace = "default",
): ObjectDetail | null {
  const obj =
    kind === "pods"
      ? getObject(state, "", "pods", namespace, name)
      : getObject(state, "", "nodes", "", name);
  if (!obj) return null;
  // Node events live in the default namespace, as kubelet and the node controller post them.
  const events = eventsOf(state, obj, kind === "pods" ? "Pod" : "Node");
  const detail: ObjectDetail = {
    kind,
    name,
    ...(kind === "pods" ? { namespace } : {}),
    yaml: toGoYaml(obj),
    events,
  };
  if (kind === "pods") {
    const record = schedulingRecord(state, namespace, name);
    detail.whyHere = record ? whyHere(record) : null;
  }
  return detail;
}
