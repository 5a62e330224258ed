import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { printTable } from "./table";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

describe("ResourceQuota table (printResourceQuota)", () => {
  it("prints NAME AGE REQUEST LIMIT, limits.* apart, names sorted, used/hard", () => {
    const quota = {
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: { name: "small", creationTimestamp: "2026-01-05T08:59:00Z" },
      spec: {},
      status: {
        hard: { pods: "2", "limits.memory": "1Gi", "requests.cpu": "1", configmaps: "5" },
        used: { pods: "1", "limits.memory": "256Mi", "requests.cpu": "250m" },
      },
    } as KubeObject;
    const t = printTable({ group: "", resource: "resourcequotas" }, [quota], { now: T0 });
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(["Name", "Age", "Request", "Limit"]);
    expect(t.rows[0]!.cells).toEqual([
      "small",
      "60s",
      "configmaps: 0/5, pods: 1/2, requests.cpu: 250m/1",
      "limits.memory: 256Mi/1Gi",
    ]);
  });
});
