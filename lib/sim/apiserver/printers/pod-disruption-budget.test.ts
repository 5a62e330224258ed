import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { printTable } from "./table";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

const pdb = (spec: Record<string, unknown>, disruptionsAllowed: number): KubeObject => ({
  apiVersion: "policy/v1",
  kind: "PodDisruptionBudget",
  metadata: { name: "web", creationTimestamp: "2026-01-05T08:58:00Z" },
  spec,
  status: { disruptionsAllowed, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 },
});

describe("PodDisruptionBudget table (printPodDisruptionBudget)", () => {
  it("prints the set bound as written, N/A for the other, and the allowed disruptions", () => {
    const t = printTable(
      { group: "policy", resource: "poddisruptionbudgets" },
      [pdb({ minAvailable: 2 }, 1), pdb({ maxUnavailable: "25%" }, 0)],
      { now: T0 },
    );
    expect(t.columnDefinitions.map((c) => [c.name, c.type])).toEqual([
      ["Name", "string"],
      ["Min Available", "string"],
      ["Max Unavailable", "string"],
      ["Allowed Disruptions", "integer"],
      ["Age", "string"],
    ]);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ["web", "2", "N/A", 1, "2m"],
      ["web", "N/A", "25%", 0, "2m"],
    ]);
  });
});
