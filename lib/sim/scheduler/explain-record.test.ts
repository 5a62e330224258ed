import { describe, expect, it } from "vitest";
import { Rng } from "../random";
import { explainRecord, PLUGIN_DESCRIPTIONS_KO } from "./explain-record";
import { DEFAULT_PROFILE, newFramework } from "./framework/registry";
import { Snapshot } from "./framework/snapshot";
import { scheduleOne } from "./schedule-one";
import { makeNode, makePod } from "./testing/fixtures";

const nodes = () => [
  makeNode("master1", {
    spec: { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] },
  }),
  makeNode("worker1", { cpu: "2" }),
  makeNode("worker2", { cpu: "4" }),
];

function attempt(pod = makePod("web", { requests: { cpu: "1" } })) {
  return scheduleOne({
    pod,
    framework: newFramework(),
    snapshot: new Snapshot({ nodes: nodes() }),
    rng: Rng.fromSeed("x"),
    cursor: { nextStartNodeIndex: 0 },
  });
}

describe("explainRecord", () => {
  it("explains a placement node by node, best score first", () => {
    const lines = explainRecord(attempt().record);
    expect(lines[0]!.text).toBe(
      "default/web 파드는 worker2 노드에 배치되었습니다. (노드 3개 중 3개 검사, 2개 통과)",
    );
    expect(lines[1]).toEqual({
      node: "master1",
      text: "master1: TaintToleration 필터에서 제외 — node(s) had untolerated taint {node-role.kubernetes.io/control-plane: } (선점으로도 해결 불가)",
    });
    expect(lines[2]!.node).toBe("worker2");
    expect(lines[2]!.text).toMatch(
      /^worker2: 통과, 총점 \d+ \(TaintToleration 100×3, NodeResourcesFit \d+×1, /,
    );
    expect(lines[3]!.node).toBe("worker1");
  });

  it("explains a pending pod with the FailedScheduling message", () => {
    const lines = explainRecord(attempt(makePod("huge", { requests: { cpu: "16" } })).record);
    expect(lines[0]!.text).toBe(
      "default/huge 파드를 배치할 노드가 없습니다: 0/3 nodes are available: 1 node(s) had untolerated taint " +
        "{node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: " +
        "1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..",
    );
    expect(lines.filter((l) => l.node).map((l) => l.node)).toEqual([
      "master1",
      "worker1",
      "worker2",
    ]);
  });

  it("describes every plugin of the default profile in Korean", () => {
    for (const { name } of DEFAULT_PROFILE.plugins)
      expect(PLUGIN_DESCRIPTIONS_KO[name]).toBeTruthy();
  });
});
