// batch/v1 CronJob rules as kube-apiserver 1.28 applies them (pkg/apis/batch/validation:
// ValidateCronJobCreate / ValidateCronJobUpdate): the name fits the Jobs it will spawn, the
// schedule parses, the time zone exists, and the job template is a valid Job spec whose
// selector the controller will generate.
import type { KubeObject } from "../object";
import { cronScheduleError } from "./cron-schedule";
import { fieldErrors, type FieldError } from "./field-error";
import { isDNS1123Subdomain } from "./names";
import { validateObjectMeta, validateObjectMetaUpdate } from "./object-meta";
import { validatePodTemplateSpec } from "./pod";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};

/** DNS-1035 label max (63) minus the 11 characters of the "-<timestamp>" Job name suffix. */
const MAX_NAME = 52;
const CONCURRENCY_POLICIES = ["Allow", "Forbid", "Replace"];
const TZ_CHARACTERS = /^[A-Za-z.\-_0-9+]{1,14}$/;

function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === "number" && value < 0
    ? [fieldErrors.invalid(path, value, "must be greater than or equal to 0")]
    : [];
}

/**
 * time.LoadLocation through the ICU zone data Node carries. Unlike Go on Linux, ICU matches
 * names case-insensitively; numeric offsets ("+09:00") are refused as Go refuses them.
 */
function knownTimeZone(name: string): boolean {
  if (/^[+-]|:/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function validateTimeZone(timeZone: unknown, path: string): FieldError[] {
  if (timeZone === undefined || timeZone === null) return [];
  const tz = String(timeZone);
  if (tz.length === 0)
    return [fieldErrors.invalid(path, tz, "timeZone must be nil or non-empty string")];
  for (const part of tz.split("/")) {
    if (part === "." || part === ".." || part.startsWith("-") || !TZ_CHARACTERS.test(part))
      return [fieldErrors.invalid(path, tz, `unknown time zone ${tz}`)];
  }
  const errs: FieldError[] = [];
  if (tz.toLowerCase() === "local")
    errs.push(
      fieldErrors.invalid(
        path,
        tz,
        "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
      ),
    );
  if (!knownTimeZone(tz)) errs.push(fieldErrors.invalid(path, tz, `unknown time zone ${tz}`));
  return errs;
}

function validateSchedule(spec: Obj, path: string): FieldError[] {
  const schedule = typeof spec.schedule === "string" ? spec.schedule : "";
  if (schedule === "") return [fieldErrors.required(path, "")];
  const errs: FieldError[] = [];
  const parseError = cronScheduleError(schedule);
  if (parseError !== undefined) errs.push(fieldErrors.invalid(path, schedule, parseError));
  // (allowTZInSchedule holds only on updates of a schedule that already had TZ; see below.)
  if (schedule.includes("TZ"))
    errs.push(
      fieldErrors.invalid(
        path,
        schedule,
        "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
      ),
    );
  return errs;
}

/** ValidateJobTemplateSpec: the Job spec rules under spec.jobTemplate.spec. */
function validateJobTemplate(template: unknown, path: string): FieldError[] {
  const spec = obj(obj(template).spec);
  const errs: FieldError[] = [];
  for (const f of ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit"])
    errs.push(...nonNegative(spec[f], `${path}.spec.${f}`));
  errs.push(...validatePodTemplateSpec(spec.template, `${path}.spec.template`));
  const rp = obj(obj(spec.template).spec).restartPolicy;
  if (rp !== "OnFailure" && rp !== "Never")
    errs.push(
      fieldErrors.notSupported(`${path}.spec.template.spec.restartPolicy`, rp ?? "", [
        "OnFailure",
        "Never",
      ]),
    );
  if (spec.selector !== undefined && spec.selector !== null)
    errs.push(
      fieldErrors.invalid(
        `${path}.spec.selector`,
        spec.selector,
        "`selector` will be auto-generated",
      ),
    );
  if (spec.manualSelector === true)
    errs.push(fieldErrors.notSupported(`${path}.spec.manualSelector`, true, ["nil", "false"]));
  return errs;
}

/**
 * validateCronJobSpec as run on create. (On update Kubernetes lets a schedule that already held
 * TZ keep it and skips an unchanged timeZone; here updates are judged by the create rules.)
 */
function validateCronJobSpec(spec: Obj): FieldError[] {
  const errs = validateSchedule(spec, "spec.schedule");
  errs.push(...nonNegative(spec.startingDeadlineSeconds, "spec.startingDeadlineSeconds"));
  errs.push(...validateTimeZone(spec.timeZone, "spec.timeZone"));
  const policy = spec.concurrencyPolicy;
  if (policy === undefined || policy === "")
    errs.push(fieldErrors.required("spec.concurrencyPolicy", ""));
  else if (!CONCURRENCY_POLICIES.includes(String(policy)))
    errs.push(fieldErrors.notSupported("spec.concurrencyPolicy", policy, CONCURRENCY_POLICIES));
  errs.push(...validateJobTemplate(spec.jobTemplate, "spec.jobTemplate"));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, "spec.successfulJobsHistoryLimit"));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, "spec.failedJobsHistoryLimit"));
  return errs;
}

/** ValidateCronJobCreate (the object arrives defaulted: concurrencyPolicy is set). */
export function validateCronJob(cronJob: KubeObject): FieldError[] {
  const errs = validateObjectMeta(cronJob.metadata, true, isDNS1123Subdomain);
  errs.push(...validateCronJobSpec(obj(cronJob.spec)));
  const name = cronJob.metadata.name ?? "";
  if (name.length > MAX_NAME)
    errs.push(
      fieldErrors.invalid("metadata.name", name, `must be no more than ${MAX_NAME} characters`),
    );
  return errs;
}

/**
 * ValidateCronJobUpdate's own part: the job template's metadata follows the ObjectMeta update
 * rules. (The spec rules run through validateCreate; the 52-character limit is create-only.)
 */
export function validateCronJobUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const meta = (o: KubeObject) => obj(obj(obj(o.spec).jobTemplate).metadata);
  return validateObjectMetaUpdate(
    meta(next) as KubeObject["metadata"],
    meta(prev) as KubeObject["metadata"],
    "spec.jobTemplate.metadata",
  );
}
