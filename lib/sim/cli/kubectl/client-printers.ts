// Table columns for the common kinds, computed on the client from a plain list.
// Real kubectl gets these from the API server (Accept: ...;as=Table); this path
// serves only while the sandbox's API server answers with a plain list, and
// prints the same columns as kube-apiserver 1.28's printers for these kinds.
// Kinds not listed print NAME and AGE, as kubectl does for a plain list.

import type { KubeObject } from "../../apiserver/object";
import { age } from "./human-duration";
import { podReady, podRestarts, podStatus, type PodLike } from "./pod-status";
import type { Table, TableColumn } from "./table";

type Obj = KubeObject & Record<string, unknown>;
type Col = [name: string, priority: number, cell: (o: Obj, now: number) => unknown];

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const spec = (o: Obj) => (o.spec ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const status = (o: Obj) => (o.status ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const ageCol: Col = ["Age", 0, (o, now) => age(o.metadata.creationTimestamp, now)];
const nameCol: Col = ["Name", 0, (o) => o.metadata.name];

function selector(sel: Record<string, string> | undefined): string {
  const keys = Object.keys(sel ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${sel![k]}`).join(",") : "<none>";
}
function labelSelector(
  sel:
    | {
        matchLabels?: Record<string, string>;
        matchExpressions?: { key: string; operator: string; values?: string[] }[];
      }
    | undefined,
): string {
  if (!sel) return "<none>";
  const parts = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}=${sel.matchLabels![k]}`);
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator === "In" ? "in" : e.operator === "NotIn" ? "notin" : e.operator;
    if (op === "Exists") parts.push(e.key);
    else if (op === "DoesNotExist") parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${op} (${[...(e.values ?? [])].sort().join(",")})`);
  }
  return parts.length ? parts.join(",") : "<none>";
}
const containers = (tpl: unknown): { name: string; image: string }[] =>
  (tpl as { spec?: { containers?: { name: string; image: string }[] } } | undefined)?.spec
    ?.containers ?? [];

function nodeStatus(o: Obj): string {
  const conds = (status(o).conditions ?? []) as { type: string; status: string }[];
  const ready = conds.find((c) => c.type === "Ready");
  const parts = [
    ready?.status === "True" ? "Ready" : ready?.status === "False" ? "NotReady" : "Unknown",
  ];
  if (spec(o).unschedulable) parts.push("SchedulingDisabled");
  return parts.join(",");
}
function nodeRoles(o: Obj): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    if (k.startsWith("node-role.kubernetes.io/"))
      roles.add(k.slice("node-role.kubernetes.io/".length));
    else if (k === "kubernetes.io/role") roles.add(v);
  }
  return roles.size ? [...roles].sort().join(",") : "<none>";
}
function address(o: Obj, type: string): string {
  const a = ((status(o).addresses ?? []) as { type: string; address: string }[]).find(
    (x) => x.type === type,
  );
  return a?.address ?? "<none>";
}
function servicePorts(o: Obj): string {
  const ports = (spec(o).ports ?? []) as { port: number; protocol?: string; nodePort?: number }[];
  if (!ports.length) return "<none>";
  return ports
    .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ""}/${p.protocol ?? "TCP"}`)
    .join(",");
}
function externalIP(o: Obj): string {
  const s = spec(o);
  const lb = ((status(o).loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[]).map(
    (i) => i.ip ?? i.hostname ?? "",
  );
  if (s.type === "ExternalName") return s.externalName ?? "<none>";
  const ips = [...lb, ...((s.externalIPs ?? []) as string[])];
  if (ips.length) return ips.join(",");
  return s.type === "LoadBalancer" ? "<pending>" : "<none>";
}
function endpoints(o: Obj): string {
  const all: string[] = [];
  for (const sub of (o.subsets ?? []) as {
    addresses?: { ip: string }[];
    ports?: { port: number }[];
  }[]) {
    const ports = sub.ports?.length ? sub.ports : [undefined];
    for (const a of sub.addresses ?? [])
      for (const p of ports) all.push(p ? `${a.ip}:${p.port}` : a.ip);
  }
  if (!all.length) return "<none>";
  return all.length > 3
    ? `${all.slice(0, 3).join(",")} + ${all.length - 3} more...`
    : all.join(",");
}
const count = (v: unknown) => (v && typeof v === "object" ? Object.keys(v).length : 0);

const COLUMNS: Record<string, Col[]> = {
  Pod: [
    nameCol,
    ["Ready", 0, (o) => podReady(o as unknown as PodLike)],
    ["Status", 0, (o) => podStatus(o as unknown as PodLike)],
    ["Restarts", 0, (o) => String(podRestarts(o as unknown as PodLike))],
    ageCol,
    ["IP", 1, (o) => status(o).podIP ?? "<none>"],
    ["Node", 1, (o) => spec(o).nodeName ?? "<none>"],
    ["Nominated Node", 1, (o) => status(o).nominatedNodeName ?? "<none>"],
    [
      "Readiness Gates",
      1,
      (o) => (spec(o).readinessGates?.length ? `0/${spec(o).readinessGates.length}` : "<none>"),
    ],
  ],
  Node: [
    nameCol,
    ["Status", 0, nodeStatus],
    ["Roles", 0, nodeRoles],
    ageCol,
    ["Version", 0, (o) => status(o).nodeInfo?.kubeletVersion ?? ""],
    ["Internal-IP", 1, (o) => address(o, "InternalIP")],
    ["External-IP", 1, (o) => address(o, "ExternalIP")],
    ["OS-Image", 1, (o) => status(o).nodeInfo?.osImage ?? "<unknown>"],
    ["Kernel-Version", 1, (o) => status(o).nodeInfo?.kernelVersion ?? "<unknown>"],
    ["Container-Runtime", 1, (o) => status(o).nodeInfo?.containerRuntimeVersion ?? "<unknown>"],
  ],
  Namespace: [nameCol, ["Status", 0, (o) => status(o).phase ?? ""], ageCol],
  Deployment: [
    nameCol,
    ["Ready", 0, (o) => `${status(o).readyReplicas ?? 0}/${spec(o).replicas ?? 0}`],
    ["Up-to-date", 0, (o) => String(status(o).updatedReplicas ?? 0)],
    ["Available", 0, (o) => String(status(o).availableReplicas ?? 0)],
    ageCol,
    [
      "Containers",
      1,
      (o) =>
        containers(spec(o).template)
          .map((c) => c.name)
          .join(","),
    ],
    [
      "Images",
      1,
      (o) =>
        containers(spec(o).template)
          .map((c) => c.image)
          .join(","),
    ],
    ["Selector", 1, (o) => labelSelector(spec(o).selector)],
  ],
  ReplicaSet: [
    nameCol,
    ["Desired", 0, (o) => String(spec(o).replicas ?? 0)],
    ["Current", 0, (o) => String(status(o).replicas ?? 0)],
    ["Ready", 0, (o) => String(status(o).readyReplicas ?? 0)],
    ageCol,
    [
      "Containers",
      1,
      (o) =>
        containers(spec(o).template)
          .map((c) => c.name)
          .join(","),
    ],
    [
      "Images",
      1,
      (o) =>
        containers(spec(o).template)
          .map((c) => c.image)
          .join(","),
    ],
    ["Selector", 1, (o) => labelSelector(spec(o).selector)],
  ],
  DaemonSet: [
    nameCol,
    ["Desired", 0, (o) => String(status(o).desiredNumberScheduled ?? 0)],
    ["Current", 0, (o) => String(status(o).currentNumberScheduled ?? 0)],
    ["Ready", 0, (o) => String(status(o).numberReady ?? 0)],
    ["Up-to-date", 0, (o) => String(status(o).updatedNumberScheduled ?? 0)],
    ["Available", 0, (o) => String(status(o).numberAvailable ?? 0)],
    ["Node Selector", 0, (o) => selector(spec(o).template?.spec?.nodeSelector)],
    ageCol,
    [
      "Containers",
      1,
      (o) =>
        containers(spec(o).template)
          .map((c) => c.name)
          .join(","),
    ],
    [
      "Images",
      1,
      (o) =>
        containers(spec(o).template)
          .map((c) => c.image)
          .join(","),
    ],
    ["Selector", 1, (o) => labelSelector(spec(o).selector)],
  ],
  Service: [
    nameCol,
    ["Type", 0, (o) => spec(o).type ?? "ClusterIP"],
    ["Cluster-IP", 0, (o) => spec(o).clusterIP ?? "<none>"],
    ["External-IP", 0, externalIP],
    ["Port(s)", 0, servicePorts],
    ageCol,
    ["Selector", 1, (o) => selector(spec(o).selector)],
  ],
  Endpoints: [nameCol, ["Endpoints", 0, endpoints], ageCol],
  ConfigMap: [nameCol, ["Data", 0, (o) => String(count(o.data) + count(o.binaryData))], ageCol],
  Secret: [
    nameCol,
    ["Type", 0, (o) => str(o.type) ?? "Opaque"],
    ["Data", 0, (o) => String(count(o.data))],
    ageCol,
  ],
  ServiceAccount: [
    nameCol,
    ["Secrets", 0, (o) => String(((o.secrets as unknown[]) ?? []).length)],
    ageCol,
  ],
  Lease: [nameCol, ["Holder", 0, (o) => spec(o).holderIdentity ?? ""], ageCol],
  Job: [
    nameCol,
    ["Completions", 0, (o) => `${status(o).succeeded ?? 0}/${spec(o).completions ?? 1}`],
    ["Duration", 0, () => ""],
    ageCol,
  ],
};

function column(name: string, priority: number): TableColumn {
  return { name, type: "string", priority, ...(name === "Name" ? { format: "name" } : {}) };
}

/** The Table the API server would return for these objects (all of one kind). */
export function tableFor(kind: string, items: readonly KubeObject[], now: number): Table {
  const cols = COLUMNS[kind] ?? [nameCol, ageCol];
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    columnDefinitions: cols.map(([n, p]) => column(n, p)),
    rows: items.map((o) => ({
      cells: cols.map(([, , f]) => f(o as Obj, now)),
      object: { metadata: o.metadata },
    })),
  };
}
