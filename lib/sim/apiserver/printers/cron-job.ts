// CronJobs as kube-apiserver 1.28 prints them (printers.go printCronJob): schedule, time
// zone, suspend, active Jobs, last schedule; -o wide adds the job template's containers.

import type { KubeObject } from "../object";
import {
  AGE_COLUMN,
  NAME_COLUMN,
  col,
  JOB_TEMPLATE_COLUMNS,
  jobTemplateCells,
  since,
  type LabelSelector,
} from "./format";
import type { KindPrinter } from "./types";

interface CronJob {
  metadata: KubeObject["metadata"];
  spec?: {
    schedule?: string;
    timeZone?: string | null;
    suspend?: boolean | null;
    jobTemplate?: {
      spec?: {
        selector?: LabelSelector;
        template?: { spec?: { containers?: { name: string; image?: string }[] } };
      };
    };
  };
  status?: { active?: unknown[]; lastScheduleTime?: string | null };
}

/** printBoolPtr: an unset pointer prints as <unset>. */
function boolPtr(value: boolean | null | undefined): string {
  if (value === undefined || value === null) return "<unset>";
  return value ? "True" : "False";
}

export const cronJobPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col("Schedule", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
    col(
      "Timezone",
      "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones",
    ),
    col(
      "Suspend",
      "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.",
      0,
      "boolean",
    ),
    col("Active", "A list of pointers to currently running jobs.", 0, "integer"),
    col("Last Schedule", "Information when was the last time the job was successfully scheduled."),
    AGE_COLUMN,
    ...JOB_TEMPLATE_COLUMNS,
  ],
  row(obj, now) {
    const cj = obj as CronJob;
    const spec = cj.spec ?? {};
    const jobSpec = spec.jobTemplate?.spec;
    const containers = jobSpec?.template?.spec?.containers ?? [];
    const last = cj.status?.lastScheduleTime;
    return {
      cells: [
        cj.metadata.name,
        spec.schedule ?? "",
        spec.timeZone ?? "<none>",
        boolPtr(spec.suspend),
        (cj.status?.active ?? []).length,
        last ? since(last, now) : "<none>",
        since(cj.metadata.creationTimestamp, now),
        ...jobTemplateCells(containers, jobSpec?.selector),
      ],
    };
  },
};
