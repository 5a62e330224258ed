import { describe, expect, it } from "vitest";
import type { Taint } from "../../api-types";
import { Code } from "../../framework/status";
import { filterAll, makeNode, makePod, scoreAll, snapshotOf } from "../../testing/fixtures";
import { TaintToleration } from "./taint-toleration";
import { toleratesTaint } from "./tolerations";

const controlPlane: Taint = { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" };

describe("TaintToleration filter", () => {
  const snapshot = snapshotOf([
    makeNode("master1", { spec: { taints: [controlPlane] } }),
    makeNode("gpu", {
      spec: { taints: [{ key: "dedicated", value: "gpu", effect: "NoExecute" }] },
    }),
    makeNode("soft", {
      spec: { taints: [{ key: "spot", value: "true", effect: "PreferNoSchedule" }] },
    }),
    makeNode("worker1"),
  ]);

  it("names the first untolerated NoSchedule/NoExecute taint as {key: value}", () => {
    const verdicts = filterAll(new TaintToleration(), makePod("web"), snapshot);
    expect(verdicts.get("master1")!.code).toBe(Code.UnschedulableAndUnresolvable);
    expect(verdicts.get("master1")!.message()).toBe(
      "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }",
    );
    expect(verdicts.get("gpu")!.message()).toBe("node(s) had untolerated taint {dedicated: gpu}");
    expect(verdicts.get("soft")).toBeNull();
    expect(verdicts.get("worker1")).toBeNull();
  });

  it("admits pods whose tolerations match", () => {
    const pod = makePod("cp", {
      spec: {
        tolerations: [
          {
            key: "node-role.kubernetes.io/control-plane",
            operator: "Exists",
            effect: "NoSchedule",
          },
          { key: "dedicated", operator: "Equal", value: "gpu" },
        ],
      },
    });
    const verdicts = filterAll(new TaintToleration(), pod, snapshot);
    expect([...verdicts.values()].every((v) => v === null)).toBe(true);
  });
});

describe("toleratesTaint", () => {
  const taint: Taint = { key: "k", value: "v", effect: "NoSchedule" };
  it.each([
    [{ operator: "Exists" as const }, true],
    [{ key: "k", operator: "Exists" as const }, true],
    [{ key: "k", value: "v" }, true],
    [{ key: "k", value: "other" }, false],
    [{ key: "k", value: "v", effect: "NoExecute" as const }, false],
    [{ key: "other", operator: "Exists" as const }, false],
  ])("%j → %s", (toleration, expected) => {
    expect(toleratesTaint(toleration, taint)).toBe(expected);
  });
});

describe("TaintToleration score", () => {
  it("reverse-normalizes the count of untolerated PreferNoSchedule taints", () => {
    const prefer = (key: string): Taint => ({ key, value: "x", effect: "PreferNoSchedule" });
    const snapshot = snapshotOf([
      makeNode("none"),
      makeNode("one", { spec: { taints: [prefer("a")] } }),
      makeNode("two", { spec: { taints: [prefer("a"), prefer("b")] } }),
    ]);
    const scores = scoreAll(new TaintToleration(), makePod("web"), snapshot)!;
    expect(scores.raw).toEqual({ none: 0, one: 1, two: 2 });
    expect(scores.normalized).toEqual({ none: 100, one: 50, two: 0 });

    const tolerant = makePod("t", { spec: { tolerations: [{ key: "a", operator: "Exists" }] } });
    expect(scoreAll(new TaintToleration(), tolerant, snapshot)!.normalized).toEqual({
      none: 100,
      one: 100,
      two: 0,
    });
  });
});
