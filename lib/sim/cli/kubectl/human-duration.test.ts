import { describe, expect, it } from "vitest";
import { humanDuration } from "./human-duration";

describe("humanDuration (apimachinery HumanDuration)", () => {
  it.each([
    [5_000, "5s"],
    [119_000, "119s"],
    [125_000, "2m5s"],
    [600_000, "10m"],
    [3 * 3600_000 + 5 * 60_000, "3h5m"],
    [9 * 3600_000, "9h"],
    [50 * 3600_000, "2d2h"],
    [10 * 86400_000, "10d"],
    [3 * 365 * 86400_000 + 2 * 86400_000, "3y2d"],
  ])("%d ms → %s", (ms, text) => expect(humanDuration(ms)).toBe(text));
});
