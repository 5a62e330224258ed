import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { metricsTable } from "./metrics-table";

const pod = {
  metadata: { name: "web", namespace: "default", creationTimestamp: "2026-01-05T09:00:00Z" },
  timestamp: "2026-01-05T09:00:00Z",
  window: "15s",
  containers: [
    { name: "a", usage: { cpu: "150m", memory: "1Mi" } },
    { name: "b", usage: { cpu: "850m", memory: "1024Ki" } },
  ],
} as unknown as KubeObject;

describe("metrics-server's table", () => {
  it("Name, cpu, memory (a pod's containers summed), Window; metadata-only row objects", () => {
    const t = metricsTable([pod], { now: 0 });
    expect(t.columnDefinitions.map((c) => [c.name, c.format])).toEqual([
      ["Name", "name"],
      ["cpu", "quantity"],
      ["memory", "quantity"],
      ["Window", "duration"],
    ]);
    expect(t.rows[0]?.cells).toEqual(["web", "1", "2Mi", "15s"]);
    expect(t.rows[0]?.object).toMatchObject({
      kind: "PartialObjectMetadata",
      metadata: { name: "web", namespace: "default" },
    });
  });

  it("an empty list has no columns (kubectl then says No resources found)", () => {
    expect(metricsTable([], { now: 0 }).columnDefinitions).toEqual([]);
  });
});
