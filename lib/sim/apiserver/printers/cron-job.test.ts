import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { printTable } from "./table";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

const cronJob = (spec: Record<string, unknown>, status: Record<string, unknown>): KubeObject => ({
  apiVersion: "batch/v1",
  kind: "CronJob",
  metadata: { name: "tick", creationTimestamp: "2026-01-05T08:55:00Z" },
  spec: {
    schedule: "*/1 * * * *",
    jobTemplate: {
      spec: { template: { spec: { containers: [{ name: "tick", image: "busybox" }] } } },
    },
    ...spec,
  },
  status,
});

describe("CronJob table (printCronJob)", () => {
  it("prints schedule, time zone, suspend, active jobs and last schedule", () => {
    const t = printTable(
      { group: "batch", resource: "cronjobs" },
      [
        cronJob({ suspend: false }, {}),
        cronJob(
          { suspend: true, timeZone: "Asia/Seoul" },
          { active: [{ name: "tick-1" }], lastScheduleTime: "2026-01-05T08:59:00Z" },
        ),
      ],
      { now: T0 },
    );
    expect(t.columnDefinitions.map((c) => [c.name, c.type, c.priority])).toEqual([
      ["Name", "string", 0],
      ["Schedule", "string", 0],
      ["Timezone", "string", 0],
      ["Suspend", "boolean", 0],
      ["Active", "integer", 0],
      ["Last Schedule", "string", 0],
      ["Age", "string", 0],
      ["Containers", "string", 1],
      ["Images", "string", 1],
      ["Selector", "string", 1],
    ]);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ["tick", "*/1 * * * *", "<none>", "False", 0, "<none>", "5m", "tick", "busybox", "<none>"],
      ["tick", "*/1 * * * *", "Asia/Seoul", "True", 1, "60s", "5m", "tick", "busybox", "<none>"],
    ]);
  });

  it("prints an unset suspend as <unset>", () => {
    const t = printTable({ group: "batch", resource: "cronjobs" }, [cronJob({}, {})], { now: T0 });
    expect(t.rows[0]?.cells[3]).toBe("<unset>");
  });
});
