import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { jobPrinter } from "./job";

const T = Date.UTC(2026, 0, 5, 9, 0, 0);
const at = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

const job = (spec: Record<string, unknown>, status: Record<string, unknown>): KubeObject => ({
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name: "pi", namespace: "default", creationTimestamp: at(T) },
  spec: {
    selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "u1" } },
    template: { spec: { containers: [{ name: "pi", image: "perl:5.34" }] } },
    ...spec,
  },
  status,
});

describe("Job table (printJob, 1.28)", () => {
  it("a finished Job: succeeded/completions and the run's duration", () => {
    const row = jobPrinter.row(
      job({ completions: 1 }, { succeeded: 1, startTime: at(T), completionTime: at(T + 42_000) }),
      T + 600_000,
    );
    expect(row.cells).toEqual([
      "pi",
      "1/1",
      "42s",
      "10m",
      "pi",
      "perl:5.34",
      "batch.kubernetes.io/controller-uid=u1",
    ]);
  });

  it("a running Job counts its duration to now; no completions: n/1, or n/1 of parallelism", () => {
    expect(jobPrinter.row(job({}, { startTime: at(T) }), T + 90_000).cells.slice(1, 3)).toEqual([
      "0/1",
      "90s",
    ]);
    expect(jobPrinter.row(job({ parallelism: 3 }, {}), T).cells.slice(1, 3)).toEqual([
      "0/1 of 3",
      "",
    ]);
  });

  it("columns as kubectl shows them; the wide ones have priority 1", () => {
    expect(jobPrinter.columns.map((c) => [c.name, c.priority])).toEqual([
      ["Name", 0],
      ["Completions", 0],
      ["Duration", 0],
      ["Age", 0],
      ["Containers", 1],
      ["Images", 1],
      ["Selector", 1],
    ]);
  });
});
