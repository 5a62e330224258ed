import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { applyDefaults } from "./defaults";

const CRONJOB = { group: "batch", kind: "CronJob" };

const sent = (spec: Record<string, unknown> = {}): KubeObject =>
  ({
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "tick", namespace: "default" },
    spec: {
      schedule: "@hourly",
      jobTemplate: {
        metadata: { name: "tick" },
        spec: {
          template: {
            spec: { containers: [{ name: "tick", image: "busybox" }], restartPolicy: "OnFailure" },
          },
        },
      },
      ...spec,
    },
  }) as KubeObject;

type Spec = Record<string, unknown> & {
  jobTemplate: { spec: Record<string, unknown> & { template: { spec: Record<string, unknown> } } };
};

describe("CronJob defaults (SetDefaults_CronJob, 1.28)", () => {
  it("fills policy, suspend and history limits, and the pod template's defaults", () => {
    const spec = applyDefaults(sent(), CRONJOB).spec as Spec;
    expect(spec).toMatchObject({
      concurrencyPolicy: "Allow",
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    });
    const pod = spec.jobTemplate.spec.template.spec;
    expect(pod).toMatchObject({ dnsPolicy: "ClusterFirst", terminationGracePeriodSeconds: 30 });
    expect((pod.containers as Record<string, unknown>[])[0]).toMatchObject({
      imagePullPolicy: "Always",
      terminationMessagePolicy: "File",
    });
    // Job-level defaults belong to Jobs (SetDefaults_Job), not to the template.
    expect(spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(spec.jobTemplate.spec.completions).toBeUndefined();
  });

  it("keeps what the client set", () => {
    const spec = applyDefaults(
      sent({
        concurrencyPolicy: "Forbid",
        suspend: true,
        successfulJobsHistoryLimit: 0,
        failedJobsHistoryLimit: 0,
      }),
      CRONJOB,
    ).spec as Spec;
    expect(spec).toMatchObject({
      concurrencyPolicy: "Forbid",
      suspend: true,
      successfulJobsHistoryLimit: 0,
      failedJobsHistoryLimit: 0,
    });
  });
});
