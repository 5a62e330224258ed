import { describe, expect, it } from "vitest";
import { makeNode, makePod, scoreAll, snapshotOf } from "../../testing/fixtures";
import {
  balancedResourceScore,
  NodeResourcesBalancedAllocation,
} from "./node-resources-balanced-allocation";

describe("NodeResourcesBalancedAllocation", () => {
  it("favours nodes whose cpu and memory fractions stay close", () => {
    const snapshot = snapshotOf(
      [
        makeNode("even", { cpu: "4", memory: "8Gi" }),
        makeNode("skewed", { cpu: "2", memory: "8Gi" }),
      ],
      [makePod("existing", { nodeName: "skewed", requests: { cpu: "1", memory: "1Gi" } })],
    );
    const pod = makePod("p", { requests: { cpu: "1", memory: "2Gi" } });
    // even: 0.25 vs 0.25 → 100; skewed: 1.0 vs 0.375 → std 0.3125 → 68
    expect(scoreAll(new NodeResourcesBalancedAllocation(), pod, snapshot)!.raw).toEqual({
      even: 100,
      skewed: 68,
    });
  });

  it("uses the population standard deviation for more than two resources", () => {
    // fractions 0.2, 0.5, 0.8 → mean 0.5, std sqrt(0.06) ≈ 0.2449 → 75
    expect(balancedResourceScore([2, 5, 8], [10, 10, 10])).toBe(75);
    expect(balancedResourceScore([20, 5], [10, 10])).toBe(75); // capped at 1: (1 − 0.5)/2
  });
});
