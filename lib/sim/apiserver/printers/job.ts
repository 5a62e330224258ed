// Jobs as kube-apiserver 1.28 prints them (printers.go printJob): completions as
// succeeded/wanted, the run's duration (to now while it runs), age; -o wide adds the
// template's containers and the selector. (A STATUS column came only in 1.30.)

import type { KubeObject } from "../object";
import {
  AGE_COLUMN,
  NAME_COLUMN,
  col,
  JOB_TEMPLATE_COLUMNS,
  jobTemplateCells,
  humanDuration,
  since,
  type LabelSelector,
} from "./format";
import type { KindPrinter } from "./types";

interface Job {
  metadata: KubeObject["metadata"];
  spec?: {
    completions?: number | null;
    parallelism?: number | null;
    selector?: LabelSelector;
    template?: { spec?: { containers?: { name: string; image?: string }[] } };
  };
  status?: { succeeded?: number; startTime?: string | null; completionTime?: string | null };
}

function completions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const wanted = job.spec?.completions;
  if (wanted !== undefined && wanted !== null) return `${succeeded}/${wanted}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function duration(job: Job, now: number): string {
  const start = job.status?.startTime;
  if (!start) return "";
  const end = job.status?.completionTime;
  return humanDuration((end ? Date.parse(end) : now) - Date.parse(start));
}

export const jobPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col("Completions", "The number of pods which reached phase Succeeded."),
    col("Duration", "Time required to complete the job."),
    AGE_COLUMN,
    ...JOB_TEMPLATE_COLUMNS,
  ],
  row(obj, now) {
    const job = obj as Job;
    const containers = job.spec?.template?.spec?.containers ?? [];
    return {
      cells: [
        job.metadata.name,
        completions(job),
        duration(job, now),
        since(job.metadata.creationTimestamp, now),
        ...jobTemplateCells(containers, job.spec?.selector),
      ],
    };
  },
};
