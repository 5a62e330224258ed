// describe deployment, replicaset, daemonset and job (k8s.io/kubectl/pkg/describe).

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import { humanDuration } from "../../../apiserver/printers/format";
import type { DescribeContext } from "./context";
import { describePodTemplate } from "./containers";
import {
  annotationsMultiline,
  controlledBy,
  describeEvents,
  labelsMultiline,
  PrefixWriter,
  rfc1123z,
} from "./writer";

/** metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key. */
export function formatSelector(sel: any): string {
  if (!sel) return "<none>";
  const reqs: [string, string][] = [];
  for (const [k, v] of Object.entries((sel.matchLabels ?? {}) as Record<string, string>))
    reqs.push([k, `${k}=${v}`]);
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(",");
    const text =
      e.operator === "In"
        ? `${e.key} in (${vals})`
        : e.operator === "NotIn"
          ? `${e.key} notin (${vals})`
          : e.operator === "Exists"
            ? e.key
            : `!${e.key}`;
    reqs.push([e.key, text]);
  }
  if (!reqs.length) return "";
  return reqs
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map((r) => r[1])
    .join(",");
}

/** labels.FormatLabels: sorted k=v, "<none>" when empty. */
export function formatLabels(l: Record<string, string> | undefined): string {
  const keys = Object.keys(l ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${l![k]}`).join(",") : "<none>";
}

/** getPodStatusForController: phases of the pods the controller owns. */
async function podsStatus(o: any, d: DescribeContext): Promise<string> {
  const pods = await d.list(`/api/v1/namespaces/${o.metadata.namespace}/pods`, {
    labelSelector: formatSelector(o.spec?.selector),
  });
  const n = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 } as Record<string, number>;
  for (const p of pods) {
    if (!p.metadata.ownerReferences?.some((r: any) => r.controller && r.uid === o.metadata.uid))
      continue;
    const phase = p.status?.phase ?? "Pending";
    if (phase in n) n[phase]!++;
  }
  return `${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed`;
}

function withoutHash(template: any): string {
  const labels = { ...(template?.metadata?.labels ?? {}) };
  delete labels["pod-template-hash"];
  return JSON.stringify({ ...template, metadata: { ...template?.metadata, labels } });
}

const rsList = (rss: any[]) =>
  rss.length
    ? rss
        .map(
          (rs) =>
            `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`,
        )
        .join(", ")
    : "<none>";

export async function describeDeployment(dep: any, d: DescribeContext): Promise<string> {
  const [all, events] = await Promise.all([
    d.list(`/apis/apps/v1/namespaces/${dep.metadata.namespace}/replicasets`, {
      labelSelector: formatSelector(dep.spec?.selector),
    }),
    d.events(dep),
  ]);
  const owned = all
    .filter((rs) =>
      rs.metadata.ownerReferences?.some((r: any) => r.controller && r.uid === dep.metadata.uid),
    )
    .sort(
      (a, b) => Date.parse(a.metadata.creationTimestamp) - Date.parse(b.metadata.creationTimestamp),
    );
  const want = withoutHash(dep.spec?.template);
  const newRS = owned.find((rs) => withoutHash(rs.spec?.template) === want);
  const oldRSs = owned.filter((rs) => rs !== newRS && (rs.spec?.replicas ?? 0) !== 0);
  const s = dep.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${dep.metadata.name}\n`);
  w.write(0, `Namespace:\t${dep.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(dep.metadata.creationTimestamp)}\n`);
  labelsMultiline(w, "Labels", dep.metadata.labels);
  annotationsMultiline(w, "Annotations", dep.metadata.annotations);
  w.write(0, `Selector:\t${formatSelector(dep.spec?.selector)}\n`);
  w.write(
    0,
    `Replicas:\t${dep.spec?.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(0, `StrategyType:\t${dep.spec?.strategy?.type ?? ""}\n`);
  w.write(0, `MinReadySeconds:\t${dep.spec?.minReadySeconds ?? 0}\n`);
  const ru = dep.spec?.strategy?.rollingUpdate;
  if (ru)
    w.write(
      0,
      `RollingUpdateStrategy:\t${ru.maxUnavailable ?? 0} max unavailable, ${ru.maxSurge ?? 0} max surge\n`,
    );
  describePodTemplate(w, dep.spec?.template);
  if (s.conditions?.length) {
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const c of s.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
  }
  if (owned.length) {
    w.write(0, `OldReplicaSets:\t${rsList(oldRSs)}\n`);
    w.write(0, `NewReplicaSet:\t${rsList(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(w, events, d.now);
  return w.toString();
}

export async function describeReplicaSet(rs: any, d: DescribeContext): Promise<string> {
  const [status, events] = await Promise.all([podsStatus(rs, d), d.events(rs)]);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${rs.metadata.name}\n`);
  w.write(0, `Namespace:\t${rs.metadata.namespace}\n`);
  w.write(0, `Selector:\t${formatSelector(rs.spec?.selector)}\n`);
  labelsMultiline(w, "Labels", rs.metadata.labels);
  annotationsMultiline(w, "Annotations", rs.metadata.annotations);
  const ctrl = controlledBy(rs);
  if (ctrl) w.write(0, `Controlled By:\t${ctrl}\n`);
  w.write(
    0,
    `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`,
  );
  w.write(0, `Pods Status:\t${status}\n`);
  describePodTemplate(w, rs.spec?.template);
  if (rs.status?.conditions?.length) {
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const c of rs.status.conditions)
      w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
  }
  describeEvents(w, events, d.now);
  return w.toString();
}

export async function describeDaemonSet(ds: any, d: DescribeContext): Promise<string> {
  const [status, events] = await Promise.all([podsStatus(ds, d), d.events(ds)]);
  const s = ds.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ds.metadata.name}\n`);
  w.write(0, `Selector:\t${formatSelector(ds.spec?.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  labelsMultiline(w, "Labels", ds.metadata.labels);
  annotationsMultiline(w, "Annotations", ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${s.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${s.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${s.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${s.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${s.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${status}\n`);
  describePodTemplate(w, ds.spec?.template);
  describeEvents(w, events, d.now);
  return w.toString();
}

export async function describeJob(job: any, d: DescribeContext): Promise<string> {
  const events = await d.events(job);
  const spec = job.spec ?? {};
  const s = job.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${job.metadata.name}\n`);
  w.write(0, `Namespace:\t${job.metadata.namespace}\n`);
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  labelsMultiline(w, "Labels", job.metadata.labels);
  annotationsMultiline(w, "Annotations", job.metadata.annotations);
  const ctrl = controlledBy(job);
  if (ctrl) w.write(0, `Controlled By:\t${ctrl}\n`);
  if (spec.parallelism !== undefined) w.write(0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(0, `Completions:\t${spec.completions ?? "<unset>"}\n`);
  if (spec.completionMode) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
  if (s.startTime) w.write(0, `Start Time:\t${rfc1123z(s.startTime)}\n`);
  if (s.completionTime) w.write(0, `Completed At:\t${rfc1123z(s.completionTime)}\n`);
  if (s.startTime && s.completionTime)
    w.write(
      0,
      `Duration:\t${humanDuration(Date.parse(s.completionTime) - Date.parse(s.startTime))}\n`,
    );
  if (spec.activeDeadlineSeconds !== undefined)
    w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  w.write(
    0,
    s.ready === undefined
      ? `Pods Statuses:\t${s.active ?? 0} Active / ${s.succeeded ?? 0} Succeeded / ${s.failed ?? 0} Failed\n`
      : `Pods Statuses:\t${s.active ?? 0} Active (${s.ready} Ready) / ${s.succeeded ?? 0} Succeeded / ${s.failed ?? 0} Failed\n`,
  );
  if (spec.completionMode === "Indexed")
    w.write(0, `Completed Indexes:\t${s.completedIndexes || "<none>"}\n`);
  describePodTemplate(w, spec.template);
  describeEvents(w, events, d.now);
  return w.toString();
}
