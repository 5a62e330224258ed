import { describe, expect, it } from "vitest";
import type { MatrixColumn } from "../matrix/columns";
import { completionSeries, scoreHistogram } from "./completion-series";

const columns: MatrixColumn[] = [
  { key: "section:s/a", kind: "section", group: "g", label: "a", ref: "s/a" },
  { key: "section:s/b", kind: "section", group: "g", label: "b", ref: "s/b" },
];

describe("completionSeries", () => {
  it("accumulates per day over members × columns and fills quiet days", () => {
    const points = completionSeries(
      [
        { day: "2026-11-24", ref: "section:s/a", n: 2 },
        { day: "2026-11-24", ref: "section:gone/x", n: 5 }, // not a column any more
        { day: "2026-11-26", ref: "section:s/b", n: 1 },
      ],
      columns,
      4, // 8 cells
      "2026-11-27",
    );
    expect(points).toEqual([
      { day: "2026-11-24", percent: 25 },
      { day: "2026-11-25", percent: 25 },
      { day: "2026-11-26", percent: 37.5 },
      { day: "2026-11-27", percent: 37.5 },
    ]);
  });

  it("is empty without events or cells", () => {
    expect(completionSeries([], columns, 3, "2026-11-26")).toEqual([]);
    expect(
      completionSeries([{ day: "2026-11-26", ref: "section:s/a", n: 1 }], columns, 0, "2026-11-26"),
    ).toEqual([]);
  });
});

describe("scoreHistogram", () => {
  it("puts scores in ten-point buckets, 100 with the nineties", () => {
    const h = scoreHistogram([0, 9, 10, 55, 90, 100, 100]);
    expect(h.map((b) => b.learners)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 3]);
    expect(h[0]!.label).toBe("0–9");
    expect(h[9]!.label).toBe("90–100");
  });
});
