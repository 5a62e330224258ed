// Services, nodes, namespaces, config maps, secrets, service accounts, endpoints,
// events and leases as kube-apiserver 1.28 prints them.

import type { KubeObject } from "../object";
import { AGE_COLUMN, NAME_COLUMN, col, formatLabels, since } from "./format";
import type { KindPrinter } from "./types";

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const spec = (o: KubeObject): Any => ((o as Any).spec ?? {}) as Any;
const status = (o: KubeObject): Any => ((o as Any).status ?? {}) as Any;
const count = (v: unknown) => (v && typeof v === "object" ? Object.keys(v).length : 0);

function servicePorts(ports: Any[] | undefined): string {
  if (!ports?.length) return "<none>";
  return ports
    .map((p) => {
      const proto = p.protocol || "TCP";
      return p.nodePort > 0 ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`;
    })
    .join(",");
}

function externalIP(svc: KubeObject): string {
  const s = spec(svc);
  const ext: string[] = s.externalIPs ?? [];
  switch (s.type ?? "ClusterIP") {
    case "ClusterIP":
    case "NodePort":
      return ext.length ? ext.join(",") : "<none>";
    case "LoadBalancer": {
      const ingress: Any[] = status(svc).loadBalancer?.ingress ?? [];
      const lb = ingress.map((i) => i.ip || i.hostname).filter(Boolean) as string[];
      if (ext.length) return [...lb, ...ext].join(",");
      return lb.length ? lb.join(",") : "<pending>";
    }
    case "ExternalName":
      return s.externalName ?? "";
    default:
      return "<unknown>";
  }
}

export const servicePrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col("Type", "type determines how the Service is exposed. Defaults to ClusterIP."),
    col(
      "Cluster-IP",
      "clusterIP is the IP address of the service and is usually assigned randomly.",
    ),
    col(
      "External-IP",
      "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.",
    ),
    col("Port(s)", "The list of ports that are exposed by this service."),
    AGE_COLUMN,
    col(
      "Selector",
      "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify.",
      1,
    ),
  ],
  row(o, now) {
    const s = spec(o);
    return {
      cells: [
        o.metadata.name,
        s.type ?? "ClusterIP",
        s.clusterIP || "<none>",
        externalIP(o),
        servicePorts(s.ports),
        since(o.metadata.creationTimestamp, now),
        formatLabels(s.selector),
      ],
    };
  },
};

function nodeRoles(labels: Record<string, string> | undefined): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith("node-role.kubernetes.io/")) {
      const role = k.slice("node-role.kubernetes.io/".length);
      if (role) roles.add(role);
    } else if (k === "kubernetes.io/role" && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(",") : "<none>";
}

export const nodePrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col("Status", "The status of the node"),
    col("Roles", "The roles of the node"),
    AGE_COLUMN,
    col("Version", "Kubelet Version reported by the node."),
    col(
      "Internal-IP",
      "List of addresses reachable to the node. Queried from cloud provider, if available.",
      1,
    ),
    col(
      "External-IP",
      "List of addresses reachable to the node. Queried from cloud provider, if available.",
      1,
    ),
    col(
      "OS-Image",
      "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).",
      1,
    ),
    col(
      "Kernel-Version",
      "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
      1,
    ),
    col(
      "Container-Runtime",
      "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).",
      1,
    ),
  ],
  row(o, now) {
    const st = status(o);
    const ready = (st.conditions as Any[] | undefined)?.filter((c) => c.type === "Ready").pop();
    const parts = ready ? [ready.status === "True" ? "Ready" : "NotReady"] : ["Unknown"];
    if (spec(o).unschedulable) parts.push("SchedulingDisabled");
    const addr = (type: string) =>
      ((st.addresses as Any[] | undefined) ?? []).find((a) => a.type === type)?.address ?? "<none>";
    const info: Any = st.nodeInfo ?? {};
    return {
      cells: [
        o.metadata.name,
        parts.join(","),
        nodeRoles(o.metadata.labels),
        since(o.metadata.creationTimestamp, now),
        info.kubeletVersion ?? "",
        addr("InternalIP"),
        addr("ExternalIP"),
        info.osImage || "<unknown>",
        info.kernelVersion || "<unknown>",
        info.containerRuntimeVersion || "<unknown>",
      ],
    };
  },
};

export const namespacePrinter: KindPrinter = {
  columns: [NAME_COLUMN, col("Status", "The status of the namespace"), AGE_COLUMN],
  row: (o, now) => ({
    cells: [o.metadata.name, status(o).phase ?? "", since(o.metadata.creationTimestamp, now)],
  }),
};

export const configMapPrinter: KindPrinter = {
  columns: [NAME_COLUMN, col("Data", "", 0, "integer"), AGE_COLUMN],
  row: (o, now) => ({
    cells: [
      o.metadata.name,
      count((o as Any).data) + count((o as Any).binaryData),
      since(o.metadata.creationTimestamp, now),
    ],
  }),
};

export const secretPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col(
      "Type",
      "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types",
    ),
    col("Data", "", 0, "integer"),
    AGE_COLUMN,
  ],
  row: (o, now) => ({
    cells: [
      o.metadata.name,
      (o as Any).type ?? "",
      count((o as Any).data),
      since(o.metadata.creationTimestamp, now),
    ],
  }),
};

export const serviceAccountPrinter: KindPrinter = {
  columns: [NAME_COLUMN, col("Secrets", "", 0, "integer"), AGE_COLUMN],
  row: (o, now) => ({
    cells: [
      o.metadata.name,
      ((o as Any).secrets as unknown[] | undefined)?.length ?? 0,
      since(o.metadata.creationTimestamp, now),
    ],
  }),
};

/** formatEndpoints: up to three ip:port pairs, then "+ N more...". */
export function formatEndpoints(subsets: Any[] | undefined): string {
  if (!subsets?.length) return "<none>";
  const list: string[] = [];
  const max = 3;
  let more = false;
  let total = 0;
  for (const ss of subsets) {
    const addresses: Any[] = ss.addresses ?? [];
    const ports: Any[] = ss.ports ?? [];
    if (ports.length === 0) {
      total += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ports) {
      total += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(String(a.ip).includes(":") ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`);
      }
    }
  }
  const text = list.join(",");
  return more ? `${text} + ${total - max} more...` : text;
}

export const endpointsPrinter: KindPrinter = {
  columns: [NAME_COLUMN, col("Endpoints", "Endpoints of the service"), AGE_COLUMN],
  row: (o, now) => ({
    cells: [
      o.metadata.name,
      formatEndpoints((o as Any).subsets),
      since(o.metadata.creationTimestamp, now),
    ],
  }),
};

export const leasePrinter: KindPrinter = {
  columns: [NAME_COLUMN, col("Holder", "The holder of the lease"), AGE_COLUMN],
  row: (o, now) => ({
    cells: [
      o.metadata.name,
      spec(o).holderIdentity ?? "",
      since(o.metadata.creationTimestamp, now),
    ],
  }),
};

export const eventPrinter: KindPrinter = {
  columns: [
    col("Last Seen", "Time when this Event was last seen"),
    col("Type", "Type of this event (Normal, Warning), new types could be added in the future."),
    col(
      "Reason",
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    col("Object", "The object that this event is about. Mapped from the InvolvedObject field."),
    col(
      "Subobject",
      "The subobject that this event is about. Mapped from the InvolvedObject.FieldPath field.",
      1,
    ),
    col(
      "Source",
      "The component reporting this event. Should be a short machine understandable string.",
      1,
    ),
    col("Message", "A human-readable description of the status of this operation."),
    col("First Seen", "Time when this Event was first seen", 1),
    col("Count", "The number of times this event has occurred.", 1),
    col("Name", "Name of the event", 1),
  ],
  row(o, now) {
    const e = o as Any;
    let first = since(e.firstTimestamp, now);
    if (!e.firstTimestamp) first = since(e.eventTime, now);
    let last = e.lastTimestamp ? since(e.lastTimestamp, now) : first;
    let n: number = e.count ?? 0;
    if (e.series) {
      last = since(e.series.lastObservedTime, now);
      n = e.series.count ?? 0;
    } else if (n === 0) n = 1;
    const inv: Any = e.involvedObject ?? {};
    const kind = String(inv.kind ?? "").toLowerCase();
    const target = inv.name ? `${kind}/${inv.name}` : kind;
    const component = e.source?.component || e.reportingComponent || "";
    const instance = e.source?.host || e.reportingInstance || "";
    return {
      cells: [
        last,
        e.type ?? "",
        e.reason ?? "",
        target,
        inv.fieldPath ?? "",
        instance ? `${component}, ${instance}` : component,
        String(e.message ?? "").trim(),
        first,
        n,
        o.metadata.name,
      ],
    };
  },
};

/** printComponentStatus: the Healthy condition's status, message and error. */
export const componentStatusPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col("Status", "Status of the component conditions"),
    col("Message", "Message of the component conditions"),
    col("Error", "Error of the component conditions"),
  ],
  row: (o) => {
    const conditions =
      (o as { conditions?: { type?: string; status?: string; message?: string; error?: string }[] })
        .conditions ?? [];
    const healthy = conditions.find((c) => c.type === "Healthy");
    const status = !healthy ? "Unknown" : healthy.status === "True" ? "Healthy" : "Unhealthy";
    return { cells: [o.metadata.name, status, healthy?.message ?? "", healthy?.error ?? ""] };
  },
};

/**
 * printResourceQuota: "<resource>: <used>/<hard>" over status.hard's sorted names, limits.*
 * in LIMIT and everything else in REQUEST.
 */
export const resourceQuotaPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    AGE_COLUMN,
    col(
      "Request",
      "Request represents a minimum amount of cpu/memory that a container may consume.",
    ),
    col(
      "Limit",
      "Limits control the maximum amount of cpu/memory that a container can use independent of contention on the node.",
    ),
  ],
  row: (o, now) => {
    const status = (o.status ?? {}) as {
      hard?: Record<string, string>;
      used?: Record<string, string>;
    };
    const hard = status.hard ?? {};
    const used = status.used ?? {};
    const request: string[] = [];
    const limit: string[] = [];
    for (const r of Object.keys(hard).sort()) {
      const cell = `${r}: ${used[r] ?? "0"}/${hard[r]}`;
      (r.split(".").length > 1 && r.split(".")[0] === "limits" ? limit : request).push(cell);
    }
    return {
      cells: [
        o.metadata.name,
        since(o.metadata.creationTimestamp, now),
        request.join(", "),
        limit.join(", "),
      ],
    };
  },
};
