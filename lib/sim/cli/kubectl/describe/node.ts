// describe node (describeNode + describeNodeResource): lease, conditions,
// capacity, the node's non-terminated pods and their allocated resources.

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import {
  parseQuantity,
  quantityMilliValue,
  quantityValue,
  type Quantity,
} from "../../../quantity/quantity";
import type { DescribeContext } from "./context";
import { podRequestsAndLimits, qString, ZERO, type ResourceTotals } from "./resources";
import {
  annotationsMultiline,
  describeEvents,
  labelsMultiline,
  PrefixWriter,
  rfc1123z,
  since,
} from "./writer";

function nodeRoles(node: any): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries((node.metadata.labels ?? {}) as Record<string, string>)) {
    if (k.startsWith("node-role.kubernetes.io/")) {
      const role = k.slice("node-role.kubernetes.io/".length);
      if (role) roles.add(role);
    } else if (k === "kubernetes.io/role" && v) roles.add(v);
  }
  return [...roles].sort();
}

/** SortableResourceNames: alphabetical. */
function printResourceList(w: PrefixWriter, list: Record<string, string>) {
  for (const k of Object.keys(list).sort()) w.write(0, `  ${k}:\t${list[k]}\n`);
}

const pct = (num: number, den: number) => (den ? Math.trunc((num / den) * 100) : 0);
const q = (v: string | undefined) => {
  try {
    return v === undefined ? undefined : parseQuantity(v);
  } catch {
    return undefined;
  }
};

function describeNodeResource(w: PrefixWriter, pods: any[], node: any, now: number) {
  const alloc: Record<string, string> =
    node.status?.allocatable && Object.keys(node.status.allocatable).length
      ? node.status.allocatable
      : (node.status?.capacity ?? {});
  const cpuAlloc = quantityMilliValue(q(alloc.cpu) ?? ZERO());
  const memAlloc = quantityValue(q(alloc.memory) ?? ZERO());
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  const totalReqs: ResourceTotals = {};
  const totalLimits: ResourceTotals = {};
  const cell = (x: Quantity | undefined, den: number, milli: boolean) =>
    `${qString(x)} (${pct(x ? (milli ? quantityMilliValue(x) : quantityValue(x)) : 0, den)}%)`;
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    for (const [k, v] of Object.entries(reqs)) totalReqs[k] = sum(totalReqs[k], v);
    for (const [k, v] of Object.entries(limits)) totalLimits[k] = sum(totalLimits[k], v);
    w.write(
      1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cell(reqs.cpu, cpuAlloc, true)}\t${cell(limits.cpu, cpuAlloc, true)}\t${cell(reqs.memory, memAlloc, false)}\t${cell(limits.memory, memAlloc, false)}\t${since(pod.metadata.creationTimestamp, now)}\n`,
    );
  }
  w.write(
    0,
    "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n",
  );
  w.write(1, "Resource\tRequests\tLimits\n");
  w.write(1, "--------\t--------\t------\n");
  const eph = quantityValue(q(alloc["ephemeral-storage"]) ?? ZERO());
  w.write(
    1,
    `cpu\t${cell(totalReqs.cpu, cpuAlloc, true)}\t${cell(totalLimits.cpu, cpuAlloc, true)}\n`,
  );
  w.write(
    1,
    `memory\t${cell(totalReqs.memory, memAlloc, false)}\t${cell(totalLimits.memory, memAlloc, false)}\n`,
  );
  w.write(
    1,
    `ephemeral-storage\t${cell(totalReqs["ephemeral-storage"], eph, false)}\t${cell(totalLimits["ephemeral-storage"], eph, false)}\n`,
  );
  const standard = new Set(["cpu", "memory", "ephemeral-storage", "pods"]);
  const keys = Object.keys(alloc).sort();
  for (const k of keys.filter((k) => k.startsWith("hugepages-"))) {
    const den = quantityValue(q(alloc[k]) ?? ZERO());
    w.write(1, `${k}\t${cell(totalReqs[k], den, false)}\t${cell(totalLimits[k], den, false)}\n`);
  }
  for (const k of keys.filter((k) => !k.startsWith("hugepages-") && !standard.has(k)))
    w.write(1, `${k}\t${qString(totalReqs[k])}\t${qString(totalLimits[k])}\n`);
}

function sum(a: Quantity | undefined, b: Quantity): Quantity {
  if (!a) return b;
  const scale = Math.min(a.scale, b.scale);
  return {
    unscaled:
      a.unscaled * 10n ** BigInt(a.scale - scale) + b.unscaled * 10n ** BigInt(b.scale - scale),
    scale,
    format: a.format,
  };
}

export async function describeNode(node: any, d: DescribeContext): Promise<string> {
  const name = node.metadata.name;
  const [lease, pods, events] = await Promise.all([
    d.get(`/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${name}`),
    d.list("/api/v1/pods", {
      fieldSelector: `spec.nodeName=${name},status.phase!=Failed,status.phase!=Succeeded`,
    }),
    d.events(node),
  ]);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${name}\n`);
  const roles = nodeRoles(node);
  w.write(0, `Roles:\t${roles.length ? roles.join(",") : "<none>"}\n`);
  labelsMultiline(w, "Labels", node.metadata.labels);
  annotationsMultiline(w, "Annotations", node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  const taints = [...(node.spec?.taints ?? [])].sort((a: any, b: any) => {
    const ka = `${a.effect},${a.key}`;
    const kb = `${b.effect},${b.key}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  w.write(0, "Taints:\t");
  if (!taints.length) w.line("<none>");
  taints.forEach((t: any, i: number) => {
    if (i) w.write(0, "\t");
    w.write(0, `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}\n`);
  });
  w.write(0, `Unschedulable:\t${Boolean(node.spec?.unschedulable)}\n`);
  if (lease) {
    w.write(0, "Lease:\n");
    w.write(1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? "<unset>"}\n`);
    w.write(
      1,
      `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : "<unset>"}\n`,
    );
    w.write(
      1,
      `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : "<unset>"}\n`,
    );
  }
  const conds = node.status?.conditions ?? [];
  if (conds.length) {
    w.write(
      0,
      "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n",
    );
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of conds)
      w.write(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}\n`,
      );
  }
  w.write(0, "Addresses:\n");
  for (const a of node.status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  if (Object.keys(node.status?.capacity ?? {}).length) {
    w.write(0, "Capacity:\n");
    printResourceList(w, node.status.capacity);
  }
  if (Object.keys(node.status?.allocatable ?? {}).length) {
    w.write(0, "Allocatable:\n");
    printResourceList(w, node.status.allocatable);
  }
  const info = node.status?.nodeInfo ?? {};
  w.write(0, "System Info:\n");
  for (const [label, key] of [
    ["Machine ID", "machineID"],
    ["System UUID", "systemUUID"],
    ["Boot ID", "bootID"],
    ["Kernel Version", "kernelVersion"],
    ["OS Image", "osImage"],
    ["Operating System", "operatingSystem"],
    ["Architecture", "architecture"],
    ["Container Runtime Version", "containerRuntimeVersion"],
    ["Kubelet Version", "kubeletVersion"],
    ["Kube-Proxy Version", "kubeProxyVersion"],
  ])
    w.write(0, `  ${label}:\t${info[key!] ?? ""}\n`);
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(",")}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
  const sorted = [...pods].sort((a, b) => {
    const ka = `${a.metadata.namespace}/${a.metadata.name}`;
    const kb = `${b.metadata.namespace}/${b.metadata.name}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  describeNodeResource(w, sorted, node, d.now);
  describeEvents(w, events, d.now);
  return w.toString();
}
