import { describe, expect, it } from "vitest";
import type { TopologySpreadConstraint } from "../../api-types";
import { Code } from "../../framework/status";
import {
  filterAll,
  filterReasons,
  makeNode,
  makePod,
  scoreAll,
  snapshotOf,
} from "../../testing/fixtures";
import { PodTopologySpread } from "./pod-topology-spread";

const ZONE = "topology.kubernetes.io/zone";
const SKEW = "node(s) didn't match pod topology spread constraints";
const MISSING = "node(s) didn't match pod topology spread constraints (missing required label)";

const nodes = [
  makeNode("n1", { labels: { [ZONE]: "a" } }),
  makeNode("n2", { labels: { [ZONE]: "a" } }),
  makeNode("n3", { labels: { [ZONE]: "b" } }),
  makeNode("nolabel"),
];
const web = (name: string, nodeName?: string) =>
  makePod(name, { labels: { app: "web" }, ...(nodeName ? { nodeName } : {}) });

const spread = (c: Partial<TopologySpreadConstraint> = {}, extra = {}) =>
  makePod("incoming", {
    labels: { app: "web" },
    spec: {
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: ZONE,
          whenUnsatisfiable: "DoNotSchedule",
          labelSelector: { matchLabels: { app: "web" } },
          ...c,
        },
      ],
      ...extra,
    },
  });

describe("PodTopologySpread filter", () => {
  it("rejects domains that would exceed maxSkew and nodes without the key", () => {
    const snapshot = snapshotOf(nodes, [web("w1", "n1"), web("w2", "n1")]);
    const verdicts = filterAll(new PodTopologySpread(), spread(), snapshot);
    expect(verdicts.get("n1")!.code).toBe(Code.Unschedulable);
    expect(verdicts.get("nolabel")!.code).toBe(Code.UnschedulableAndUnresolvable);
    expect(filterReasons(new PodTopologySpread(), spread(), snapshot)).toEqual({
      n1: SKEW,
      n2: SKEW,
      n3: "",
      nolabel: MISSING,
    });
  });

  it("treats the global minimum as 0 while fewer than minDomains domains exist", () => {
    const snapshot = snapshotOf(nodes, [web("w1", "n1"), web("w2", "n2"), web("w3", "n3")]);
    // a=2, b=1: min 1 → b fits (1+1−1 = 1)
    expect(filterReasons(new PodTopologySpread(), spread(), snapshot).n3).toBe("");
    // minDomains 3 > 2 domains → min 0 → b: 1+1−0 = 2 > 1
    expect(filterReasons(new PodTopologySpread(), spread({ minDomains: 3 }), snapshot).n3).toBe(
      SKEW,
    );
  });

  it("counts only nodes matching the pod's node affinity unless nodeAffinityPolicy is Ignore", () => {
    const snapshot = snapshotOf(nodes, [web("w1", "n1"), web("w2", "n1")]);
    const honor = spread({}, { nodeSelector: { [ZONE]: "a" } });
    // only zone a is a domain: min 2 → n2: 2+1−2 = 1 fits
    expect(filterReasons(new PodTopologySpread(), honor, snapshot).n2).toBe("");
    const ignore = spread({ nodeAffinityPolicy: "Ignore" }, { nodeSelector: { [ZONE]: "a" } });
    expect(filterReasons(new PodTopologySpread(), ignore, snapshot).n2).toBe(SKEW);
  });

  it("does not count pods in other namespaces or terminating pods", () => {
    const other = makePod("w-other", {
      namespace: "other",
      labels: { app: "web" },
      nodeName: "n1",
    });
    const leaving = web("leaving", "n1");
    leaving.metadata.deletionTimestamp = "2024-01-01T00:00:00Z";
    const snapshot = snapshotOf(nodes, [other, leaving]);
    expect(filterReasons(new PodTopologySpread(), spread(), snapshot).n1).toBe("");
  });

  it("skips pods without DoNotSchedule constraints", () => {
    const snapshot = snapshotOf(nodes);
    const soft = spread({ whenUnsatisfiable: "ScheduleAnyway" });
    expect(Object.values(filterReasons(new PodTopologySpread(), soft, snapshot))).toEqual([
      "",
      "",
      "",
      "",
    ]);
  });
});

describe("PodTopologySpread score", () => {
  it("prefers domains with fewer matching pods; nodes without the key score 0", () => {
    const snapshot = snapshotOf(nodes, [web("w1", "n1"), web("w2", "n1")]);
    const scores = scoreAll(
      new PodTopologySpread(),
      spread({ whenUnsatisfiable: "ScheduleAnyway" }),
      snapshot,
    )!;
    // zone a: 2 pods × ln(2 domains + 2) = 2.77 → 3; zone b: 0
    expect(scores.raw).toEqual({ n1: 3, n2: 3, n3: 0, nolabel: 0 });
    expect(scores.normalized).toEqual({ n1: 0, n2: 0, n3: 100, nolabel: 0 });
  });

  it("counts per node for the hostname key", () => {
    const snapshot = snapshotOf(nodes.slice(0, 3), [web("w1", "n1")]);
    const pod = spread({
      whenUnsatisfiable: "ScheduleAnyway",
      topologyKey: "kubernetes.io/hostname",
    });
    const scores = scoreAll(new PodTopologySpread(), pod, snapshot)!;
    // n1: 1 × ln(3 + 2) = 1.61 → 2
    expect(scores.raw).toEqual({ n1: 2, n2: 0, n3: 0 });
    expect(scores.normalized).toEqual({ n1: 0, n2: 100, n3: 100 });
  });

  it("skips scoring without ScheduleAnyway constraints", () => {
    expect(scoreAll(new PodTopologySpread(), makePod("p"), snapshotOf(nodes))).toBeNull();
  });
});
