import { describe, expect, it } from "vitest";
import { Code } from "../../framework/status";
import { filterAll, makeNode, makePod, snapshotOf } from "../../testing/fixtures";
import { NodeName } from "./node-name";

describe("NodeName", () => {
  const snapshot = snapshotOf([makeNode("worker1"), makeNode("worker2")]);

  it("lets a pod without spec.nodeName onto any node", () => {
    const verdicts = filterAll(new NodeName(), makePod("web"), snapshot);
    expect([...verdicts.values()]).toEqual([null, null]);
  });

  it("rejects every other node, unresolvably, with the real reason", () => {
    const verdicts = filterAll(new NodeName(), makePod("web", { nodeName: "worker2" }), snapshot);
    expect(verdicts.get("worker2")).toBeNull();
    const status = verdicts.get("worker1")!;
    expect(status.code).toBe(Code.UnschedulableAndUnresolvable);
    expect(status.reasons).toEqual(["node(s) didn't match the requested node name"]);
  });
});
