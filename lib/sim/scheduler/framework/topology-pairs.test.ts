import { describe, expect, it } from "vitest";
import { TopologyPairCounts, topologyValue } from "./topology-pairs";

const zoneA = { "topology.kubernetes.io/zone": "a", "kubernetes.io/hostname": "n1" };
const zoneB = { "topology.kubernetes.io/zone": "b", "kubernetes.io/hostname": "n2" };
const ZONE = "topology.kubernetes.io/zone";

describe("topology pair counting", () => {
  it("reads a node's domain only when it has the label", () => {
    expect(topologyValue(zoneA, ZONE)).toBe("a");
    expect(topologyValue({ other: "x" }, ZONE)).toBeUndefined();
    expect(topologyValue(undefined, ZONE)).toBeUndefined();
    // A label named like an Object property is still just a label.
    expect(topologyValue({}, "constructor")).toBeUndefined();
  });

  it("forgets pairs that reach 0 for InterPodAffinity, keeps empty domains for PodTopologySpread", () => {
    const affinity = new TopologyPairCounts(true);
    affinity.addForNode(zoneA, ZONE, 1);
    affinity.addForNode(zoneA, ZONE, -1);
    affinity.addForNode({ other: "x" }, ZONE, 1);
    expect(affinity.size).toBe(0);

    const spread = new TopologyPairCounts(false);
    spread.addForNode(zoneA, ZONE, 0);
    spread.addForNode(zoneB, ZONE, 2);
    expect(spread.size).toBe(2);
    expect(spread.forNode(zoneA, ZONE)).toBe(0);
    expect(spread.forNode(zoneB, ZONE)).toBe(2);
  });

  it("gives the global minimum and the number of domains of a key, updated after changes", () => {
    const spread = new TopologyPairCounts(false);
    expect(spread.minOver(ZONE)).toEqual([2147483647, 0]);
    spread.addForNode(zoneA, ZONE, 3);
    spread.addForNode(zoneB, ZONE, 1);
    spread.addForNode(zoneA, "kubernetes.io/hostname", 0);
    expect(spread.minOver(ZONE)).toEqual([1, 2]);
    spread.addForNode(zoneB, ZONE, 5);
    expect(spread.minOver(ZONE)).toEqual([3, 2]);
    expect(spread.minOver("kubernetes.io/hostname")).toEqual([0, 1]);
  });

  it("sums a node's domains over its labels, and clones independently", () => {
    const scores = new TopologyPairCounts(false);
    scores.addForNode(zoneA, ZONE, 5);
    scores.addForNode(zoneA, "kubernetes.io/hostname", -2);
    expect(scores.sumForNode(zoneA)).toBe(3);
    expect(scores.sumForNode(zoneB)).toBe(0);
    const copy = scores.clone();
    copy.addForNode(zoneA, ZONE, 1);
    expect(scores.sumForNode(zoneA)).toBe(3);
    expect(copy.sumForNode(zoneA)).toBe(4);
  });
});
