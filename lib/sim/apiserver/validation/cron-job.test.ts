import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { applyDefaults } from "../admission/defaults";
import { validateCronJob, validateCronJobUpdate } from "./cron-job";
import { text } from "./test-helpers";

const info = { group: "batch", kind: "CronJob" };

/** What `kubectl create cronjob tick --image=busybox --schedule=...` sends, defaulted. */
function cronJob(spec: Record<string, unknown> = {}, name = "tick"): KubeObject {
  return applyDefaults(
    {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name, namespace: "default" },
      spec: {
        schedule: "*/1 * * * *",
        jobTemplate: {
          metadata: { name },
          spec: {
            template: {
              spec: {
                containers: [{ name, image: "busybox" }],
                restartPolicy: "OnFailure",
              },
            },
          },
        },
        ...spec,
      },
    } as KubeObject,
    info,
  );
}

describe("CronJob validation (ValidateCronJobCreate)", () => {
  it("accepts what kubectl create cronjob sends", () => {
    expect(validateCronJob(cronJob())).toEqual([]);
    expect(validateCronJob(cronJob({ schedule: "@hourly", timeZone: "Asia/Seoul" }))).toEqual([]);
  });

  it("requires and parses the schedule", () => {
    expect(text(validateCronJob(cronJob({ schedule: "" })))).toBe("spec.schedule: Required value");
    expect(text(validateCronJob(cronJob({ schedule: "*/1 * * *" })))).toBe(
      'spec.schedule: Invalid value: "*/1 * * *": expected exactly 5 fields, found 4: [*/1 * * *]',
    );
    expect(text(validateCronJob(cronJob({ schedule: "TZ=UTC 0 * * * *" })))).toContain(
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    );
  });

  it("checks the time zone", () => {
    expect(text(validateCronJob(cronJob({ timeZone: "Mars/Olympus" })))).toBe(
      'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    );
    expect(text(validateCronJob(cronJob({ timeZone: "" })))).toBe(
      'spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string',
    );
    expect(text(validateCronJob(cronJob({ timeZone: "../etc" })))).toBe(
      'spec.timeZone: Invalid value: "../etc": unknown time zone ../etc',
    );
  });

  it("checks the concurrency policy and history limits", () => {
    expect(text(validateCronJob(cronJob({ concurrencyPolicy: "Sometimes" })))).toBe(
      'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
    );
    expect(text(validateCronJob(cronJob({ successfulJobsHistoryLimit: -1 })))).toBe(
      "spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
    );
    expect(text(validateCronJob(cronJob({ startingDeadlineSeconds: -5 })))).toBe(
      "spec.startingDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0",
    );
  });

  it("limits the name to 52 characters, for the Jobs it spawns", () => {
    expect(text(validateCronJob(cronJob({}, "a".repeat(53))))).toBe(
      `metadata.name: Invalid value: "${"a".repeat(53)}": must be no more than 52 characters`,
    );
    expect(validateCronJob(cronJob({}, "a".repeat(52)))).toEqual([]);
  });

  it("validates the job template as a Job spec with a generated selector", () => {
    const always = cronJob();
    const tspec = (always.spec as { jobTemplate: { spec: Record<string, unknown> } }).jobTemplate
      .spec;
    (tspec.template as { spec: Record<string, unknown> }).spec.restartPolicy = "Always";
    tspec.selector = { matchLabels: { a: "b" } };
    tspec.backoffLimit = -1;
    const out = text(validateCronJob(always));
    expect(out).toContain(
      'spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
    expect(out).toContain("spec.jobTemplate.spec.selector: Invalid value:");
    expect(out).toContain("`selector` will be auto-generated");
    expect(out).toContain(
      "spec.jobTemplate.spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0",
    );
  });

  it("keeps the job template's name immutable on update", () => {
    const next = cronJob();
    (next.spec as { jobTemplate: { metadata: { name: string } } }).jobTemplate.metadata.name = "x";
    expect(text(validateCronJobUpdate(next, cronJob()))).toBe(
      'spec.jobTemplate.metadata.name: Invalid value: "x": field is immutable',
    );
    expect(validateCronJobUpdate(cronJob({ suspend: true }), cronJob())).toEqual([]);
  });
});
