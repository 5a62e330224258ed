import { describe, expect, it } from "vitest";
import { Code } from "../../framework/status";
import { filterAll, makeNode, makePod, scoreAll, snapshotOf } from "../../testing/fixtures";
import { NodeResourcesFit } from "./node-resources-fit";

describe("NodeResourcesFit filter", () => {
  const snapshot = snapshotOf(
    [
      makeNode("small", { cpu: "1", memory: "1Gi", pods: "1" }),
      makeNode("big", { cpu: "8", memory: "32Gi", allocatable: { "nvidia.com/gpu": "1" } }),
    ],
    [makePod("existing", { nodeName: "small", requests: { cpu: "500m", memory: "512Mi" } })],
  );

  it("lists every insufficient resource in kube-scheduler's order", () => {
    const pod = makePod("p", { requests: { cpu: "2", memory: "2Gi", "nvidia.com/gpu": "1" } });
    const verdicts = filterAll(new NodeResourcesFit(), pod, snapshot);
    expect(verdicts.get("small")!.code).toBe(Code.Unschedulable);
    expect(verdicts.get("small")!.reasons).toEqual([
      "Too many pods",
      "Insufficient cpu",
      "Insufficient memory",
      "Insufficient nvidia.com/gpu",
    ]);
    expect(verdicts.get("big")).toBeNull();
  });

  it("counts what is already requested on the node", () => {
    const roomy = snapshotOf(
      [makeNode("n", { cpu: "1", memory: "1Gi" })],
      [makePod("existing", { nodeName: "n", requests: { cpu: "500m" } })],
    );
    const fits = makePod("fits", { requests: { cpu: "500m" } });
    const tooMuch = makePod("too-much", { requests: { cpu: "501m" } });
    expect(filterAll(new NodeResourcesFit(), fits, roomy).get("n")).toBeNull();
    expect(filterAll(new NodeResourcesFit(), tooMuch, roomy).get("n")!.reasons).toEqual([
      "Insufficient cpu",
    ]);
  });

  it("only checks the pod count for pods that request nothing", () => {
    const full = snapshotOf([makeNode("n", { cpu: "0", memory: "0", pods: "1" })], []);
    expect(filterAll(new NodeResourcesFit(), makePod("empty"), full).get("n")).toBeNull();
  });

  it("uses the largest init container when it exceeds the app containers", () => {
    const pod = makePod("init", {
      requests: { cpu: "100m" },
      spec: { initContainers: [{ name: "init", resources: { requests: { cpu: "3" } } }] },
    });
    const node = snapshotOf([makeNode("n", { cpu: "2" })]);
    expect(filterAll(new NodeResourcesFit(), pod, node).get("n")!.reasons).toEqual([
      "Insufficient cpu",
    ]);
  });
});

describe("NodeResourcesFit score (LeastAllocated)", () => {
  it("scores the share of cpu and memory left, averaged", () => {
    const snapshot = snapshotOf(
      [
        makeNode("empty", { cpu: "4", memory: "8Gi" }),
        makeNode("busy", { cpu: "2", memory: "8Gi" }),
      ],
      [makePod("existing", { nodeName: "busy", requests: { cpu: "1", memory: "1Gi" } })],
    );
    const pod = makePod("p", { requests: { cpu: "1", memory: "2Gi" } });
    // empty: cpu (4000-1000)/4000 = 75, memory (8-2)/8 = 75 → 75
    // busy: cpu 2000/2000 used → 0, memory (8-3)/8 = 62 → (0+62)/2 = 31
    expect(scoreAll(new NodeResourcesFit(), pod, snapshot)!.raw).toEqual({ empty: 75, busy: 31 });
  });

  it("counts 100m/200Mi for containers without requests so empty pods still spread", () => {
    const snapshot = snapshotOf([makeNode("n", { cpu: "4", memory: "8Gi" })]);
    // cpu (4000-100)/4000 = 97.5 → 97; memory (8192-200)/8192 Mi = 97.5 → 97
    expect(scoreAll(new NodeResourcesFit(), makePod("p"), snapshot)!.raw).toEqual({ n: 97 });
  });
});
