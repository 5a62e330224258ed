import { describe, expect, it } from "vitest";
import type { NodeSelectorTerm } from "../../api-types";
import { Code } from "../../framework/status";
import {
  filterAll,
  filterReasons,
  makeNode,
  makePod,
  scoreAll,
  snapshotOf,
} from "../../testing/fixtures";
import { NodeAffinity } from "./node-affinity";

const REASON = "node(s) didn't match Pod's node affinity/selector";
const snapshot = snapshotOf([
  makeNode("ssd-1", { labels: { disktype: "ssd", zone: "a", cores: "8" } }),
  makeNode("hdd-1", { labels: { disktype: "hdd", zone: "b", cores: "4" } }),
  makeNode("plain", { labels: { zone: "c" } }),
]);

const required = (...terms: NodeSelectorTerm[]) =>
  makePod("p", {
    spec: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
        },
      },
    },
  });

describe("NodeAffinity filter", () => {
  it("applies nodeSelector with the real reason, unresolvably", () => {
    const pod = makePod("p", { spec: { nodeSelector: { disktype: "ssd" } } });
    const verdicts = filterAll(new NodeAffinity(), pod, snapshot);
    expect(verdicts.get("ssd-1")).toBeNull();
    expect(verdicts.get("hdd-1")!.code).toBe(Code.UnschedulableAndUnresolvable);
    expect(verdicts.get("hdd-1")!.message()).toBe(REASON);
  });

  it.each([
    [{ key: "disktype", operator: "In" as const, values: ["ssd", "nvme"] }, ["ssd-1"]],
    [{ key: "disktype", operator: "NotIn" as const, values: ["ssd"] }, ["hdd-1", "plain"]],
    [{ key: "disktype", operator: "Exists" as const }, ["ssd-1", "hdd-1"]],
    [{ key: "disktype", operator: "DoesNotExist" as const }, ["plain"]],
    [{ key: "cores", operator: "Gt" as const, values: ["4"] }, ["ssd-1"]],
    [{ key: "cores", operator: "Lt" as const, values: ["8"] }, ["hdd-1"]],
    [{ key: "cores", operator: "Gt" as const, values: ["four"] }, []],
  ])("matchExpressions %j fits %j", (requirement, fits) => {
    const reasons = filterReasons(
      new NodeAffinity(),
      required({ matchExpressions: [requirement] }),
      snapshot,
    );
    expect(Object.keys(reasons).filter((n) => reasons[n] === "")).toEqual(fits);
  });

  it("ORs terms, ANDs requirements within a term, and an empty term matches nothing", () => {
    const pod = required(
      {
        matchExpressions: [
          { key: "zone", operator: "In", values: ["a"] },
          { key: "disktype", operator: "In", values: ["hdd"] },
        ],
      },
      { matchExpressions: [{ key: "zone", operator: "In", values: ["c"] }] },
      {},
    );
    const reasons = filterReasons(new NodeAffinity(), pod, snapshot);
    expect(reasons).toEqual({ "ssd-1": REASON, "hdd-1": REASON, plain: "" });
  });

  it("requires nodeSelector AND affinity together", () => {
    const pod = required({
      matchExpressions: [{ key: "zone", operator: "In", values: ["a", "b"] }],
    });
    pod.spec!.nodeSelector = { disktype: "hdd" };
    expect(filterReasons(new NodeAffinity(), pod, snapshot)).toEqual({
      "ssd-1": REASON,
      "hdd-1": "",
      plain: REASON,
    });
  });

  it("matches metadata.name fields and reports conflicting name pins at PreFilter", () => {
    const byName = required({
      matchFields: [{ key: "metadata.name", operator: "In", values: ["plain"] }],
    });
    expect(filterReasons(new NodeAffinity(), byName, snapshot)).toEqual({
      "ssd-1": REASON,
      "hdd-1": REASON,
      plain: "",
    });

    const conflict = required({
      matchFields: [
        { key: "metadata.name", operator: "In", values: ["ssd-1"] },
        { key: "metadata.name", operator: "In", values: ["hdd-1"] },
      ],
    });
    const verdicts = filterAll(new NodeAffinity(), conflict, snapshot);
    expect(verdicts.get("plain")!.message()).toBe("pod affinity terms conflict");
  });

  it("skips pods with no node constraints", () => {
    expect(Object.values(filterReasons(new NodeAffinity(), makePod("free"), snapshot))).toEqual([
      "",
      "",
      "",
    ]);
  });
});

describe("NodeAffinity score", () => {
  it("sums matching preferred weights and scales by the best node", () => {
    const pod = makePod("p", {
      spec: {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 2,
                preference: {
                  matchExpressions: [{ key: "zone", operator: "In", values: ["a", "b"] }],
                },
              },
              {
                weight: 8,
                preference: {
                  matchExpressions: [{ key: "disktype", operator: "In", values: ["ssd"] }],
                },
              },
            ],
          },
        },
      },
    });
    const scores = scoreAll(new NodeAffinity(), pod, snapshot)!;
    expect(scores.raw).toEqual({ "ssd-1": 10, "hdd-1": 2, plain: 0 });
    expect(scores.normalized).toEqual({ "ssd-1": 100, "hdd-1": 20, plain: 0 });
  });

  it("skips scoring without preferred terms", () => {
    expect(scoreAll(new NodeAffinity(), makePod("p"), snapshot)).toBeNull();
  });
});
