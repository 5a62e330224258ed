import { describe, expect, it } from "vitest";
import type { DescribeContext } from "./context";
import { describeCronJob } from "./cron-job";

const context: DescribeContext = {
  now: Date.UTC(2026, 0, 5, 9, 0, 0),
  events: async () => [],
  get: async () => undefined,
  list: async () => [],
};

const cronJob = (spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}) => ({
  apiVersion: "batch/v1",
  kind: "CronJob",
  metadata: { name: "tick", namespace: "default", uid: "u1" },
  spec: {
    schedule: "*/1 * * * *",
    concurrencyPolicy: "Allow",
    suspend: false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
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
  status,
});

describe("kubectl describe cronjob (describeCronJob)", () => {
  it("prints the text kubectl 1.28 prints for a fresh CronJob", async () => {
    // Captured from the real kubectl against the sandbox's REST face.
    expect(await describeCronJob(cronJob(), context)).toBe(
      [
        "Name:                          tick",
        "Namespace:                     default",
        "Labels:                        <none>",
        "Annotations:                   <none>",
        "Schedule:                      */1 * * * *",
        "Concurrency Policy:            Allow",
        "Suspend:                       False",
        "Successful Job History Limit:  3",
        "Failed Job History Limit:      1",
        "Starting Deadline Seconds:     <unset>",
        "Selector:                      <unset>",
        "Parallelism:                   <unset>",
        "Completions:                   <unset>",
        "Pod Template:",
        "  Labels:  <none>",
        "  Containers:",
        "   tick:",
        "    Image:           busybox",
        "    Port:            <none>",
        "    Host Port:       <none>",
        "    Environment:     <none>",
        "    Mounts:          <none>",
        "  Volumes:           <none>",
        "Last Schedule Time:  <unset>",
        "Active Jobs:         <none>",
        "Events:              <none>",
        "",
      ].join("\n"),
    );
  });

  it("lists active jobs and the last schedule time, deadline in seconds", async () => {
    const text = await describeCronJob(
      cronJob(
        { startingDeadlineSeconds: 30, suspend: true },
        {
          active: [{ name: "tick-1" }, { name: "tick-2" }],
          lastScheduleTime: "2026-01-05T08:59:00Z",
        },
      ),
      context,
    );
    expect(text).toMatch(/\nSuspend: +True\n/);
    expect(text).toMatch(/\nStarting Deadline Seconds: +30s\n/);
    expect(text).toMatch(/\nLast Schedule Time: +Mon, 05 Jan 2026 08:59:00 \+0000\n/);
    expect(text).toMatch(/\nActive Jobs: +tick-1, tick-2\n/);
  });
});
