// describe cronjob (k8s.io/kubectl/pkg/describe: describeCronJob, describeJobTemplate,
// printActiveJobs): unset pointers print as <unset>, times as RFC 1123 with a numeric zone.

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import type { DescribeContext } from "./context";
import { describePodTemplate } from "./containers";
import { formatSelector } from "./workloads";
import {
  annotationsMultiline,
  describeEvents,
  labelsMultiline,
  PrefixWriter,
  rfc1123z,
} from "./writer";

const orUnset = (v: unknown, suffix = "") =>
  v === undefined || v === null ? "<unset>" : `${String(v)}${suffix}`;

/** printBoolPtr */
const boolPtr = (v: unknown) => (v === undefined || v === null ? "<unset>" : v ? "True" : "False");

export async function describeCronJob(cj: any, d: DescribeContext): Promise<string> {
  const events = await d.events(cj);
  const spec = cj.spec ?? {};
  const s = cj.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${cj.metadata.name}\n`);
  w.write(0, `Namespace:\t${cj.metadata.namespace}\n`);
  labelsMultiline(w, "Labels", cj.metadata.labels);
  annotationsMultiline(w, "Annotations", cj.metadata.annotations);
  w.write(0, `Schedule:\t${spec.schedule ?? ""}\n`);
  w.write(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ""}\n`);
  w.write(0, `Suspend:\t${boolPtr(spec.suspend)}\n`);
  w.write(0, `Successful Job History Limit:\t${orUnset(spec.successfulJobsHistoryLimit)}\n`);
  w.write(0, `Failed Job History Limit:\t${orUnset(spec.failedJobsHistoryLimit)}\n`);
  w.write(0, `Starting Deadline Seconds:\t${orUnset(spec.startingDeadlineSeconds, "s")}\n`);
  // describeJobTemplate
  const job = spec.jobTemplate?.spec ?? {};
  w.write(0, `Selector:\t${job.selector ? formatSelector(job.selector) : "<unset>"}\n`);
  w.write(0, `Parallelism:\t${orUnset(job.parallelism)}\n`);
  w.write(0, `Completions:\t${orUnset(job.completions)}\n`);
  if (job.activeDeadlineSeconds !== undefined && job.activeDeadlineSeconds !== null)
    w.write(0, `Active Deadline Seconds:\t${job.activeDeadlineSeconds}s\n`);
  describePodTemplate(w, job.template);
  w.write(
    0,
    `Last Schedule Time:\t${s.lastScheduleTime ? rfc1123z(s.lastScheduleTime) : "<unset>"}\n`,
  );
  const active = ((s.active ?? []) as { name?: string }[]).map((j) => j.name ?? "");
  w.write(0, `Active Jobs:\t${active.length ? active.join(", ") : "<none>"}\n`);
  describeEvents(w, events, d.now);
  return w.toString();
}
