// describe statefulset and persistentvolume (k8s.io/kubectl/pkg/describe, 1.28).

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import { formatQuantity, parseQuantity } from "../../../quantity/quantity";
import type { DescribeContext } from "./context";
import { describePodTemplate } from "./containers";
import { formatSelector } from "./workloads";
import {
  annotationsMultiline,
  describeEvents,
  labelsMultiline,
  PrefixWriter,
  rfc1123z,
  since,
} from "./writer";

const ACCESS_MODES: Record<string, string> = {
  ReadWriteOnce: "RWO",
  ReadOnlyMany: "ROX",
  ReadWriteMany: "RWX",
  ReadWriteOncePod: "RWOP",
};
const accessModes = (modes: string[] | undefined) =>
  (modes ?? []).map((m) => ACCESS_MODES[m] ?? m).join(",");

const qty = (v: unknown) => {
  try {
    return formatQuantity(parseQuantity(String(v)));
  } catch {
    return String(v);
  }
};

/** getPodStatusForController over the set's selector and uid. */
async function podsStatus(o: any, d: DescribeContext): Promise<string> {
  const pods = await d.list(`/api/v1/namespaces/${o.metadata.namespace}/pods`, {
    labelSelector: formatSelector(o.spec?.selector),
  });
  const n: Record<string, number> = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of pods) {
    if (!p.metadata.ownerReferences?.some((r: any) => r.controller && r.uid === o.metadata.uid))
      continue;
    const phase = p.status?.phase ?? "Pending";
    if (phase in n) n[phase]!++;
  }
  return `${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed`;
}

export async function describeStatefulSet(ss: any, d: DescribeContext): Promise<string> {
  const [status, events] = await Promise.all([podsStatus(ss, d), d.events(ss)]);
  const spec = ss.spec ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ss.metadata.name}\n`);
  w.write(0, `Namespace:\t${ss.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(ss.metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  labelsMultiline(w, "Labels", ss.metadata.labels);
  annotationsMultiline(w, "Annotations", ss.metadata.annotations);
  w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${ss.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ""}\n`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(0, `Pods Status:\t${status}\n`);
  describePodTemplate(w, spec.template);
  const templates: any[] = spec.volumeClaimTemplates ?? [];
  if (!templates.length) w.write(0, "Volume Claims:\t<none>\n");
  else {
    w.write(0, "Volume Claims:\n");
    for (const pvc of templates) {
      w.write(1, `Name:\t${pvc.metadata?.name ?? ""}\n`);
      w.write(1, `StorageClass:\t${pvc.spec?.storageClassName ?? ""}\n`);
      labelsMultiline(w, "Labels", pvc.metadata?.labels, "  ");
      labelsMultiline(w, "Annotations", pvc.metadata?.annotations, "  ");
      const storage = pvc.spec?.resources?.requests?.storage;
      w.write(1, `Capacity:\t${storage !== undefined ? qty(storage) : "<default>"}\n`);
      w.write(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(" ")}]\n`);
    }
  }
  describeEvents(w, events, d.now);
  return w.toString();
}

export async function describePersistentVolume(pv: any, d: DescribeContext): Promise<string> {
  const events = await d.events(pv);
  const spec = pv.spec ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${pv.metadata.name}\n`);
  labelsMultiline(w, "Labels", pv.metadata.labels);
  annotationsMultiline(w, "Annotations", pv.metadata.annotations);
  w.write(0, `Finalizers:\t[${(pv.metadata.finalizers ?? []).join(" ")}]\n`);
  w.write(0, `StorageClass:\t${spec.storageClassName ?? ""}\n`);
  w.write(
    0,
    pv.metadata.deletionTimestamp
      ? `Status:\tTerminating (lasts ${since(pv.metadata.deletionTimestamp, d.now)})\n`
      : `Status:\t${pv.status?.phase ?? ""}\n`,
  );
  const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ""}/${spec.claimRef.name ?? ""}` : "";
  w.write(0, `Claim:\t${claim}\n`);
  w.write(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ""}\n`);
  w.write(0, `Access Modes:\t${accessModes(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(
    0,
    `Capacity:\t${spec.capacity?.storage !== undefined ? qty(spec.capacity.storage) : "0"}\n`,
  );
  w.write(0, "Node Affinity:\t");
  if (!spec.nodeAffinity?.required) w.write(0, "<none>\n");
  else {
    w.write(0, "\n");
    w.write(1, "Required Terms:\t");
    const terms: any[] = spec.nodeAffinity.required.nodeSelectorTerms ?? [];
    if (!terms.length) w.write(0, "<none>\n");
    else {
      w.write(0, "\n");
      for (const t of terms) {
        const exprs = (t.matchExpressions ?? []).map(
          (e: any) => `${e.key} ${e.operator} [${(e.values ?? []).join(" ")}]`,
        );
        w.write(2, `Term ${terms.indexOf(t)}:\t${exprs.join(", ") || "<none>"}\n`);
      }
    }
  }
  w.write(0, `Message:\t${pv.status?.message ?? ""}\n`);
  w.write(0, "Source:\n");
  if (spec.hostPath)
    w.write(
      2,
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path ?? ""}\n    HostPathType:\t${spec.hostPath.type || "<none>"}\n`,
    );
  else if (spec.local)
    w.write(
      2,
      `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path ?? ""}\n`,
    );
  else if (spec.nfs)
    w.write(
      2,
      `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server ?? ""}\n    Path:\t${spec.nfs.path ?? ""}\n    ReadOnly:\t${Boolean(spec.nfs.readOnly)}\n`,
    );
  describeEvents(w, events, d.now);
  return w.toString();
}
