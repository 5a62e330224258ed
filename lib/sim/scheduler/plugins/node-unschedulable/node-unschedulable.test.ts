import { describe, expect, it } from "vitest";
import { Code } from "../../framework/status";
import { filterAll, makeNode, makePod, snapshotOf } from "../../testing/fixtures";
import { NodeUnschedulable } from "./node-unschedulable";

describe("NodeUnschedulable", () => {
  const snapshot = snapshotOf([
    makeNode("cordoned", { spec: { unschedulable: true } }),
    makeNode("open"),
  ]);

  it("keeps pods off cordoned nodes", () => {
    const verdicts = filterAll(new NodeUnschedulable(), makePod("web"), snapshot);
    expect(verdicts.get("open")).toBeNull();
    expect(verdicts.get("cordoned")!.code).toBe(Code.UnschedulableAndUnresolvable);
    expect(verdicts.get("cordoned")!.message()).toBe("node(s) were unschedulable");
  });

  it("admits pods tolerating node.kubernetes.io/unschedulable:NoSchedule", () => {
    const pod = makePod("ds", {
      spec: {
        tolerations: [
          { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
        ],
      },
    });
    expect(filterAll(new NodeUnschedulable(), pod, snapshot).get("cordoned")).toBeNull();
  });

  it("does not accept a toleration for another effect", () => {
    const pod = makePod("p", {
      spec: {
        tolerations: [
          { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoExecute" },
        ],
      },
    });
    expect(filterAll(new NodeUnschedulable(), pod, snapshot).get("cordoned")).not.toBeNull();
  });
});
